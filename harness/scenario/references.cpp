#include <algorithm>
#include <map>

#include "harness/scenario/readers.h"
#include "harness/util/strings.h"

namespace scenario {
namespace fs = std::filesystem;

namespace {

// The regular files next to where `wanted` would be, as paths relative to the program directory.
std::vector<std::string> neighbours(const fs::path& program_dir, const fs::path& wanted) {
  std::vector<std::string> names;
  std::error_code ec;
  fs::path folder = wanted.parent_path();
  for (fs::directory_iterator it(program_dir / folder, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec)) names.push_back((folder / it->path().filename()).generic_string());
  std::sort(names.begin(), names.end());
  return names;
}

void check_breakpoint_files(Reader& reader, const Scenario& scenario, const std::string& program) {
  std::vector<const BreakpointFile*> files;
  for (const auto& file : scenario.breakpoints) files.push_back(&file);
  for (const auto& step : scenario.steps)
    if (const auto* set = std::get_if<SetBreakpoints>(&step.kind)) files.push_back(&set->file);
  for (const BreakpointFile* each : files) {
    const BreakpointFile& file = *each;
    std::error_code ec;
    if (fs::is_regular_file(scenario.program_dir / file.file, ec)) continue;
    std::string message =
        "breakpoint file '" + file.file + "' not found in program '" + program + "'";
    std::string close = util::did_you_mean(file.file, neighbours(scenario.program_dir, file.file));
    if (!close.empty()) message += " (did you mean '" + close + "'?)";
    reader.error(file.loc, std::move(message));
  }
}

void check_cwd(Reader& reader, const Scenario& scenario, const std::string& program,
               const Pending& pending) {
  if (!scenario.launch.cwd || !pending.cwd_loc) return;
  std::error_code ec;
  if (fs::is_directory(scenario.program_dir / *scenario.launch.cwd, ec)) return;
  reader.error(*pending.cwd_loc, "cwd '" + *scenario.launch.cwd +
                                     "' is not a directory in program '" + program + "'");
}

}  // namespace

void check_unique_ids(Reader& reader,
                      const std::vector<std::pair<std::string, SourceLoc>>& declared) {
  auto ids = declared;
  std::stable_sort(ids.begin(), ids.end(), [](const auto& a, const auto& b) {
    return std::pair(a.second.line, a.second.col) < std::pair(b.second.line, b.second.col);
  });
  std::map<std::string, SourceLoc> first;
  for (const auto& [id, loc] : ids) {
    if (id.empty()) continue;
    auto [it, inserted] = first.emplace(id, loc);
    if (inserted) continue;
    reader.error(loc, "duplicate breakpoint id '" + id + "' (first at " +
                          std::to_string(it->second.line) + ":" + std::to_string(it->second.col) +
                          ")");
  }
}

namespace {

// The breakpoint ids a set_breakpoints / set_function_breakpoints step declares.
std::vector<std::string> ids_declared_by(const Step& step) {
  std::vector<std::string> ids;
  if (const auto* set = std::get_if<SetBreakpoints>(&step.kind))
    for (const auto& bp : set->file.breakpoints) ids.push_back(bp.id);
  if (const auto* set = std::get_if<SetFunctionBreakpoints>(&step.kind))
    for (const auto& bp : set->breakpoints) ids.push_back(bp.id);
  return ids;
}

void add_id(std::vector<std::string>& ids, const std::string& id) {
  if (!id.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

// Each `at:` must name an id declared at the top level or by an earlier step.
void check_at_references(Reader& reader, const Scenario& scenario, const Pending& pending) {
  std::vector<std::string> ids;
  for (const auto& entry : pending.breakpoint_ids) add_id(ids, entry.first);
  for (std::size_t i = 0; i < scenario.steps.size(); ++i) {
    const Step& step = scenario.steps[i];
    for (const auto& id : ids_declared_by(step)) add_id(ids, id);
    const auto* stop = std::get_if<ExpectStop>(&step.kind);
    if (!stop || !stop->at || std::find(ids.begin(), ids.end(), *stop->at) != ids.end()) continue;
    const Step* later = nullptr;
    for (std::size_t k = i + 1; k < scenario.steps.size() && !later; ++k) {
      auto declared = ids_declared_by(scenario.steps[k]);
      if (std::find(declared.begin(), declared.end(), *stop->at) != declared.end())
        later = &scenario.steps[k];
    }
    std::string message = "unknown breakpoint id '" + *stop->at + "'";
    std::string close = util::did_you_mean(*stop->at, ids);
    if (later)
      message += " here: only the later '" + later->keyword + "' step at " +
                 std::to_string(later->loc.line) + ":" + std::to_string(later->loc.col) +
                 " declares it";
    else if (!close.empty())
      message += " (did you mean '" + close + "'?)";
    else if (ids.empty())
      message += "; no breakpoint declares an id";
    else
      message += "; declared ids: " + util::join(ids, ", ");
    reader.error(stop->at_loc, std::move(message));
  }
}

// `reconnect` needs a headless server that outlives its first client.
void check_reconnects(Reader& reader, const Scenario& scenario) {
  if (scenario.launch.topology == Topology::Headless) return;
  for (const auto& step : scenario.steps) {
    if (std::holds_alternative<Reconnect>(step.kind)) {
      reader.error(step.loc,
                   "'reconnect' needs launch.topology headless (dlv dap serves one "
                   "client)");
    }
  }
}

// After `disconnect` the session is over: only the checks of what followed it may come.
void check_after_disconnect(Reader& reader, const Scenario& scenario) {
  const Step* disconnect = nullptr;
  for (const auto& step : scenario.steps) {
    bool after_end = std::holds_alternative<ExpectOutput>(step.kind) ||
                     std::holds_alternative<ExpectExit>(step.kind) ||
                     std::holds_alternative<ExpectDlvExit>(step.kind);
    if (disconnect && !after_end) {
      reader.error(step.loc, "'" + step.keyword + "' cannot follow 'disconnect' (at " +
                                 std::to_string(disconnect->loc.line) + ":" +
                                 std::to_string(disconnect->loc.col) +
                                 "): after it only expect_output, expect_exit and "
                                 "expect_dlv_exit can run");
      return;
    }
    if (std::holds_alternative<Disconnect>(step.kind)) disconnect = &step;
  }
}

}  // namespace

void check_references(Reader& reader, const Scenario& scenario, const std::string& program,
                      const Pending& pending) {
  if (!scenario.program_dir.empty()) {
    check_breakpoint_files(reader, scenario, program);
    check_cwd(reader, scenario, program, pending);
  }
  check_unique_ids(reader, pending.breakpoint_ids);
  check_at_references(reader, scenario, pending);
  check_reconnects(reader, scenario);
  check_after_disconnect(reader, scenario);
}

}  // namespace scenario
