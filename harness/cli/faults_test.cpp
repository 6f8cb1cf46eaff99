// Fault injection: `harness run` against fixtures/fake-dlv, which misbehaves in the ways a real
// dlv cannot be made to on demand. Every fault must end its scenario as an ERROR (JUnit <error>)
// whose message names what happened and where, within the scenario's deadline, with no process
// left behind, and without stopping the other scenarios of the run.
#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "harness/process/child.h"
#include "harness/util/strings.h"
#include "harness/util/test_support.h"

namespace cli {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = HARNESS_SOURCE_DIR;
const fs::path kHarness = fs::path(HARNESS_BINARY_DIR) / "bin" / "harness";
const fs::path kFakeDlv = fs::path(HARNESS_BINARY_DIR) / "bin" / "tests" / "fake-dlv";
const fs::path kCache = fs::path(HARNESS_BINARY_DIR) / "faults" / "cache";
constexpr double kScenarioTimeout = 5;  // fixtures/faults/baseline.yaml's `timeout:`

struct Run {
  int code = -1;
  std::string out;
  std::string junit;
  double seconds = 0;
};

// Runs `harness run -j 1` on `scenarios` with fake-dlv taking its faults from `plan`, with its
// plan and reports in `dir`, then checks that no process the run started is left.
Run run_with_plan(const std::vector<std::string>& plan, std::vector<std::string> scenarios,
                  const fs::path& dir = util::testing::scratch_dir()) {
  process::become_subreaper();  // orphans of the run would come to us: none may remain
  std::ofstream(dir / "plan.txt") << util::join(plan, "\n") << "\n";
  process::SpawnOptions options;
  options.argv = {
      kHarness.string(), "run",           "--dlv",     kFakeDlv.string(),         "-j", "1",
      "--cache",         kCache.string(), "--reports", (dir / "reports").string()};
  options.argv.insert(options.argv.end(), scenarios.begin(), scenarios.end());
  options.cwd = kSource;
  options.env_overrides = {{"FAKE_DLV_PLAN", (dir / "plan.txt").string()}, {"NO_COLOR", "1"}};
  auto started = std::chrono::steady_clock::now();
  auto result = process::run(options, util::Deadline::after(util::Duration(120'000)));
  Run run;
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().str());
  if (!result.ok()) return run;
  run.code = result->status.code;
  run.out = result->out + result->err;
  run.junit = util::testing::read_file(dir / "reports" / "junit.xml");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  process::reap_adopted();
  auto left = process::descendants(::getpid());
  EXPECT_TRUE(left.empty()) << left.size() << " process(es) left, first pid " << left[0];
  return run;
}

TEST(Faults, TheBaselinePassesWhenFakeDlvInjectsNothing) {
  auto run = run_with_plan({"none"}, {"fixtures/faults/baseline.yaml"});
  EXPECT_EQ(run.code, 0) << run.out;
  EXPECT_NE(run.out.find("PASS "), std::string::npos) << run.out;
}

TEST(Faults, SlowAnswersWithinTheDeadlinesStillPass) {
  auto run = run_with_plan({"slow:150"}, {"fixtures/faults/baseline.yaml"});
  EXPECT_EQ(run.code, 0) << run.out;
}

struct Fault {
  std::string plan;      // the line of fake-dlv's plan
  std::string expected;  // in the scenario's message
};

void PrintTo(const Fault& f, std::ostream* os) {
  *os << f.plan;
}

class EachFault : public ::testing::TestWithParam<Fault> {};

TEST_P(EachFault, EndsTheScenarioAsAnErrorThatNamesIt) {
  auto run = run_with_plan({GetParam().plan}, {"fixtures/faults/baseline.yaml"});
  EXPECT_EQ(run.code, 1) << run.out;
  EXPECT_NE(run.out.find("ERROR "), std::string::npos) << run.out;
  EXPECT_NE(run.out.find(GetParam().expected), std::string::npos) << run.out;
  EXPECT_NE(run.junit.find("<error message="), std::string::npos) << run.junit;
  // The scenario's deadline, plus the disconnect grace and start-up: nothing waits longer.
  EXPECT_LT(run.seconds, kScenarioTimeout + 4) << run.out;
}

INSTANTIATE_TEST_SUITE_P(
    Faults, EachFault,
    ::testing::Values(
        Fault{"exit-before-listen",
              "fake-dlv exited (exit status 3) before printing its listen address; stderr: "
              "fake-dlv: injected: exit before listening"},
        Fault{"silent", "baseline.yaml:3:1: timeout: " + kFakeDlv.string() +
                            " did not print its listen address within "},
        Fault{"close-mid-frame",
              "baseline.yaml:3:1: transport: connection closed by the debug adapter while waiting "
              "for the response to 'initialize' (seq 1): connection closed in the middle of a "
              "frame (22 of 120 body bytes)"},
        Fault{"huge-length",
              "stopped reading from the debug adapter while waiting for the response to "
              "'initialize' (seq 1): Content-Length 1000000000000 exceeds the limit of 67108864 "
              "bytes"},
        Fault{"short-length@launch",
              "stopped reading from the debug adapter while waiting for 'initialized' or the "
              "launch response: invalid JSON in a message from the debug adapter"},
        Fault{"invalid-json",
              "stopped reading from the debug adapter while waiting for the response to "
              "'initialize' (seq 1): invalid JSON in a message from the debug adapter: "
              "\"{\\\"seq\\\": 1, \\\"type\\\": \\\"response\\\", oops}\""},
        Fault{"unknown-response",
              "the debug adapter broke the protocol: a response ('bogus', request_seq 999) to a "
              "request that was never sent (see transcript.txt)"},
        Fault{"no-initialized",
              "waiting for the 'initialized' event after a successful launch response; last "
              "message: response launch (success)"},
        Fault{"slow:3000",
              "waiting for 'initialized' or the launch response; last message: response "
              "initialize (success)"},
        Fault{"hang@continue", "baseline.yaml:15:5: timeout: timed out after 4."},
        Fault{"crash@launch",
              "connection closed by the debug adapter while waiting for 'initialized' or the "
              "launch response\n         dlv killed by signal 6 (SIGABRT)"},
        Fault{"crash@continue",
              "baseline.yaml:15:5: transport: connection closed by the debug adapter while "
              "waiting for the response to 'continue' (seq 8)\n         dlv killed by signal 6 "
              "(SIGABRT)"},
        Fault{"flood:60000",
              "output flood: more than 50000 output events; the harness stops reading to bound "
              "its memory"}),
    [](const ::testing::TestParamInfo<Fault>& info) {
      std::string name = info.param.plan;
      for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      return name;
    });

TEST(Faults, TheOtherScenariosOfTheRunStillRun) {
  auto dir = util::testing::scratch_dir();
  std::string text = util::testing::read_file(kSource / "fixtures/faults/baseline.yaml");
  auto at = text.find("program: goprojects/");
  ASSERT_NE(at, std::string::npos);
  text.insert(at + 9, kSource.string() + "/");  // absolute: the copies live outside the tree
  std::vector<std::string> files;
  for (const char* name : {"a", "b", "c"}) {
    files.push_back((dir / (std::string(name) + ".yaml")).string());
    std::ofstream(files.back()) << text;
  }
  auto run = run_with_plan({"crash@launch", "none", "invalid-json"}, files, dir);
  EXPECT_EQ(run.code, 1) << run.out;
  EXPECT_NE(run.out.find("harness: 1 passed, 2 failed, 0 skipped"), std::string::npos) << run.out;
  auto pass = run.out.find("PASS ");
  ASSERT_NE(pass, std::string::npos) << run.out;
  EXPECT_NE(run.out.find("b.yaml", pass), std::string::npos) << run.out;
}

}  // namespace
}  // namespace cli
