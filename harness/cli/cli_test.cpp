// Runs the built `harness` binary as a user would and checks what it prints and returns.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "harness/process/child.h"
#include "harness/util/strings.h"
#include "harness/util/test_support.h"

namespace cli {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = HARNESS_SOURCE_DIR;
const fs::path kHarness = fs::path(HARNESS_BINARY_DIR) / "bin" / "harness";

process::RunResult harness(std::vector<std::string> args) {
  args.insert(args.begin(), kHarness.string());
  process::SpawnOptions options;
  options.argv = std::move(args);
  options.cwd = kSource;
  options.env_remove = {"NO_COLOR"};
  auto result = process::run(options, util::Deadline::after(util::Duration(300'000)));
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().str());
  return result.ok() ? *result : process::RunResult{};
}

std::string last_line(const std::string& text) {
  return std::string(util::trim(util::tail_lines(text, 1)));
}

TEST(Cli, HelpExplainsCommandsAndExitCodes) {
  auto r = harness({"--help"});
  EXPECT_EQ(r.status.code, 0);
  EXPECT_NE(r.out.find("run"), std::string::npos);
  EXPECT_NE(r.out.find("validate"), std::string::npos);
  EXPECT_NE(r.out.find("Exit status: 0 all passed"), std::string::npos);
}

TEST(Cli, MissingSubcommandIsAUsageError) {
  auto r = harness({});
  EXPECT_EQ(r.status.code, 2);
  EXPECT_NE(r.err.find("A subcommand is required"), std::string::npos);
}

TEST(Cli, ValidateAcceptsTheCorpus) {
  auto r = harness({"validate", "scenarios/"});
  EXPECT_EQ(r.status.code, 0) << r.err;
  EXPECT_NE(r.out.find("scenario(s) valid"), std::string::npos);
}

TEST(Cli, InvalidScenarioIsRejectedWithPositionAndNothingRuns) {
  auto dir = util::testing::scratch_dir();
  std::ofstream(dir / "bad.yaml") << "name: x\nprogram: "
                                  << (kSource / "goprojects/basics").string() << "\nstepz: []\n";
  auto reports = dir / "reports";
  auto r = harness({"run", (dir / "bad.yaml").string(), "--reports", reports.string()});
  EXPECT_EQ(r.status.code, 2);
  EXPECT_NE(r.err.find((dir / "bad.yaml").string() + ":3:1: error: unknown key 'stepz' (did you "
                                                     "mean 'steps'?)"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("nothing was run"), std::string::npos);
  EXPECT_FALSE(fs::exists(reports / "junit.xml"));
}

// Each file in fixtures/invalid/ has exactly one problem; `validate` must name it exactly.
TEST(Cli, ValidateRejectsEachInvalidFixtureWithItsDiagnostic) {
  const std::pair<const char*, const char*> cases[] = {
      {"at_unknown_breakpoint",
       "9:23: error: unknown breakpoint id 'greet'; declared ids: "
       "before_greet"},
      {"duplicate_key", "5:1: error: duplicate key 'timeout' (first at 4:1)"},
      {"invalid_regex",
       "6:30: error: invalid regular expression /^hello (world/: Mismatched '(' "
       "and ')' in regular expression"},
      {"missing_breakpoint_file",
       "5:3: error: breakpoint file 'mian.go' not found in program "
       "'goprojects/basics' (did you mean 'main.go'?)"},
      {"missing_program", "3:10: error: program 'goprojects/does-not-exist' not found"},
      {"missing_program_key", "2:1: error: missing required key 'program'"},
      {"unknown_key_typo", "6:33: error: unknown key 'condtion' (did you mean 'condition'?)"},
      {"unknown_launch_mode", "4:16: error: unknown mode 'attach'; modes: debug, exec, test"},
      {"unknown_operator", "12:24: error: unknown matcher 'startswith' (did you mean 'prefix'?)"},
      {"unknown_step", "6:5: error: unknown step 'step_over' (did you mean 'step_out'?)"},
      {"wrong_type", "6:32: error: 'line' must be an integer, got string \"thirty-one\""},
  };
  auto files = std::distance(fs::directory_iterator(kSource / "fixtures/invalid"), {});
  EXPECT_EQ(static_cast<std::size_t>(files), std::size(cases))
      << "every invalid fixture needs a case here";
  for (const auto& [name, message] : cases) {
    std::string file = std::string("fixtures/invalid/") + name + ".yaml";
    auto r = harness({"validate", file});
    EXPECT_EQ(r.status.code, 2) << file;
    std::string first = r.err.substr(0, r.err.find('\n'));
    EXPECT_TRUE(util::starts_with(first, file + ":" + message)) << first;
  }
}

TEST(Cli, MissingDlvExitsWithThree) {
  auto r = harness({"run", "scenarios/", "--dlv", "/nonexistent/dlv"});
  EXPECT_EQ(r.status.code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("/nonexistent/dlv"), std::string::npos) << r.err;
}

TEST(Cli, RunReportsPassAndFailAndWritesSchemaValidJunit) {
  auto dir = util::testing::scratch_dir();
  auto reports = dir / "reports";
  auto r = harness({"run", "fixtures/cli/passes.yaml", "fixtures/cli/fails.yaml", "--reports",
                    reports.string()});
  EXPECT_EQ(r.status.code, 1) << r.out << r.err;
  EXPECT_EQ(last_line(r.out), "harness: 1 passed, 1 failed, 0 skipped") << r.out;
  EXPECT_NE(r.out.find("PASS "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("FAIL "), std::string::npos) << r.out;
  // The failure names the scenario line of the wrong value, the JSON path, expected and actual.
  EXPECT_NE(r.out.find("fixtures/cli/fails.yaml:12:23: Locals.name.value: expected "
                       "\"\\\"earth\\\"\", got \"\\\"world\\\"\""),
            std::string::npos)
      << r.out;
  auto junit = reports / "junit.xml";
  ASSERT_TRUE(fs::exists(junit));
  auto xsd = fs::path(HARNESS_BINARY_DIR) / "third_party" / "jenkins-junit.xsd";
  ASSERT_TRUE(fs::exists(xsd)) << "run scripts/dev test: it fetches the schema";
  process::SpawnOptions lint;
  lint.argv = {"xmllint", "--noout", "--schema", xsd.string(), junit.string()};
  auto linted = process::run(lint, util::Deadline::after(util::Duration(30'000)));
  ASSERT_TRUE(linted.ok());
  EXPECT_EQ(linted->status.code, 0) << linted->err;
  EXPECT_TRUE(fs::exists(reports / "artifacts" / "fixtures_cli_fails.yaml" / "transcript.txt"));
  EXPECT_TRUE(fs::exists(reports / "artifacts" / "fixtures_cli_fails.yaml" / "dlv.log"));
}

}  // namespace
}  // namespace cli
