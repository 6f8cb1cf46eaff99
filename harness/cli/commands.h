#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace cli {

// Options of `harness run`.
struct RunOptions {
  std::vector<std::filesystem::path> paths;
  std::optional<std::filesystem::path> dlv;
  std::optional<std::filesystem::path> go;
  std::filesystem::path reports_dir = "reports";
  std::optional<std::filesystem::path> junit;  // default <reports_dir>/junit.xml
  std::optional<std::filesystem::path> cache_dir;
  std::optional<double> timeout_seconds;  // per scenario, unless the scenario sets one
};

// `harness run`: load, validate, run every scenario, write JUnit; returns the exit status.
int run_command(const RunOptions& options);
// `harness validate`: load and validate only; prints every diagnostic; 0 if all valid, else 2.
int validate_command(const std::vector<std::filesystem::path>& paths);
// `harness list`: prints each scenario's file, name and tags; 2 if any file is invalid.
int list_command(const std::vector<std::filesystem::path>& paths);

}  // namespace cli
