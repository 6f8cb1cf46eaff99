#include <algorithm>

#include "harness/scenario/readers.h"
#include "harness/scenario/yaml_reader.h"
#include "harness/util/strings.h"

// The combining matchers: `absent`, `any_of` (alternatives, each maybe for some versions only),
// `all_of` and `none_of`.
namespace scenario {

namespace {

// Whether `range` admits `version`; an unset range admits every version.
bool admits(const std::optional<VersionRange>& range, const std::vector<int>& version) {
  return !range || range->contains(version);
}

// "12 when dlv >=1.22" for the message of an any_of none of whose alternatives applies.
std::string conditional_text(const match::Matcher& m, const std::optional<VersionRange>& dlv,
                             const std::optional<VersionRange>& go) {
  std::string text = m.describe() + " when";
  if (dlv) text += " dlv " + dlv->text;
  if (go) text += std::string(dlv ? "," : "") + " go " + go->text;
  return text;
}

}  // namespace

const std::vector<std::string>& matcher_keywords() {
  static const std::vector<std::string> keywords = [] {
    std::vector<std::string> all = match::Matcher::op_names();
    all.insert(all.end(), {"absent", "any_of", "all_of", "none_of"});
    return all;
  }();
  return keywords;
}

bool is_combinator(const std::string& key) {
  return key == "absent" || key == "any_of" || key == "all_of" || key == "none_of";
}

bool Reader::read_alternative(const YAML::Node& item, std::vector<match::Matcher>& kept,
                              std::vector<std::string>& left_out) {
  Entry whole{"any_of item", item, item};
  if (!item.IsMap() || !item["when"]) {
    auto m = matcher(whole);
    if (m) kept.push_back(std::move(*m));
    return m.has_value();
  }
  YAML::Node rest;
  std::optional<VersionRange> dlv, go;
  bool ok = true;
  for (const auto& pair : entries(item, nullptr)) {
    if (pair.key != "when") {
      rest[pair.key_node] = pair.value;
      continue;
    }
    static const std::vector<std::string> keys = {"dlv", "go"};
    auto conditions = map_value(pair, &keys);
    ok = ok && conditions && !conditions->empty();
    if (conditions && conditions->empty()) error(value_loc(pair), "'when' needs 'dlv' or 'go'");
    for (const auto& condition : conditions.value_or(std::vector<Entry>{})) {
      auto text = string(condition);
      auto range =
          text ? parse_range(*text)
               : util::Expected<VersionRange>(util::fail(util::ErrorKind::InvalidScenario, ""));
      if (!range) {
        if (text) error(value_loc(condition), range.error().message);
        ok = false;
        continue;
      }
      (condition.key == "dlv" ? dlv : go) = *range;
    }
  }
  auto m = matcher(Entry{"any_of item", item, rest});
  if (!m || !ok) return false;
  if (!cell_ || (admits(dlv, cell_->dlv) && admits(go, cell_->go))) {
    kept.push_back(std::move(*m));
  } else {
    left_out.push_back(conditional_text(*m, dlv, go));
  }
  return true;
}

std::optional<match::Matcher> Reader::combined_matcher(const Entry& op_entry) {
  SourceLoc where = key_loc(op_entry);
  if (op_entry.key == "absent") {
    if (op_entry.value.IsScalar() && op_entry.value.Scalar() == "true")
      return match::Matcher::absent(where);
    error(value_loc(op_entry),
          "'absent' takes true (the value must be missing), got " + describe(op_entry.value));
    return std::nullopt;
  }
  if (!op_entry.value.IsSequence() || op_entry.value.size() == 0) {
    std::string got = op_entry.value.IsSequence() ? "an empty list" : describe(op_entry.value);
    error(value_loc(op_entry),
          "'" + op_entry.key + "' takes a list of one or more matchers, got " + got);
    return std::nullopt;
  }
  std::vector<match::Matcher> parts;
  std::vector<std::string> left_out;
  bool ok = true;
  for (const auto& item : op_entry.value) {
    if (op_entry.key == "any_of") {
      ok = read_alternative(item, parts, left_out) && ok;
      continue;
    }
    if (item.IsMap() && item["when"]) {
      error(loc(item),
            "'when' belongs to an alternative of 'any_of', not to '" + op_entry.key + "'");
      ok = false;
      continue;
    }
    auto m = matcher(Entry{op_entry.key + " item", item, item});
    ok = ok && m;
    if (m) parts.push_back(std::move(*m));
  }
  if (!ok) return std::nullopt;
  if (op_entry.key == "all_of") return match::Matcher::all_of(std::move(parts), where);
  if (op_entry.key == "none_of") return match::Matcher::none_of(std::move(parts), where);
  std::string unmet;
  if (parts.empty())
    unmet = "an alternative for " + cell_->text +
            " (none applies; written: " + util::join(left_out, " | ") + ")";
  return match::Matcher::any_of(std::move(parts), where, unmet);
}

}  // namespace scenario
