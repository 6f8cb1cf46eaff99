// Runs the built `harness` binary as a user would and checks what it prints and returns.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

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

// Each file in fixtures/invalid/ has exactly one problem and states its diagnostic in its first
// line, "# expect-error: LINE:COL: error: MESSAGE"; `validate` must print exactly that first.
TEST(Cli, ValidateRejectsEachInvalidFixtureWithTheDiagnosticItStates) {
  std::size_t checked = 0;
  for (const auto& entry : fs::directory_iterator(kSource / "fixtures/invalid")) {
    std::string file = "fixtures/invalid/" + entry.path().filename().string();
    std::string first = util::testing::read_file(entry.path());
    first = first.substr(0, first.find('\n'));
    const std::string tag = "# expect-error: ";
    ASSERT_TRUE(util::starts_with(first, tag)) << file << " has no '" << tag << "' first line";
    auto r = harness({"validate", file});
    EXPECT_EQ(r.status.code, 2) << file;
    std::string printed = r.err.substr(0, r.err.find('\n'));
    EXPECT_TRUE(util::starts_with(printed, file + ":" + first.substr(tag.size()))) << printed;
    ++checked;
  }
  EXPECT_GE(checked, 10u);
}

TEST(Cli, LintLaunchReportsIgnoredAttributesOfARealWorldLaunchJson) {
  auto r = harness({"lint-launch", "fixtures/launch/wsl_blog.json"});
  EXPECT_EQ(r.status.code, 1) << r.err;
  auto lines = util::split(r.out, '\n');
  ASSERT_EQ(lines.size(), 6u) << r.out;
  EXPECT_TRUE(util::starts_with(lines[0],
                                "fixtures/launch/wsl_blog.json:12:13: warning: [Launch "
                                "Package] 'dlvLoadConfig' is ignored by dlv-dap"))
      << lines[0];
  EXPECT_TRUE(util::starts_with(lines[1],
                                "fixtures/launch/wsl_blog.json:18:13: warning: [Launch "
                                "Package] 'dlvDapMode' is not a vscode-go launch "
                                "attribute"))
      << lines[1];
  EXPECT_TRUE(util::starts_with(lines[2],
                                "fixtures/launch/wsl_blog.json:30:13: warning: [Remote "
                                "(legacy keys)] 'remotePath' is ignored by dlv-dap"))
      << lines[2];
  EXPECT_TRUE(util::starts_with(lines[3],
                                "fixtures/launch/wsl_blog.json:31:13: warning: [Remote "
                                "(legacy keys)] 'apiVersion' is ignored by dlv-dap"))
      << lines[3];
  EXPECT_EQ(lines[4], "harness: 4 finding(s) in fixtures/launch/wsl_blog.json");
}

TEST(Cli, LintLaunchRejectsBrokenJsonWithItsPosition) {
  auto dir = util::testing::scratch_dir();
  std::ofstream(dir / "launch.json")
      << "{\n  \"configurations\": [\n    {\"name\": \"x\",, }\n  ]\n}\n";
  auto r = harness({"lint-launch", (dir / "launch.json").string()});
  EXPECT_EQ(r.status.code, 2);
  EXPECT_EQ(r.err, (dir / "launch.json").string() +
                       ":3:18: error: expected a member name in double quotes or '}'\n");
}

TEST(Cli, DoctorReportsThisMachineAsJson) {
  auto r = harness({"doctor", "--json"});
  EXPECT_EQ(r.status.code, 0) << r.out << r.err;
  auto report = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << r.out;
  std::vector<std::string> ids;
  for (const auto& c : report["checks"]) ids.push_back(c["id"]);
  EXPECT_EQ(util::join(ids, ","),
            "go,dlv,go-support,dlv-dap,wsl,systemd,cgroups,dev-shm,ptrace,"
            "go-env,workspace");
  EXPECT_EQ(report["checks"][3]["level"], "ok") << r.out;
}

TEST(Cli, MissingDlvExitsWithThree) {
  auto r = harness({"run", "scenarios/", "--dlv", "/nonexistent/dlv"});
  EXPECT_EQ(r.status.code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("/nonexistent/dlv"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("`harness doctor` checks the whole debugging set-up"), std::string::npos);
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
