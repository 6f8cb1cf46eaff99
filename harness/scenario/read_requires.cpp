#include <algorithm>
#include <charconv>

#include "harness/scenario/readers.h"
#include "harness/util/strings.h"

namespace scenario {

namespace {

// "1.21.1" -> {1, 21, 1}; "1.22" -> {1, 22, 0}; nullopt unless 1 to 3 dot-separated numbers.
std::optional<std::vector<int>> parse_version(std::string_view text) {
  std::vector<int> parts;
  for (const auto& part : util::split(std::string(text), '.')) {
    int value = 0;
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (part.empty() || ec != std::errc() || end != part.data() + part.size()) return std::nullopt;
    parts.push_back(value);
  }
  if (parts.empty() || parts.size() > 3) return std::nullopt;
  parts.resize(3, 0);
  return parts;
}

}  // namespace

util::Expected<VersionRange> parse_range(const std::string& text) {
  static const std::vector<std::string> ops = {">=", "<=", "==", ">", "<"};
  VersionRange range{text, {}};
  for (const auto& written : util::split(text, ',')) {
    std::string term(util::trim(written));
    auto op = std::find_if(ops.begin(), ops.end(),
                           [&](const std::string& o) { return util::starts_with(term, o); });
    if (op == ops.end()) {
      return util::fail(util::ErrorKind::InvalidScenario,
                        "version range '" + text + "': '" + term +
                            "' needs a comparison (>=, >, <=, <, ==) before the version");
    }
    std::string number(util::trim(std::string_view(term).substr(op->size())));
    if (!number.empty() && number.front() == 'v') number.erase(0, 1);
    auto version = parse_version(number);
    if (!version) {
      return util::fail(util::ErrorKind::InvalidScenario,
                        "version range '" + text + "': '" + number +
                            "' is not a version (1 to 3 numbers such as 1.21.1)");
    }
    range.comparisons.push_back({*op, *version});
  }
  return range;
}

namespace {

std::optional<VersionRange> read_range(Reader& reader, const Entry& entry) {
  auto text = reader.string(entry);
  if (!text) return std::nullopt;
  auto range = parse_range(*text);
  if (range) return *range;
  reader.error(reader.value_loc(entry), range.error().message);
  return std::nullopt;
}

// The boolean capabilities of a DAP `initialize` response (DAP specification 1.65).
const std::vector<std::string>& dap_capabilities() {
  static const std::vector<std::string> names = {"supportsConfigurationDoneRequest",
                                                 "supportsFunctionBreakpoints",
                                                 "supportsConditionalBreakpoints",
                                                 "supportsHitConditionalBreakpoints",
                                                 "supportsEvaluateForHovers",
                                                 "supportsStepBack",
                                                 "supportsSetVariable",
                                                 "supportsRestartFrame",
                                                 "supportsGotoTargetsRequest",
                                                 "supportsStepInTargetsRequest",
                                                 "supportsCompletionsRequest",
                                                 "supportsModulesRequest",
                                                 "supportsRestartRequest",
                                                 "supportsExceptionOptions",
                                                 "supportsValueFormattingOptions",
                                                 "supportsExceptionInfoRequest",
                                                 "supportTerminateDebuggee",
                                                 "supportSuspendDebuggee",
                                                 "supportsDelayedStackTraceLoading",
                                                 "supportsLoadedSourcesRequest",
                                                 "supportsLogPoints",
                                                 "supportsTerminateThreadsRequest",
                                                 "supportsSetExpression",
                                                 "supportsTerminateRequest",
                                                 "supportsDataBreakpoints",
                                                 "supportsReadMemoryRequest",
                                                 "supportsWriteMemoryRequest",
                                                 "supportsDisassembleRequest",
                                                 "supportsCancelRequest",
                                                 "supportsBreakpointLocationsRequest",
                                                 "supportsClipboardContext",
                                                 "supportsSteppingGranularity",
                                                 "supportsInstructionBreakpoints",
                                                 "supportsExceptionFilterOptions",
                                                 "supportsSingleThreadExecutionRequests",
                                                 "supportsDataBreakpointBytes",
                                                 "supportsANSIStyling"};
  return names;
}

// `capabilities: [NAME, ...]`: each a DAP capability name (typos get a suggestion).
void read_capabilities(Reader& reader, const Entry& entry, std::vector<std::string>& names) {
  if (!entry.value.IsSequence()) {
    reader.error(
        reader.value_loc(entry),
        "'capabilities' must be a list of DAP capability names, got " + describe(entry.value));
    return;
  }
  const auto& known = dap_capabilities();
  for (const auto& item : entry.value) {
    std::string name = item.IsScalar() ? item.Scalar() : "";
    if (std::find(known.begin(), known.end(), name) != known.end()) {
      names.push_back(name);
      continue;
    }
    std::string message = "unknown DAP capability '" + name + "'";
    std::string close = util::did_you_mean(name, known);
    if (!close.empty()) message += " (did you mean '" + close + "'?)";
    reader.error(reader.item_loc(entry.value, item), std::move(message));
  }
}

}  // namespace

bool VersionRange::contains(const std::vector<int>& version) const {
  for (const auto& c : comparisons) {
    bool holds = c.op == ">="   ? version >= c.version
                 : c.op == ">"  ? version > c.version
                 : c.op == "<=" ? version <= c.version
                 : c.op == "<"  ? version < c.version
                                : version == c.version;
    if (!holds) return false;
  }
  return true;
}

void read_requires(Reader& reader, const Entry& entry, Requirements& requirements) {
  static const std::vector<std::string> keys = {"dlv", "go", "os", "capabilities"};
  static const std::vector<std::string> systems = {"linux", "darwin", "windows", "freebsd"};
  requirements.loc = reader.key_loc(entry);
  auto pairs = reader.map_value(entry, &keys);
  if (!pairs) return;
  for (const auto& pair : *pairs) {
    if (pair.key == "dlv") {
      requirements.dlv = read_range(reader, pair);
    } else if (pair.key == "go") {
      requirements.go = read_range(reader, pair);
    } else if (pair.key == "os") {
      requirements.os = reader.choice(pair, systems, "os");
    } else {
      read_capabilities(reader, pair, requirements.capabilities);
    }
  }
}

void read_allow_events(Reader& reader, const Entry& entry, std::vector<std::string>& events) {
  if (auto names = reader.strings(entry)) events = std::move(*names);
}

}  // namespace scenario
