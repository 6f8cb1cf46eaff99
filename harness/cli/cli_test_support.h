#pragma once
// For the CLI tests: run the built `harness` binary as a user would and read what it wrote.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harness/process/child.h"
#include "harness/util/strings.h"
#include "harness/util/test_support.h"

namespace cli::testing {

inline const std::filesystem::path kSource = HARNESS_SOURCE_DIR;
// The old-distro cell: Debian's Go 1.19 and dlv 1.20.2 (scripts/dev test installs them).
inline const std::filesystem::path kDebianGo = "/usr/lib/go-1.19/bin/go";
inline const std::filesystem::path kDebianDlv = "/usr/bin/dlv";
inline const std::filesystem::path kHarness =
    std::filesystem::path(HARNESS_BINARY_DIR) / "bin" / "harness";

// Runs `harness args...` in the source tree (deadline 300 s) with `env` added.
inline process::RunResult harness(std::vector<std::string> args,
                                  std::map<std::string, std::string> env = {},
                                  std::vector<std::string> env_remove = {}) {
  args.insert(args.begin(), kHarness.string());
  process::SpawnOptions options;
  options.argv = std::move(args);
  options.cwd = kSource;
  options.env_remove = std::move(env_remove);
  options.env_remove.push_back("NO_COLOR");
  options.env_overrides = std::move(env);
  auto result = process::run(options, util::Deadline::after(util::Duration(300'000)));
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().str());
  return result.ok() ? *result : process::RunResult{};
}

inline std::string last_line(const std::string& text) {
  return std::string(util::trim(util::tail_lines(text, 1)));
}

// A run's output without its PASS lines: what a failed corpus run prints first, so that a CI
// log that keeps only the head of a failure message still names the failed scenarios.
inline std::string without_passes(const std::string& out) {
  std::string kept;
  for (const auto& line : util::split(out, '\n'))
    if (!util::starts_with(line, "PASS ")) kept += line + "\n";
  return kept;
}

// Checks `junit` against the strict Jenkins schema with xmllint.
inline void expect_schema_valid(const std::filesystem::path& junit) {
  auto xsd = std::filesystem::path(HARNESS_BINARY_DIR) / "third_party" / "jenkins-junit.xsd";
  ASSERT_TRUE(std::filesystem::exists(xsd)) << "run scripts/dev test: it fetches the schema";
  process::SpawnOptions lint;
  lint.argv = {"xmllint", "--noout", "--schema", xsd.string(), junit.string()};
  auto linted = process::run(lint, util::Deadline::after(util::Duration(30'000)));
  ASSERT_TRUE(linted.ok());
  EXPECT_EQ(linted->status.code, 0) << linted->err;
}

// The test2json events of a --json file, one object per line.
inline std::vector<nlohmann::json> json_events(const std::filesystem::path& file) {
  std::vector<nlohmann::json> events;
  for (const auto& line : util::split(util::testing::read_file(file), '\n'))
    if (!line.empty()) events.push_back(nlohmann::json::parse(line));
  return events;
}

// The final action (pass, fail, skip) of `test` among the events.
inline std::string final_action(const std::vector<nlohmann::json>& events,
                                const std::string& test) {
  std::string action;
  for (const auto& e : events) {
    std::string a = e.value("Action", "");
    // The scenario "dir/x.yaml" is Test "x.yaml" of a Package ending in "dir".
    std::string id = e.value("Package", "") + "/" + e.value("Test", "");
    bool named = e.contains("Test") && util::ends_with(id, "/" + test);
    if (named && (a == "pass" || a == "fail" || a == "skip")) action = a;
  }
  return action;
}

}  // namespace cli::testing
