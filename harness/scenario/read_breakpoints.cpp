#include "harness/scenario/readers.h"

namespace scenario {
namespace {

// Where the keys that depend on `verified` were written, for check_verification().
struct VerificationKeys {
  std::optional<SourceLoc> message;
  std::optional<SourceLoc> resolved;
};

// `resolved: {file, line}`: matchers on where dlv placed the breakpoint; at least one key.
std::optional<Resolved> read_resolved(Reader& reader, const Entry& pair) {
  static const std::vector<std::string> keys = {"file", "line"};
  auto pairs = reader.map_value(pair, &keys);
  if (!pairs) return std::nullopt;
  if (pairs->empty()) {  // nothing written, or only unknown keys (already reported)
    if (pair.value.size() == 0)
      reader.error(reader.value_loc(pair), "'resolved' needs 'file' or 'line'");
    return std::nullopt;
  }
  Resolved resolved;
  for (const auto& entry : *pairs)
    (entry.key == "file" ? resolved.file : resolved.line) = reader.matcher(entry);
  return resolved;
}

// The fields a line and a function breakpoint share; true if `pair` was one of them.
// `written` receives where `message` and `resolved` were written.
template <class Breakpoint>
bool read_common(Reader& reader, const Entry& pair, Breakpoint& breakpoint, Pending& pending,
                 VerificationKeys& written) {
  if (pair.key == "id") {
    if (auto id = reader.string(pair)) {
      breakpoint.id = *id;
      pending.breakpoint_ids.emplace_back(*id, reader.value_loc(pair));
    }
  } else if (pair.key == "condition") {
    breakpoint.condition = reader.string(pair);
  } else if (pair.key == "hitCondition") {
    breakpoint.hit_condition = reader.string(pair);
  } else if (pair.key == "verified") {
    if (auto verified = reader.boolean(pair)) breakpoint.verification.verified = *verified;
  } else if (pair.key == "message") {
    breakpoint.verification.message = reader.matcher(pair);
    written.message = reader.key_loc(pair);
  } else if (pair.key == "resolved") {
    breakpoint.verification.resolved = read_resolved(reader, pair);
    written.resolved = reader.key_loc(pair);
  } else {
    return false;
  }
  return true;
}

// `message` describes why dlv refused a breakpoint: it needs `verified: false`; `resolved`
// is where dlv placed it: it needs a verified one.
void check_verification(Reader& reader, const Verification& verification,
                        const VerificationKeys& written) {
  if (written.message && verification.verified)
    reader.error(*written.message,
                 "'message' needs 'verified: false' (a verified breakpoint has none)");
  if (written.resolved && !verification.verified)
    reader.error(*written.resolved,
                 "'resolved' needs a verified breakpoint (dlv places no unverified one)");
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
  static const std::vector<std::string> keys = {
      "id", "line", "condition", "hitCondition", "logMessage", "verified", "message", "resolved"};
  if (!is_map_item(reader, list, item, "a breakpoint")) return std::nullopt;
  SourceBreakpoint breakpoint;
  breakpoint.loc = reader.loc(item);
  bool has_line = false;
  VerificationKeys written;
  for (const auto& pair : reader.entries(item, &keys)) {
    if (read_common(reader, pair, breakpoint, pending, written)) continue;
    if (pair.key == "logMessage") {
      breakpoint.log_message = reader.string(pair);
      continue;
    }
    has_line = true;  // the only other key allowed is `line`
    if (auto line = reader.integer(pair, 1)) breakpoint.line = *line;
  }
  if (!has_line) reader.missing(breakpoint.loc, "line", "breakpoint");
  check_verification(reader, breakpoint.verification, written);
  return breakpoint;
}

// The breakpoints of one file: `list` must be a list of breakpoint maps.
void read_file_breakpoints(Reader& reader, const Entry& pair, BreakpointFile& file,
                           Pending& pending) {
  if (!pair.value.IsSequence()) {
    reader.error(reader.value_loc(pair),
                 "breakpoints of '" + file.file + "' must be a list, got " + describe(pair.value));
    return;
  }
  for (const auto& item : pair.value)
    if (auto breakpoint = read_source_breakpoint(reader, pair.value, item, pending))
      file.breakpoints.push_back(std::move(*breakpoint));
}

}  // namespace

void read_breakpoints(Reader& reader, const Entry& entry, std::vector<BreakpointFile>& files,
                      Pending& pending) {
  auto pairs = reader.map_value(entry, nullptr);
  if (!pairs) return;
  for (const auto& pair : *pairs) {
    BreakpointFile file{pair.key, {}, reader.key_loc(pair)};
    read_file_breakpoints(reader, pair, file, pending);
    files.push_back(std::move(file));
  }
}

void read_function_breakpoints(Reader& reader, const Entry& entry,
                               std::vector<FunctionBreakpoint>& breakpoints, Pending& pending) {
  static const std::vector<std::string> keys = {"id",       "function", "condition", "hitCondition",
                                                "verified", "message",  "resolved"};
  if (entry.value.IsNull()) return;
  if (!entry.value.IsSequence()) {
    reader.error(reader.value_loc(entry),
                 "'" + entry.key + "' must be a list, got " + describe(entry.value));
    return;
  }
  for (const auto& item : entry.value) {
    if (!is_map_item(reader, entry.value, item, "a function breakpoint")) continue;
    FunctionBreakpoint breakpoint;
    breakpoint.loc = reader.loc(item);
    bool has_function = false;
    VerificationKeys written;
    for (const auto& pair : reader.entries(item, &keys)) {
      if (read_common(reader, pair, breakpoint, pending, written)) continue;
      has_function = true;  // the only other key allowed is `function`
      if (auto function = reader.string(pair)) breakpoint.function = *function;
    }
    if (!has_function) reader.missing(breakpoint.loc, "function", "function breakpoint");
    check_verification(reader, breakpoint.verification, written);
    breakpoints.push_back(std::move(breakpoint));
  }
}

std::optional<StepKind> read_set_breakpoints(Reader& reader, const Entry& body) {
  static const std::vector<std::string> keys = {"file", "breakpoints"};
  auto pairs = reader.map_value(body, &keys);
  if (!pairs) return std::nullopt;
  Pending pending;
  SetBreakpoints set;
  set.file.loc = body.value.IsNull() ? reader.key_loc(body) : reader.value_loc(body);
  bool has_file = false, has_breakpoints = false;
  for (const auto& pair : *pairs) {
    if (pair.key == "file") {
      has_file = true;
      if (auto file = reader.string(pair)) set.file.file = *file;
      set.file.loc = reader.value_loc(pair);
    } else {
      has_breakpoints = true;
      read_file_breakpoints(reader, pair, set.file, pending);
    }
  }
  if (!has_file) reader.missing(set.file.loc, "file", "'set_breakpoints'");
  if (!has_breakpoints) reader.missing(set.file.loc, "breakpoints", "'set_breakpoints'");
  check_unique_ids(reader, pending.breakpoint_ids);
  if (!has_file) return std::nullopt;
  return set;
}

void read_exception_filters(Reader& reader, const Entry& entry, Scenario& scenario) {
  // The filters dlv (>= 1.26.0) offers in its initialize response.
  static const std::vector<std::string> filters = {"unrecovered-panic", "runtime-fatal-throw"};
  scenario.exception_filters_loc = reader.value_loc(entry);
  if (!entry.value.IsSequence()) {
    reader.error(reader.value_loc(entry),
                 "'exception_filters' must be a list, got " + describe(entry.value));
    return;
  }
  std::vector<std::string> chosen;
  for (std::size_t i = 0; i < entry.value.size(); ++i) {
    Entry item{"exception_filters[" + std::to_string(i) + "]", entry.value[i], entry.value[i]};
    if (auto filter = reader.choice(item, filters, "exception filter")) chosen.push_back(*filter);
  }
  scenario.exception_filters = std::move(chosen);
}

std::optional<StepKind> read_set_function_breakpoints(Reader& reader, const Entry& body) {
  Pending pending;
  SetFunctionBreakpoints set;
  read_function_breakpoints(reader, body, set.breakpoints, pending);
  check_unique_ids(reader, pending.breakpoint_ids);
  return set;
}

}  // namespace scenario
