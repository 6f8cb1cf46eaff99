// Runs the built `harness` binary as a user would and checks what it prints and returns.
#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "harness/cli/cli_test_support.h"
#include "harness/gotool/toolchain.h"
#include "harness/process/child.h"
#include "harness/util/strings.h"
#include "harness/util/test_support.h"

namespace cli {
namespace {

namespace fs = std::filesystem;

using namespace cli::testing;

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

// Several files at once (a launch.json, a settings.json, a file with nothing to lint): each is
// linted and summed up; a broken one among them makes the exit 2 but the others are still read.
TEST(Cli, LintLaunchReadsSeveralFilesAndSaysWhenOneHasNothingToLint) {
  auto dir = util::testing::scratch_dir();
  util::testing::write_file(dir / "settings.json", "{\"go.delveConfig\": {\"apiVersion\": 2}}\n");
  util::testing::write_file(dir / "tasks.json", "{\"version\": \"2.0.0\", \"tasks\": []}\n");
  auto r =
      harness({"lint-launch", "fixtures/launch/wsl_blog.json", (dir / "settings.json").string(),
               (dir / "tasks.json").string(), "--dlv-version", "v1.28.0"});
  EXPECT_EQ(r.status.code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("harness: 4 finding(s) in fixtures/launch/wsl_blog.json\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("settings.json:1:21: warning: [go.delveConfig] 'apiVersion' is ignored"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("harness: " + (dir / "tasks.json").string() +
                       " has no Go configuration (\"type\": \"go\") and no go.delveConfig: "
                       "nothing to lint\nharness: 0 finding(s) in " +
                       (dir / "tasks.json").string()),
            std::string::npos)
      << r.out;

  r = harness({"lint-launch", (dir / "missing.json").string(), (dir / "tasks.json").string()});
  EXPECT_EQ(r.status.code, 2) << r.out << r.err;
  EXPECT_NE(r.out.find("0 finding(s) in " + (dir / "tasks.json").string()), std::string::npos);
}

TEST(Cli, LintLaunchRefusesAnythingButADlvVersionAndExplainsItsExitCodes) {
  auto r = harness({"lint-launch", "fixtures/launch/wsl_blog.json", "--dlv-version", "banana"});
  EXPECT_EQ(r.status.code, 2);
  EXPECT_EQ(r.err,
            "harness: --dlv-version: 'banana' is not a dlv version (e.g. 1.27.2 or "
            "v1.28.0)\n");
  EXPECT_EQ(r.out, "");
  r = harness({"lint-launch", "--help"});
  EXPECT_EQ(r.status.code, 0);
  EXPECT_NE(r.out.find("Exit status: 0 no finding, 1 findings, 2 a file cannot be read or"),
            std::string::npos)
      << r.out;
}

TEST(Cli, DoctorReportsThisMachineAsJson) {
  auto r = harness({"doctor", "--json"});
  EXPECT_EQ(r.status.code, 0) << r.out << r.err;
  auto report = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << r.out;
  std::vector<std::string> ids;
  for (const auto& c : report["checks"]) ids.push_back(c["id"]);
  EXPECT_EQ(util::join(ids, ","),
            "go,dlv,go-support,dlv-dap,wsl,systemd,cgroups,dev-shm,ptrace,ptrace-probe,"
            "go-env,workspace");
  EXPECT_EQ(report["checks"][3]["level"], "ok") << r.out;
}

TEST(Cli, MissingDlvExitsWithThree) {
  auto r = harness({"run", "scenarios/", "--dlv", "/nonexistent/dlv"});
  EXPECT_EQ(r.status.code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("/nonexistent/dlv"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("`harness doctor` checks the whole debugging set-up"), std::string::npos);
}

// -q shows only what did not pass; -v adds each run's timings and artifacts folder; --color
// always colours even into a pipe. Each against the default run, which does none of it.
TEST(Cli, QuietVerboseAndColour) {
  auto dir = util::testing::scratch_dir();
  std::vector<std::string> both = {"run", "fixtures/cli/passes.yaml", "fixtures/cli/fails.yaml",
                                   "--reports", (dir / "r").string()};
  auto plain = harness(both);
  EXPECT_NE(plain.out.find("PASS "), std::string::npos) << plain.out;
  EXPECT_EQ(plain.out.find("       timings: "), std::string::npos) << plain.out;
  EXPECT_EQ(plain.out.find("\x1b["), std::string::npos) << plain.out;
  auto quiet_args = both;
  quiet_args.push_back("-q");
  auto quiet = harness(quiet_args);
  EXPECT_EQ(quiet.status.code, 1);
  EXPECT_EQ(quiet.out.find("PASS "), std::string::npos) << quiet.out;
  EXPECT_NE(quiet.out.find("FAIL     "), std::string::npos) << quiet.out;
  EXPECT_EQ(last_line(quiet.out), "harness: 1 passed, 1 failed, 0 skipped");
  auto loud = harness({"run", "fixtures/cli/passes.yaml", "--reports", (dir / "r").string(), "-v",
                       "--color", "always"});
  EXPECT_NE(loud.out.find("       timings: build "), std::string::npos) << loud.out;
  EXPECT_NE(loud.out.find("       artifacts: "), std::string::npos) << loud.out;
  EXPECT_NE(loud.out.find("\x1b[32mPASS\x1b[0m"), std::string::npos) << loud.out;
  EXPECT_EQ(harness({"run", "fixtures/cli/passes.yaml", "-q", "-v"}).status.code, 2);
  EXPECT_EQ(harness({"run", "fixtures/cli/passes.yaml", "--color", "blue"}).status.code, 2);
}

// A run ends with the list of what did not pass, each at its first problem's line; and
// --rerun-failed takes that run's JUnit or --json report and selects only those scenarios.
TEST(Cli, ClosingListAndRerunFailedFromJunitAndJson) {
  auto dir = util::testing::scratch_dir();
  auto first = harness({"run", "fixtures/cli/passes.yaml", "fixtures/cli/fails.yaml", "--reports",
                        (dir / "first").string(), "--json", (dir / "first.json").string()});
  EXPECT_EQ(first.status.code, 1) << first.out << first.err;
  EXPECT_NE(first.out.find("harness: 1 not passed:\n"
                           "  fixtures/cli/fails.yaml:12:23  FAIL   cli smoke fails\n"
                           "harness: 1 passed, 1 failed, 0 skipped\n"),
            std::string::npos)
      << first.out;
  for (const auto& report : {dir / "first" / "junit.xml", dir / "first.json"}) {
    auto rerun = harness({"run", "fixtures/cli/", "--list", "--rerun-failed", report.string()});
    EXPECT_EQ(rerun.status.code, 0) << rerun.err;
    EXPECT_NE(rerun.out.find("fixtures/cli/fails.yaml  cli smoke fails"), std::string::npos)
        << report << ": " << rerun.out;
    EXPECT_EQ(rerun.out.find("fixtures/cli/passes.yaml"), std::string::npos) << rerun.out;
    EXPECT_TRUE(util::starts_with(last_line(rerun.out), "harness: 1 of ")) << rerun.out;
  }
  // The twins: a run with nothing failed lists nothing and leaves nothing to rerun.
  auto green = harness({"run", "fixtures/cli/passes.yaml", "--reports", (dir / "green").string()});
  EXPECT_EQ(green.status.code, 0) << green.out;
  EXPECT_EQ(green.out.find("not passed"), std::string::npos) << green.out;
  auto nothing =
      harness({"run", "fixtures/cli/", "--rerun-failed", (dir / "green" / "junit.xml").string()});
  EXPECT_EQ(nothing.status.code, 0);
  EXPECT_NE(nothing.out.find("shows no failed scenario among the selected ones: nothing to "
                             "rerun"),
            std::string::npos)
      << nothing.out;
  auto missing = harness({"run", "fixtures/cli/", "--rerun-failed", (dir / "none.xml").string()});
  EXPECT_EQ(missing.status.code, 2) << missing.out;
  EXPECT_NE(missing.err.find("harness: --rerun-failed: "), std::string::npos) << missing.err;
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
  expect_schema_valid(junit);
  EXPECT_TRUE(fs::exists(reports / "artifacts" / "fixtures_cli_fails.yaml" / "transcript.txt"));
  EXPECT_TRUE(fs::exists(reports / "artifacts" / "fixtures_cli_fails.yaml" / "dlv.log"));
  // The failed expectation left a snapshot of the goroutines and locals at that stop.
  auto snapshot =
      util::testing::read_file(reports / "artifacts" / "fixtures_cli_fails.yaml" / "snapshot.txt");
  EXPECT_NE(snapshot.find("* [Go 1] main.greet"), std::string::npos) << snapshot;
  EXPECT_NE(snapshot.find("main.main  " + (kSource / "goprojects/basics/main.go").string()),
            std::string::npos)
      << snapshot;
  EXPECT_NE(snapshot.find("  name = \"world\"  (string)"), std::string::npos) << snapshot;
}

TEST(Cli, IsolateEnvKeepsTheCallersEnvironmentFromDlvAndTheProgram) {
  auto dir = util::testing::scratch_dir();
  std::map<std::string, std::string> env = {{"MOOD", "stormy"}};
  auto inherited =
      harness({"run", "fixtures/cli/inherits_mood.yaml", "--reports", (dir / "a").string()}, env);
  EXPECT_EQ(inherited.status.code, 0) << inherited.out;
  auto isolated = harness({"run", "fixtures/cli/inherits_mood.yaml", "--isolate-env", "--reports",
                           (dir / "b").string()},
                          env);
  EXPECT_EQ(isolated.status.code, 1) << isolated.out;
  EXPECT_NE(isolated.out.find("fixtures/cli/inherits_mood.yaml:7:36: output[any]: expected "
                              "contains \"true x stormy\""),
            std::string::npos)
      << isolated.out;
  EXPECT_NE(util::testing::read_file(dir / "b" / "junit.xml")
                .find("name=\"environment\" value=\"isolated (--isolate-env)\""),
            std::string::npos);
}

TEST(Cli, DlvFlagsThatOpenDlvBeyondThisUserAreRefusedUnlessAllowed) {
  auto dir = util::testing::scratch_dir();
  auto refused = harness({"run", "fixtures/security/", "--reports", (dir / "a").string()});
  EXPECT_EQ(refused.status.code, 1) << refused.out;
  EXPECT_NE(refused.out.find("fixtures/security/listen_everywhere.yaml:4:1: usage: dlvFlags: "
                             "'--listen=:2345' makes dlv listen beyond loopback: refused (harness "
                             "run --allow-non-loopback allows it)"),
            std::string::npos)
      << refused.out;
  EXPECT_NE(refused.out.find("'--only-same-user=false' lets other users of this machine connect "
                             "to dlv: refused"),
            std::string::npos)
      << refused.out;
  EXPECT_EQ(last_line(refused.out), "harness: 0 passed, 2 failed, 0 skipped") << refused.out;
  // Allowed, the harmless one runs (dlv still listens on the loopback address the harness asks
  // for) and the report records the permission.
  auto allowed = harness({"run", "fixtures/security/other_users.yaml", "--allow-non-loopback",
                          "--reports", (dir / "b").string()});
  EXPECT_EQ(allowed.status.code, 0) << allowed.out << allowed.err;
  EXPECT_NE(allowed.err.find("harness: --allow-non-loopback: "), std::string::npos) << allowed.err;
  EXPECT_NE(util::testing::read_file(dir / "b" / "junit.xml")
                .find("name=\"security.non-loopback\" value=\"allowed by --allow-non-loopback\""),
            std::string::npos);
}

// `list` is `run --list`: the same selection flags, the same lines, the same errors.
TEST(Cli, ListTakesTheSelectionFlagsOfRun) {
  auto listed = harness({"list", "scenarios/", "--tag", "pause", "--skip", "conformance"});
  EXPECT_EQ(listed.status.code, 0) << listed.err;
  auto ran = harness({"run", "scenarios/", "--list", "--tag", "pause", "--skip", "conformance"});
  EXPECT_EQ(listed.out, ran.out);
  EXPECT_TRUE(util::starts_with(last_line(listed.out), "harness: 1 of ")) << listed.out;
  auto bad = harness({"list", "scenarios/", "--shard", "5/4"});
  EXPECT_EQ(bad.status.code, 2);
}

// `--version`: the harness's version, then the go and dlv a run would use (exit 0).
TEST(Cli, VersionNamesTheHarnessAndTheToolsARunWouldUse) {
  auto r = harness({"--version"});
  EXPECT_EQ(r.status.code, 0) << r.err;
  auto lines = util::split(r.out, '\n');
  ASSERT_GE(lines.size(), 3u) << r.out;
  EXPECT_EQ(lines[0], "harness 0.9.0");
  EXPECT_TRUE(util::starts_with(lines[1], "go:  go1.")) << r.out;
  EXPECT_TRUE(util::starts_with(lines[2], "dlv: 1.")) << r.out;
}

TEST(Cli, ListSelectsByFilterSkipTagAndShard) {
  auto all = harness({"run", "scenarios/", "--list"});
  EXPECT_EQ(all.status.code, 0) << all.err;
  auto tagged = harness({"run", "scenarios/", "--list", "--tag", "pause"});
  EXPECT_TRUE(util::starts_with(last_line(tagged.out), "harness: ")) << tagged.out;
  EXPECT_NE(tagged.out.find("scenarios/pause/pause_running_program.yaml"), std::string::npos);
  EXPECT_EQ(tagged.out.find("scenarios/variables/"), std::string::npos) << tagged.out;
  EXPECT_LT(tagged.out.size(), all.out.size());
  auto filtered = harness(
      {"run", "scenarios/", "--list", "--filter", "^scenarios/stacks/", "--skip", "paging"});
  EXPECT_TRUE(util::starts_with(last_line(filtered.out), "harness: 5 of ")) << filtered.out;
  auto bad = harness({"run", "scenarios/", "--list", "--shard", "5/4"});
  EXPECT_EQ(bad.status.code, 2);
  EXPECT_NE(bad.err.find("--shard must be I/N with 1 <= I <= N (e.g. 2/4), got '5/4'"),
            std::string::npos)
      << bad.err;
}

TEST(Cli, FlakyScenarioPassingOnARetryIsReportedFlakyEverywhere) {
  auto dir = util::testing::scratch_dir();
  auto reports = dir / "reports";
  std::vector<std::string> args = {kHarness.string(), "run",    "fixtures/cli/flaky.yaml",
                                   "--retries",       "1",      "--reports",
                                   reports.string(),  "--json", (dir / "run.json").string()};
  process::SpawnOptions options;
  options.argv = args;
  options.cwd = kSource;
  options.env_overrides = {{"FLAKY_MARKER", (dir / "marker").string()}};
  auto r = process::run(options, util::Deadline::after(util::Duration(300'000)));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status.code, 0) << r->out << r->err;
  EXPECT_NE(r->out.find("flaky: passed on attempt 2; attempt 1 failed:"), std::string::npos)
      << r->out;
  EXPECT_NE(r->out.find("exited.exitCode: expected 0, got 1"), std::string::npos) << r->out;
  EXPECT_NE(r->out.find("harness: flaky: 1 run(s) passed only on a retry: "
                        "fixtures/cli/flaky.yaml"),
            std::string::npos)
      << r->out;
  std::string junit = util::testing::read_file(reports / "junit.xml");
  EXPECT_NE(junit.find("status=\"flaky\""), std::string::npos) << junit;
  expect_schema_valid(reports / "junit.xml");
  auto events = json_events(dir / "run.json");
  EXPECT_EQ(final_action(events, "fixtures/cli/flaky.yaml"), "pass");
  bool said_flaky = false;
  for (const auto& e : events)
    said_flaky = said_flaky || util::starts_with(e.value("Output", ""), "    flaky: ");
  EXPECT_TRUE(said_flaky);
  // Both attempts keep their artifacts.
  EXPECT_TRUE(fs::exists(reports / "artifacts" / "fixtures_cli_flaky.yaml" / "transcript.txt"));
  EXPECT_TRUE(fs::exists(reports / "artifacts" / "attempt-2" / "fixtures_cli_flaky.yaml" /
                         "transcript.txt"));
}

TEST(Cli, FailFastStartsNothingAfterTheFirstFailureAndJsonSaysSo) {
  auto dir = util::testing::scratch_dir();
  auto r = harness({"run", "fixtures/cli/fails.yaml", "fixtures/cli/passes.yaml", "-j", "1",
                    "--fail-fast", "--reports", (dir / "reports").string(), "--json", "-"});
  EXPECT_EQ(r.status.code, 1) << r.err;
  EXPECT_EQ(last_line(r.err), "harness: 0 passed, 1 failed, 1 skipped") << r.err;
  EXPECT_NE(r.err.find("harness: stopped: --fail-fast: fixtures/cli/fails.yaml FAIL; 1 run(s) "
                       "not started"),
            std::string::npos)
      << r.err;
  // --json - puts the events on stdout, one JSON object per line, and the console on stderr.
  std::ofstream(dir / "events.json") << r.out;
  auto events = json_events(dir / "events.json");
  EXPECT_EQ(final_action(events, "fixtures/cli/fails.yaml"), "fail");
  EXPECT_EQ(final_action(events, "fixtures/cli/passes.yaml"), "skip");
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().value("Action", ""), "fail");
  EXPECT_FALSE(events.back().contains("Test"));
}

// SIGINT (Ctrl-C) and SIGTERM (a CI job cancelled), each in the middle of a parallel run.
class Interrupted : public ::testing::TestWithParam<int> {};

TEST_P(Interrupted, ParallelRunLeavesNoProcessAndAValidPartialReport) {
  const int sig = GetParam();
  const std::string name = sig == SIGINT ? "SIGINT" : "SIGTERM";
  process::become_subreaper();  // orphans of the harness would come to us: none may remain
  auto dir = util::testing::scratch_dir();
  auto reports = dir / "reports";
  process::SpawnOptions options;
  options.argv = {kHarness.string(),
                  "run",
                  "fixtures/cli/slow/",
                  "fixtures/cli/passes.yaml",
                  "-j",
                  "2",
                  "--reports",
                  reports.string(),
                  "--json",
                  (dir / "run.json").string()};
  options.cwd = kSource;
  auto child = process::Child::spawn(options);
  ASSERT_TRUE(child.ok()) << child.error().str();
  // Wait until both jobs have their spinner running under dlv.
  auto until = util::Deadline::after(util::Duration(60'000));
  while (!until.expired()) {
    std::size_t spinners = 0;
    for (int pid : process::descendants((*child)->pid())) {
      std::string cmdline = util::testing::read_file("/proc/" + std::to_string(pid) + "/cmdline");
      std::string program = cmdline.substr(0, cmdline.find('\0'));
      spinners += util::ends_with(program, "/spinner");
    }
    if (spinners >= 2) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_FALSE(until.expired()) << "the spinners never ran";
  ::kill((*child)->pid(), sig);
  auto status = (*child)->wait(util::Deadline::after(util::Duration(30'000)));
  ASSERT_TRUE(status.ok()) << status.error().str();
  EXPECT_EQ(status->code, sig == SIGINT ? 130 : 143);
  std::string out = (*child)->stdout_text();
  EXPECT_NE(out.find("harness: stopped: interrupted by " + name + "; "), std::string::npos) << out;
  EXPECT_NE(out.find("interrupted: interrupted by " + name), std::string::npos) << out;
  std::string junit = util::testing::read_file(reports / "junit.xml");
  EXPECT_NE(junit.find("name=\"partial\" value=\"true: interrupted by " + name + "\""),
            std::string::npos)
      << junit;
  expect_schema_valid(reports / "junit.xml");
  auto events = json_events(dir / "run.json");  // renamed from run.json.partial at the end
  EXPECT_FALSE(fs::exists(dir / "run.json.partial"));
  ASSERT_FALSE(events.empty());
  // The package of the interrupted scenarios ends in fail.
  bool slow_package_failed = false;
  for (const auto& e : events) {
    slow_package_failed |= !e.contains("Test") && e.value("Action", "") == "fail" &&
                           util::ends_with(e.value("Package", ""), "fixtures/cli/slow");
  }
  EXPECT_TRUE(slow_package_failed);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  process::reap_adopted();
  auto left = process::descendants(::getpid());
  EXPECT_TRUE(left.empty()) << left.size() << " process(es) left, first pid " << left[0];
}

INSTANTIATE_TEST_SUITE_P(Cli, Interrupted, ::testing::Values(SIGINT, SIGTERM),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return std::string(info.param == SIGINT ? "Sigint" : "Sigterm");
                         });

TEST(Cli, CompareTwoRealReportsShowsWhatChanged) {
  // Two real runs of the same suite: the flaky program fails on its first run and passes on its
  // second, fixtures/cli/passes.yaml passes in both.
  auto dir = util::testing::scratch_dir();
  auto run = [&](const std::string& name) {
    process::SpawnOptions options;
    options.argv = {kHarness.string(),
                    "run",
                    "fixtures/cli/flaky.yaml",
                    "fixtures/cli/passes.yaml",
                    "--reports",
                    (dir / name).string(),
                    "--json",
                    (dir / name / "run.json").string()};
    options.cwd = kSource;
    options.env_overrides = {{"FLAKY_MARKER", (dir / "marker").string()}};
    auto r = process::run(options, util::Deadline::after(util::Duration(300'000)));
    ASSERT_TRUE(r.ok());
  };
  run("before");
  run("after");
  // Timing varies with the machine's load: --slower-factor keeps it out of this test.
  auto forward = harness({"compare", (dir / "before" / "junit.xml").string(),
                          (dir / "after" / "junit.xml").string(), "--slower-factor", "1000"});
  EXPECT_EQ(forward.status.code, 0) << forward.out << forward.err;
  EXPECT_NE(forward.out.find("newly passing (1):\n  fixtures.cli.flaky / cli flaky\n    FAIL -> "
                             "PASS\n"),
            std::string::npos)
      << forward.out;
  EXPECT_EQ(last_line(forward.out),
            "harness compare: 0 regression(s), 1 improvement(s), 0 other change(s)");
  // The other way round it is a regression, with the failure's first line; JSON reads the same.
  auto backward = harness(
      {"compare", (dir / "after" / "run.json").string(), (dir / "before" / "run.json").string()});
  EXPECT_EQ(backward.status.code, 1) << backward.out << backward.err;
  EXPECT_NE(backward.out.find("newly failing (1):\n  dlv-harness / fixtures/cli/flaky.yaml\n"
                              "    PASS -> FAIL: fixtures/cli/flaky.yaml:7:25: exited.exitCode: "
                              "expected 0, got 1\n"),
            std::string::npos)
      << backward.out;
  auto unreadable =
      harness({"compare", (dir / "nope.xml").string(), (dir / "after" / "junit.xml").string()});
  EXPECT_EQ(unreadable.status.code, 2);
  EXPECT_NE(unreadable.err.find("cannot read"), std::string::npos) << unreadable.err;
}

// The "old distro" matrix cell: Debian 12's golang-1.19-go with its delve 1.20.2 (scripts/dev test
// installs both). The corpus must pass there, or skip with a stated reason where dlv 1.20.2
// lacks a feature.
TEST(Cli, CorpusPassesInTheOldDistroCell) {
  const fs::path go = "/usr/lib/go-1.19/bin/go", dlv = "/usr/bin/dlv";
  if (!fs::exists(go) || !fs::exists(dlv)) {
    GTEST_SKIP() << "needs Debian's golang-1.19-go and delve (scripts/dev test installs them)";
  }
  auto dir = util::testing::scratch_dir();
  // dlv 1.20.2 now and then reports exit code -1 for a program that exited 0 (seen once in a
  // loaded CI run, never in 12 quiet repeats): one retry, and such a run counts as flaky.
  auto r = harness({"run", "scenarios/", "-j", "2", "--retries", "1", "--go", go.string(), "--dlv",
                    dlv.string(), "--reports", (dir / "reports").string(), "--cache",
                    (dir / "cache").string()});
  EXPECT_EQ(r.status.code, 0) << without_passes(r.out) << r.err;
  EXPECT_NE(r.out.find("dlv 1.20.2 (/usr/bin/dlv); go1.19"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(", 0 failed, "), std::string::npos) << r.out;
}

// `--go` and `--dlv` given twice run every cell of the matrix: the two compatible cells run, the
// two that Delve's support window rules out are skipped with the reason, one <testsuite> each.
TEST(Cli, MatrixRunsEveryCompatibleCellAndSkipsTheOthers) {
  const fs::path old_go = "/usr/lib/go-1.19/bin/go", old_dlv = "/usr/bin/dlv";
  if (!fs::exists(old_go) || !fs::exists(old_dlv)) {
    GTEST_SKIP() << "needs Debian's golang-1.19-go and delve (scripts/dev test installs them)";
  }
  auto dir = util::testing::scratch_dir();
  auto reports = dir / "reports";
  auto go = gotool::find_go(std::nullopt);
  ASSERT_TRUE(go.ok()) << go.error().str();
  auto r =
      harness({"run", "fixtures/cli/passes.yaml", "--go", old_go.string(), "--go", go->go.string(),
               "--dlv", old_dlv.string(), "--dlv", util::testing::dlv_for_tests(), "--reports",
               reports.string(), "--json", (dir / "run.json").string()});
  EXPECT_EQ(r.status.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("harness: cell go1.19.8 dlv1.20.2: 1 passed, 0 failed, 0 skipped"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("dlv1.20.2 skipped: dlv 1.20.2 with go 1."), std::string::npos) << r.out;
  EXPECT_EQ(last_line(r.out), "harness: 2 passed, 0 failed, 2 skipped") << r.out;
  std::string junit = util::testing::read_file(reports / "junit.xml");
  std::size_t suites = 0;
  for (auto at = junit.find("<testsuite "); at != std::string::npos;
       at = junit.find("<testsuite ", at + 1))
    ++suites;
  EXPECT_EQ(suites, 4u) << junit;
  EXPECT_NE(junit.find("<testsuite name=\"go1.19.8 dlv1.20.2\""), std::string::npos) << junit;
  expect_schema_valid(reports / "junit.xml");
  auto events = json_events(dir / "run.json");
  EXPECT_EQ(final_action(events, "fixtures/cli/passes.yaml"), "pass");
  // In --json a cell's space is a '-': readers of the package summary line end a name at a space.
  bool old_cell_package = false;
  for (const auto& e : events)
    old_cell_package |= util::starts_with(e.value("Package", ""), "go1.19.8-dlv1.20.2/");
  EXPECT_TRUE(old_cell_package);
  EXPECT_TRUE(fs::exists(reports / "artifacts" / "go1.19.8-dlv1.20.2"));
}

TEST(Cli, GithubActionsGetsAnnotationsOnTheScenarioLineAndAStepSummary) {
  auto dir = util::testing::scratch_dir();
  process::SpawnOptions options;
  options.argv = {kHarness.string(),          "run",       "fixtures/cli/fails.yaml",
                  "fixtures/cli/passes.yaml", "--reports", (dir / "reports").string()};
  options.cwd = kSource;
  options.env_overrides = {{"GITHUB_ACTIONS", "true"},
                           {"GITHUB_STEP_SUMMARY", (dir / "summary.md").string()}};
  auto r = process::run(options, util::Deadline::after(util::Duration(300'000)));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status.code, 1);
  EXPECT_NE(r->out.find("::error file=fixtures/cli/fails.yaml,line=12,col=23,title=FAIL cli smoke "
                        "fails::fixtures/cli/fails.yaml:12:23: Locals.name.value: expected"),
            std::string::npos)
      << r->out;
  std::string summary = util::testing::read_file(dir / "summary.md");
  EXPECT_NE(summary.find("1 passed, 1 failed, 0 skipped"), std::string::npos) << summary;
  EXPECT_NE(summary.find("| FAIL | `fixtures/cli/fails.yaml` |"), std::string::npos) << summary;
}

// The workflow for users is YAML GitHub can read, and runs what the README says.
TEST(Cli, UserWorkflowRunsTheHarnessShardedInWsl) {
  auto text = util::testing::read_file(kSource / ".github" / "workflows" / "dlv-harness.yml");
  EXPECT_NE(text.find("uses: Vampire/setup-wsl@v7"), std::string::npos);
  EXPECT_NE(text.find("wsl-version: 2"), std::string::npos);
  EXPECT_NE(text.find("--shard ${{ matrix.shard }}/2"), std::string::npos);
  EXPECT_NE(text.find("shell: wsl-bash {0}"), std::string::npos);
  // The harness is compiled once per distribution, into a package the cells install.
  EXPECT_NE(text.find("run: mkdir -p dist && cp \"$(scripts/dev package)\" dist/dlv-harness.deb"),
            std::string::npos);
  EXPECT_NE(text.find("    needs: package\n"), std::string::npos);
  EXPECT_NE(text.find("      HARNESS_DEB: dist/dlv-harness.deb\n"), std::string::npos);
  EXPECT_NE(text.find(":HARNESS_GO:HARNESS_DEB\n"), std::string::npos);
}

// The approved newer Go cell: GOTOOLCHAIN=go1.27.3 (scripts/dev test fetches it and sets
// HARNESS_NEWER_GO) with the pinned dlv.
TEST(Cli, CorpusPassesWithTheNewerGoToolchain) {
  const char* newer = std::getenv("HARNESS_NEWER_GO");
  if (!newer || !*newer) GTEST_SKIP() << "HARNESS_NEWER_GO is not set (scripts/dev test sets it)";
  auto r = harness({"run", "scenarios/", "-j", "2", "--go", newer, "--reports",
                    (util::testing::scratch_dir() / "reports").string()});
  EXPECT_EQ(r.status.code, 0) << without_passes(r.out) << r.err;
  EXPECT_NE(r.out.find("; go1.27.3 "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(", 0 failed, "), std::string::npos) << r.out;
}

// `harness record` on a skeleton for every program in goprojects/: each recorded scenario loads,
// holds what the program does (stops, locals, output, exit code), and passes 10 runs in a row.
TEST(Cli, RecordedScenarioOfEveryProgramPassesTenRunsInARow) {
  auto dir = util::testing::scratch_dir();
  std::size_t programs = 0;
  for (const auto& entry : fs::directory_iterator(kSource / "goprojects")) {
    std::string name = entry.path().filename().string();
    auto skeleton = fs::path("fixtures/record") / (name + ".yaml");
    ASSERT_TRUE(fs::exists(kSource / skeleton)) << "no record skeleton for goprojects/" << name;
    auto r = harness({"record", skeleton.string(), "-o", (dir / (name + ".yaml")).string(),
                      "--reports", (dir / "reports").string()});
    ASSERT_EQ(r.status.code, 0) << name << ": " << r.out << r.err;
    EXPECT_NE(r.err.find("run 3/3: PASS"), std::string::npos) << r.err;
    ++programs;
  }
  EXPECT_GE(programs, 13u);
  auto basics = util::testing::read_file(dir / "basics.yaml");
  EXPECT_NE(basics.find("  - expect_stop:\n      reason: breakpoint\n      at: before_greet\n"),
            std::string::npos)
      << basics;
  EXPECT_NE(basics.find("count: {value: 3, type: int}"), std::string::npos) << basics;
  EXPECT_NE(basics.find("{category: stdout, contains: hello world}"), std::string::npos) << basics;
  EXPECT_NE(basics.find("  - expect_exit: {code: 0}\n"), std::string::npos) << basics;

  auto r = harness({"run", "--repeat", "10", "-j", "2", "--reports", (dir / "run-reports").string(),
                    dir.string()});
  EXPECT_EQ(r.status.code, 0) << r.out << r.err;
  EXPECT_EQ(last_line(r.out),
            "harness: " + std::to_string(programs * 10) + " passed, 0 failed, 0 skipped");
}

// The recorded expectations are real ones: the same recording fails once the program's answer
// differs (here a wrong value written into it), and says where.
TEST(Cli, RecordedScenarioFailsWhenTheProgramChanges) {
  auto dir = util::testing::scratch_dir();
  auto out = dir / "basics.yaml";
  auto r = harness({"record", "fixtures/record/basics.yaml", "-o", out.string(), "--evaluate",
                    "count * 2", "--runs", "2", "--reports", (dir / "reports").string()});
  ASSERT_EQ(r.status.code, 0) << r.out << r.err;
  std::string text = util::testing::read_file(out);
  EXPECT_NE(text.find("  - evaluate: {expr: count * 2}\n    expect: {result: 6, type: int}\n"),
            std::string::npos)
      << text;
  util::testing::write_file(
      out, util::testing::replace_first(text, "expect: {result: 6,", "expect: {result: 7,"));
  r = harness({"run", "--reports", (dir / "run-reports").string(), out.string()});
  EXPECT_EQ(r.status.code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("evaluate(count * 2).result: expected 7, got \"6\""), std::string::npos)
      << r.out;
}

// `run --update` on a scenario with three wrong values rewrites exactly those three (in their
// own quoting style, comments kept), prints the diff, and the scenario then passes; a matcher
// that failed would be left as written.
TEST(Cli, UpdateRewritesExactlyTheWrongValues) {
  std::string original =
      util::testing::read_file(kSource / "fixtures/update/three_wrong_values.yaml");
  // Outside the repository the program is found by its absolute path.
  original = util::testing::replace_first(original, "program: goprojects/basics",
                                          "program: " + (kSource / "goprojects/basics").string());
  auto dir = util::testing::scratch_dir() / "update";
  fs::create_directories(dir);
  auto file = dir / "three_wrong_values.yaml";
  util::testing::write_file(file, original);

  auto r = harness({"run", "--update", "--reports", (dir / "reports").string(), file.string()});
  EXPECT_EQ(r.status.code, 0) << r.out << r.err;
  std::string expected = original;
  expected = util::testing::replace_first(expected, "file: main.go, line: 30}",
                                          "file: main.go, line: 31}");
  expected = util::testing::replace_first(expected, "value: '7.25'                   #",
                                          "value: '2.5'                   #");
  expected = util::testing::replace_first(expected, "code: 4 ", "code: 0 ");
  EXPECT_EQ(util::testing::read_file(file), expected);
  // One diff for the file, over all rounds.
  EXPECT_NE(
      r.out.find("--- " + file.string() + "\n+++ " + file.string() + " (updated)\n@@ -11 +11 @@\n"),
      std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("+++"), r.out.rfind("+++")) << r.out;
  EXPECT_NE(r.out.find("-          value: '7.25'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("+      code: 0 "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("3 value(s) rewritten; now PASS"), std::string::npos) << r.out;
  EXPECT_EQ(last_line(r.out), "harness: 1 passed, 0 failed, 0 skipped");

  // Run again: nothing is left to rewrite.
  r = harness({"run", "--update", "--reports", (dir / "reports").string(), file.string()});
  EXPECT_EQ(r.status.code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.find("rewritten"), std::string::npos) << r.out;
  EXPECT_EQ(util::testing::read_file(file), expected);
}

// `--update --as-alternative` keeps each old value and adds dlv's answer as an alternative for
// this cell; the scenario then passes here, and another cell still gets the old value.
TEST(Cli, UpdateAsAlternativeKeepsTheOldValueForOtherCells) {
  std::string original =
      util::testing::read_file(kSource / "fixtures/update/three_wrong_values.yaml");
  original = util::testing::replace_first(original, "program: goprojects/basics",
                                          "program: " + (kSource / "goprojects/basics").string());
  auto dir = util::testing::scratch_dir() / "update-alternative";
  fs::create_directories(dir);
  auto file = dir / "three_wrong_values.yaml";
  util::testing::write_file(file, original);
  auto r = harness({"run", "--update", "--as-alternative", "--reports", (dir / "reports").string(),
                    file.string()});
  EXPECT_EQ(r.status.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("3 value(s) rewritten; now PASS"), std::string::npos) << r.out;
  std::string text = util::testing::read_file(file);
  const std::string when = R"(, when: {dlv: "==)";
  for (const std::string& alternative :
       {"line: {any_of: [30, {eq: 31" + when, "value: {any_of: ['7.25', {eq: 2.5" + when,
        "code: {any_of: [4, {eq: 0" + when}) {
    EXPECT_NE(text.find(alternative), std::string::npos) << alternative << "\n" << text;
  }
  EXPECT_NE(text.find(R"(", go: ">=1.)"), std::string::npos) << text;
  EXPECT_EQ(harness({"validate", file.string()}).status.code, 0);
  r = harness({"run", "--reports", (dir / "reports").string(), file.string()});
  EXPECT_EQ(r.status.code, 0) << r.out << r.err;
  EXPECT_EQ(harness({"run", "--as-alternative", file.string()}).status.code, 2);
}

// An expectation that already has alternatives gets this cell's answer as one more, without
// --as-alternative: in a flow list before its `]`, in a block list as a new last item.
TEST(Cli, UpdateAddsThisCellToAnExistingAnyOf) {
  std::string original =
      util::testing::read_file(kSource / "fixtures/update/alternatives_missing_this_cell.yaml");
  original = util::testing::replace_first(original, "program: goprojects/basics",
                                          "program: " + (kSource / "goprojects/basics").string());
  auto dir = util::testing::scratch_dir() / "update-any-of";
  fs::create_directories(dir);
  auto file = dir / "alternatives.yaml";
  util::testing::write_file(file, original);
  auto r = harness({"run", "--update", "--reports", (dir / "reports").string(), file.string()});
  EXPECT_EQ(r.status.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("2 value(s) rewritten; now PASS"), std::string::npos) << r.out;
  std::string text = util::testing::read_file(file);
  EXPECT_NE(
      text.find(R"(value: {any_of: ["4", {eq: "5", when: {dlv: "<1.0"}}, {eq: 3, when: {dlv: "==)"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("          - 5\n          - {eq: 0, when: {dlv: \"=="), std::string::npos)
      << text;
  // The inserted line is a hunk of its own; the lines after it are not shown as changed.
  EXPECT_NE(r.out.find("@@ -21,0 +22 @@\n+          - {eq: 0, when: {dlv: "), std::string::npos)
      << r.out;
  r = harness({"run", "--reports", (dir / "reports").string(), file.string()});
  EXPECT_EQ(r.status.code, 0) << r.out << r.err;
}

// A failing matcher is not a value to rewrite: --update leaves it and says why.
TEST(Cli, UpdateLeavesMatchersAsWritten) {
  auto dir = util::testing::scratch_dir() / "update-matcher";
  fs::create_directories(dir);
  auto file = dir / "matcher.yaml";
  std::string text = util::testing::read_file(kSource / "fixtures/update/three_wrong_values.yaml");
  text = util::testing::replace_first(text, "program: goprojects/basics",
                                      "program: " + (kSource / "goprojects/basics").string());
  text = util::testing::replace_first(text, "type: {prefix: str}", "type: {prefix: int}");
  util::testing::write_file(file, text);
  auto r = harness({"run", "--update", "--reports", (dir / "reports").string(), file.string()});
  EXPECT_EQ(r.status.code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("Locals.name.type: expected prefix \"int\": not a literal; left as written"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("now FAIL"), std::string::npos) << r.out;
  EXPECT_NE(util::testing::read_file(file).find("type: {prefix: int}"), std::string::npos);
}

}  // namespace
}  // namespace cli
