#include "harness/scenario/readers.h"

namespace scenario {

namespace {

// `page: {filter: indexed|named, start: N, count: N}`; `filter` is required.
std::optional<VariablePage> read_page(Reader& reader, const Entry& entry) {
  static const std::vector<std::string> keys = {"filter", "start", "count"};
  static const std::vector<std::string> filters = {"indexed", "named"};
  auto pairs = reader.map_value(entry, &keys);
  if (!pairs) return std::nullopt;
  VariablePage page;
  page.loc = reader.key_loc(entry);
  bool has_filter = false;
  bool ok = true;
  for (const auto& pair : *pairs) {
    if (pair.key == "filter") {
      has_filter = true;
      auto filter = reader.choice(pair, filters, "filter");
      if (filter) page.filter = *filter;
      ok = ok && filter;
    } else {
      auto number = reader.integer(pair, pair.key == "count" ? 1 : 0);
      if (number) (pair.key == "start" ? page.start : page.count) = *number;
      ok = ok && number;
    }
  }
  if (!has_filter) {
    reader.missing(entry.value.IsNull() ? reader.key_loc(entry) : reader.value_loc(entry), "filter",
                   "'page'");
    return std::nullopt;
  }
  if (!ok) return std::nullopt;
  return page;
}

// `page:` one page map, or a list of them.
std::vector<VariablePage> read_pages(Reader& reader, const Entry& entry) {
  std::vector<VariablePage> pages;
  if (!entry.value.IsSequence()) {
    if (auto page = read_page(reader, entry)) pages.push_back(std::move(*page));
    return pages;
  }
  if (entry.value.size() == 0)
    reader.error(reader.value_loc(entry), "'page' needs at least one page");
  for (const auto& item : entry.value)
    if (auto page = read_page(reader, Entry{entry.key, entry.key_node, item}))
      pages.push_back(std::move(*page));
  return pages;
}

}  // namespace

std::optional<EachExpect> read_each(Reader& reader, const Entry& entry) {
  static const std::vector<std::string> keys = {"name", "value", "type"};
  auto pairs = reader.map_value(entry, &keys);
  if (!pairs) return std::nullopt;
  EachExpect each;
  each.loc = reader.key_loc(entry);
  bool ok = pairs->size() == (entry.value.IsMap() ? entry.value.size() : 0);
  for (const auto& pair : *pairs) {
    auto matcher = reader.matcher(pair);
    ok = ok && matcher;
    (pair.key == "name" ? each.name : pair.key == "value" ? each.value : each.type) = matcher;
  }
  if (ok && pairs->empty())
    reader.error(reader.value_loc(entry), "'each' needs name, value or type");
  if (!ok || pairs->empty()) return std::nullopt;
  return each;
}

bool read_list_option(Reader& reader, const Entry& pair, ListExpect& list) {
  if (pair.key == "each") {
    list.each = read_each(reader, pair);
    return true;
  }
  if (pair.key != "exact" && pair.key != "ordered") return false;
  if (auto flag = reader.boolean(pair)) (pair.key == "exact" ? list.exact : list.ordered) = *flag;
  return true;
}

std::optional<VarExpect> read_variable(Reader& reader, const Entry& entry) {
  static const std::vector<std::string> keys = {
      "value", "type",     "evaluate_name", "absent",  "count", "indexed",  "named", "distinct",
      "page",  "children", "exact",         "ordered", "each",  "position", "save"};
  VarExpect var;
  var.name = entry.key;
  var.loc = reader.key_loc(entry);
  if (!entry.value.IsNull() && !entry.value.IsMap()) {
    reader.error(reader.value_loc(entry),
                 "variable '" + entry.key +
                     "' must be a map of expectations (value, type, count, indexed, named, "
                     "children), got " +
                     describe(entry.value));
    return std::nullopt;
  }
  auto pairs = reader.map_value(entry, &keys);
  if (!pairs) return std::nullopt;
  const Entry* absent_key = nullptr;
  for (const auto& pair : *pairs) {
    if (pair.key == "children") {
      auto children = reader.map_value(pair, nullptr);
      if (!children) continue;
      for (const auto& child : *children)
        if (auto expect = read_variable(reader, child)) var.children.push_back(std::move(*expect));
      continue;
    }
    if (pair.key == "absent") {
      absent_key = &pair;
      if (auto absent = reader.boolean(pair)) var.absent = *absent;
      continue;
    }
    if (pair.key == "page") {
      var.pages = read_pages(reader, pair);
      continue;
    }
    if (read_list_option(reader, pair, var.children_list)) continue;
    if (pair.key == "position") {
      var.position = reader.integer(pair, 0);
      continue;
    }
    if (pair.key == "save") {
      var.save = read_capture_name(reader, pair);
      continue;
    }
    auto matcher = reader.matcher(pair);
    if (pair.key == "value") var.value = std::move(matcher);
    if (pair.key == "type") var.type = std::move(matcher);
    if (pair.key == "evaluate_name") var.evaluate_name = std::move(matcher);
    if (pair.key == "count") var.count = std::move(matcher);
    if (pair.key == "indexed") var.indexed = std::move(matcher);
    if (pair.key == "named") var.named = std::move(matcher);
    if (pair.key == "distinct") var.distinct = std::move(matcher);
  }
  if (var.absent) {
    for (const auto& pair : *pairs) {
      if (&pair == absent_key) continue;
      reader.error(reader.key_loc(pair), "variable '" + entry.key +
                                             "' is expected to be absent: '" + pair.key +
                                             "' cannot be checked");
    }
  }
  const auto& list = var.children_list;
  bool checks_children =
      var.count || var.distinct || !var.children.empty() || list.exact || list.ordered || list.each;
  if (!var.pages.empty() && !checks_children) {
    reader.error(var.pages.front().loc, "'page' of variable '" + entry.key +
                                            "' needs 'count', 'distinct', 'children' or 'each' "
                                            "to check");
  }
  return var;
}

}  // namespace scenario
