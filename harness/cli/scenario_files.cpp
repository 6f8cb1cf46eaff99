#include "harness/cli/scenario_files.h"

#include "harness/gotool/cache_root.h"

#include <cstdio>
#include <cstdlib>

#include "harness/scenario/loader.h"
#include "harness/util/strings.h"

namespace cli {

std::optional<std::vector<scenario::ScenarioEntry>> load_scenarios(
    const std::vector<std::filesystem::path>& paths) {
  auto loaded = scenario::index_paths(paths);
  for (const auto& d : loaded.diagnostics) std::fprintf(stderr, "%s\n", d.str().c_str());
  if (!loaded.diagnostics.empty()) {
    std::fprintf(stderr, "harness: %zu problem(s) in the scenario files; nothing was run\n",
                 loaded.diagnostics.size());
    return std::nullopt;
  }
  return std::move(loaded.entries);
}

std::filesystem::path default_cache_dir() {
  return gotool::default_cache_root();
}

std::filesystem::path own_directory() {
  std::error_code ec;
  auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path(".") : self.parent_path();
}

void print_scenarios(const std::vector<scenario::ScenarioEntry>& scenarios) {
  for (const auto& s : scenarios) {
    std::string tags = s.tags.empty() ? "" : "  [" + util::join(s.tags, ", ") + "]";
    std::printf("%s  %s  (%s)%s\n", s.file.c_str(), s.name.c_str(), scenario::mode_name(s.mode),
                tags.c_str());
  }
}

runner::Environment command_environment(const gotool::GoToolchain& go, const gotool::DlvTool& dlv,
                                        const std::optional<std::filesystem::path>& cache_dir,
                                        std::filesystem::path artifacts_dir,
                                        std::optional<double> timeout_seconds) {
  runner::Environment env{go,
                          dlv,
                          cache_dir.value_or(default_cache_dir() / "build"),
                          std::move(artifacts_dir),
                          own_directory() / "dlv-exec-wrapper",
                          {}};
  if (timeout_seconds)
    env.timeouts.scenario = util::Duration(static_cast<long>(*timeout_seconds * 1000));
  return env;
}

}  // namespace cli
