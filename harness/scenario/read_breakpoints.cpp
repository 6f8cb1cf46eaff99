#include "harness/scenario/readers.h"

namespace scenario {
namespace {

// The fields a line and a function breakpoint share; true if `pair` was one of them.
template <class Breakpoint>
bool read_common(Reader& reader, const Entry& pair, Breakpoint& breakpoint, Pending& pending) {
  if (pair.key == "id") {
    if (auto id = reader.string(pair)) {
      breakpoint.id = *id;
      pending.breakpoint_ids.emplace_back(*id, reader.value_loc(pair));
    }
  } else if (pair.key == "condition") {
    breakpoint.condition = reader.string(pair);
  } else if (pair.key == "hitCondition") {
    breakpoint.hit_condition = reader.string(pair);
  } else {
    return false;
  }
  return true;
}

// Checks that `item` of `list` is a map; reports "<what> must be a map, got ...".
bool is_map_item(Reader& reader, const YAML::Node& list, const YAML::Node& item,
                 const std::string& what) {
  if (item.IsMap()) return true;
  reader.error(reader.item_loc(list, item), what + " must be a map, got " + describe(item));
  return false;
}

std::optional<SourceBreakpoint> read_source_breakpoint(Reader& reader, const YAML::Node& list,
                                                       const YAML::Node& item, Pending& pending) {
  static const std::vector<std::string> keys = {"id", "line", "condition", "hitCondition"};
  if (!is_map_item(reader, list, item, "a breakpoint")) return std::nullopt;
  SourceBreakpoint breakpoint;
  breakpoint.loc = reader.loc(item);
  bool has_line = false;
  for (const auto& pair : reader.entries(item, &keys)) {
    if (read_common(reader, pair, breakpoint, pending)) continue;
    has_line = true;  // the only other key allowed is `line`
    if (auto line = reader.integer(pair, 1)) breakpoint.line = *line;
  }
  if (!has_line) reader.missing(breakpoint.loc, "line", "breakpoint");
  return breakpoint;
}

}  // namespace

void read_breakpoints(Reader& reader, const Entry& entry, std::vector<BreakpointFile>& files,
                      Pending& pending) {
  auto pairs = reader.map_value(entry, nullptr);
  if (!pairs) return;
  for (const auto& pair : *pairs) {
    BreakpointFile file{pair.key, {}, reader.key_loc(pair)};
    if (!pair.value.IsSequence()) {
      reader.error(reader.value_loc(pair),
                   "breakpoints of '" + pair.key + "' must be a list, got " + describe(pair.value));
      continue;
    }
    for (const auto& item : pair.value)
      if (auto breakpoint = read_source_breakpoint(reader, pair.value, item, pending))
        file.breakpoints.push_back(std::move(*breakpoint));
    files.push_back(std::move(file));
  }
}

void read_function_breakpoints(Reader& reader, const Entry& entry,
                               std::vector<FunctionBreakpoint>& breakpoints, Pending& pending) {
  static const std::vector<std::string> keys = {"id", "function", "condition", "hitCondition"};
  if (entry.value.IsNull()) return;
  if (!entry.value.IsSequence()) {
    reader.error(reader.value_loc(entry),
                 "'function_breakpoints' must be a list, got " + describe(entry.value));
    return;
  }
  for (const auto& item : entry.value) {
    if (!is_map_item(reader, entry.value, item, "a function breakpoint")) continue;
    FunctionBreakpoint breakpoint;
    breakpoint.loc = reader.loc(item);
    bool has_function = false;
    for (const auto& pair : reader.entries(item, &keys)) {
      if (read_common(reader, pair, breakpoint, pending)) continue;
      has_function = true;  // the only other key allowed is `function`
      if (auto function = reader.string(pair)) breakpoint.function = *function;
    }
    if (!has_function) reader.missing(breakpoint.loc, "function", "function breakpoint");
    breakpoints.push_back(std::move(breakpoint));
  }
}

}  // namespace scenario
