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
  for (const auto& file : scenario.breakpoints) {
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

// Reports every id declared again after its first declaration (in file order).
void check_unique_ids(Reader& reader, const Pending& pending) {
  auto ids = pending.breakpoint_ids;
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

void check_at_references(Reader& reader, const Scenario& scenario, const Pending& pending) {
  std::vector<std::string> ids;
  for (const auto& entry : pending.breakpoint_ids)
    if (!entry.first.empty() && std::find(ids.begin(), ids.end(), entry.first) == ids.end())
      ids.push_back(entry.first);
  for (const auto& step : scenario.steps) {
    const auto* stop = std::get_if<ExpectStop>(&step.kind);
    if (!stop || !stop->at || std::find(ids.begin(), ids.end(), *stop->at) != ids.end()) continue;
    std::string message = "unknown breakpoint id '" + *stop->at + "'";
    std::string close = util::did_you_mean(*stop->at, ids);
    if (!close.empty())
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

}  // namespace

void check_references(Reader& reader, const Scenario& scenario, const std::string& program,
                      const Pending& pending) {
  if (!scenario.program_dir.empty()) {
    check_breakpoint_files(reader, scenario, program);
    check_cwd(reader, scenario, program, pending);
  }
  check_unique_ids(reader, pending);
  check_at_references(reader, scenario, pending);
  check_reconnects(reader, scenario);
}

}  // namespace scenario
