#pragma once
#include <filesystem>
#include <optional>
#include <vector>

#include "harness/runner/environment.h"
#include "harness/scenario/model.h"

// What several commands share: loading scenario files, listing them, default folders.
namespace cli {

// Validates scenario files and returns their entries; prints every diagnostic to stderr.
// nullopt when any file was invalid.
std::optional<std::vector<scenario::ScenarioEntry>> load_scenarios(
    const std::vector<std::filesystem::path>& paths);

// One line per scenario: file, name, mode and tags.
void print_scenarios(const std::vector<scenario::ScenarioEntry>& scenarios);

// $XDG_CACHE_HOME/dlv-harness, else ~/.cache/dlv-harness, else a folder under /tmp.
std::filesystem::path default_cache_dir();

// The folder of the running harness binary (dlv-exec-wrapper is built next to it).
std::filesystem::path own_directory();

// The environment a command runs scenarios in: `go` and `dlv`, the build cache (`cache_dir`, else
// the default), artifacts under `artifacts_dir`, the exec wrapper beside the harness, and the
// per-scenario deadline when `timeout_seconds` is given.
runner::Environment command_environment(const gotool::GoToolchain& go, const gotool::DlvTool& dlv,
                                        const std::optional<std::filesystem::path>& cache_dir,
                                        std::filesystem::path artifacts_dir,
                                        std::optional<double> timeout_seconds);

}  // namespace cli
