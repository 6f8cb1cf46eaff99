// `harness install`: a Go release or a dlv release, fetched or built as the harness's cells need
// them (the one installer; scripts/dev calls it too).
#include <cstdio>

#include "harness/cli/commands.h"
#include "harness/cli/exit_codes.h"
#include "harness/cli/scenario_files.h"
#include "harness/gotool/tool_install.h"

namespace cli {

namespace {

constexpr util::Duration kInstallBudget{900'000};

// Installs one SPEC; its path, or nullopt after saying why.
std::optional<std::filesystem::path> install_one(const std::string& spec,
                                                 const gotool::GoToolchain& go) {
  if (auto release = gotool::go_release_spec(spec)) {
    std::fprintf(stderr, "harness: install: %s (GOTOOLCHAIN, with go%s)\n", spec.c_str(),
                 go.version.str().c_str());
    auto fetched = gotool::fetch_go(*release, go, util::Deadline::after(kInstallBudget));
    if (fetched) return *fetched;
    std::fprintf(stderr, "harness: install %s: %s\n", spec.c_str(), fetched.error().str().c_str());
    return std::nullopt;
  }
  if (auto release = gotool::dlv_release_spec(spec)) {
    auto cache = default_cache_dir() / "dlv";
    std::fprintf(stderr, "harness: install: dlv v%s (built by go%s into %s unless there)\n",
                 release->str().c_str(), go.version.str().c_str(), cache.c_str());
    auto built = gotool::install_dlv(*release, go, cache, util::Deadline::after(kInstallBudget));
    if (built) return *built;
    std::fprintf(stderr, "harness: install %s: %s\n", spec.c_str(), built.error().str().c_str());
    return std::nullopt;
  }
  std::fprintf(stderr,
               "harness: install: '%s' is neither a Go release (go1.24.13) nor a dlv release "
               "(dlv@v1.24.2)\n",
               spec.c_str());
  return std::nullopt;
}

}  // namespace

int install_command(const std::vector<std::string>& specs,
                    const std::optional<std::filesystem::path>& go_path) {
  auto go = gotool::find_go(go_path);
  if (!go) {
    std::fprintf(stderr, "harness: install: %s\n", go.error().str().c_str());
    return kMissingTool;
  }
  for (const auto& spec : specs) {
    bool known = gotool::go_release_spec(spec) || gotool::dlv_release_spec(spec);
    auto installed = install_one(spec, *go);
    if (!installed) return known ? kMissingTool : kUsage;
    std::printf("%s\n", installed->c_str());
  }
  return kAllPassed;
}

}  // namespace cli
