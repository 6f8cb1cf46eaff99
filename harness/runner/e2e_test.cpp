// End to end against the real dlv: every scenario in scenarios/ must pass, every scenario in
// fixtures/must-fail/ must fail with its known message, and no process may be left behind.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "harness/gotool/toolchain.h"
#include "harness/process/child.h"
#include "harness/runner/scenario_runner.h"
#include "harness/scenario/loader.h"

namespace runner {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = HARNESS_SOURCE_DIR;

// Tools and folders shared by all end-to-end tests (found once).
const Environment& environment() {
  static const Environment env = [] {
    // As in `harness run`: orphans of a dying dlv are re-parented to us, so the checks for
    // left-behind processes below see them.
    process::become_subreaper();
    auto go = gotool::find_go(std::nullopt);
    EXPECT_TRUE(go.ok()) << go.error().str();
    auto dlv = gotool::find_dlv(std::nullopt, go.ok() ? &*go : nullptr);
    EXPECT_TRUE(dlv.ok()) << dlv.error().str();
    Environment e;
    if (go.ok()) e.go = *go;
    if (dlv.ok()) e.dlv = *dlv;
    e.cache_dir = fs::path(HARNESS_BINARY_DIR) / "e2e" / "cache";
    e.artifacts_dir = fs::path(HARNESS_BINARY_DIR) / "e2e" / "artifacts";
    return e;
  }();
  return env;
}

// Loads one scenario file (relative to the source tree), failing the test on diagnostics.
std::optional<scenario::Scenario> load(const std::string& relative) {
  fs::current_path(kSource);
  auto loaded = scenario::load_file(relative);
  for (const auto& d : loaded.diagnostics) ADD_FAILURE() << d.str();
  if (loaded.scenarios.size() != 1) return std::nullopt;
  return std::move(loaded.scenarios.front());
}

// Scenario files under a folder of the source tree, relative to it, sorted.
std::vector<std::string> files_under(const std::string& folder) {
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(kSource / folder)) {
    if (e.path().extension() == ".yaml") {
      files.push_back(e.path().lexically_relative(kSource).generic_string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = fs::path(info.param).stem().string();
  std::replace_if(
      name.begin(), name.end(), [](char c) { return !std::isalnum(c); }, '_');
  return name;
}

void expect_no_descendants() {
  auto left = process::descendants(getpid());
  EXPECT_TRUE(left.empty()) << left.size() << " process(es) left behind, first pid " << left[0];
}

class Corpus : public ::testing::TestWithParam<std::string> {};

TEST_P(Corpus, Passes) {
  auto s = load(GetParam());
  ASSERT_TRUE(s);
  auto result = run_scenario(*s, environment());
  EXPECT_EQ(result.status, Status::Pass)
      << status_name(result.status) << ": " << result.problem.message << "\n"
      << result.transcript_tail;
  expect_no_descendants();
}

INSTANTIATE_TEST_SUITE_P(Scenarios, Corpus, ::testing::ValuesIn(files_under("scenarios")),
                         test_name);

// A must-fail fixture and the exact failure its first line must show.
struct MustFail {
  std::string file;
  std::string message;
};

void PrintTo(const MustFail& m, std::ostream* os) {
  *os << m.file;
}

class MustFailFixture : public ::testing::TestWithParam<MustFail> {};

TEST_P(MustFailFixture, FailsWithItsMessage) {
  const auto& expected = GetParam();
  auto s = load("fixtures/must-fail/" + expected.file);
  ASSERT_TRUE(s);
  auto result = run_scenario(*s, environment());
  EXPECT_EQ(result.status, Status::Fail) << result.problem.message;
  std::string first_line = result.problem.message.substr(0, result.problem.message.find('\n'));
  EXPECT_EQ(first_line, "fixtures/must-fail/" + expected.file + ":" + expected.message);
  expect_no_descendants();
}

const MustFail kMustFail[] = {
    {"missing_output.yaml",
     "8:39: output[stdout]: expected contains \"goodbye world\", got \"hello world\\ntotal 30 3 "
     "2.5 true x \\n\""},
    {"missing_variable.yaml",
     "14:9: Locals.counter: no such variable (Locals: count, ratio, enabled, name, mood, letter)"},
    {"unverified_breakpoint.yaml",
     "8:7: breakpoint 'blank_line' (main.go) not verified: could not find statement at " +
         (kSource / "goprojects/basics/main.go").string() +
         ":20, please use a line with a "
         "statement"},
    {"wrong_breakpoint_hit.yaml",
     "12:43: stopped.hitBreakpointIds: expected breakpoint 'second' (dlv id 2), got [1] (reason "
     "breakpoint)"},
    {"wrong_child_count.yaml", "14:38: Locals.items.children.count: expected 200, got 64"},
    {"wrong_evaluate_result.yaml",
     "13:22: evaluate(len(items)).result: expected \"100\", got \"200\""},
    {"wrong_evaluate_type.yaml",
     "13:45: evaluate(wh.Address.City).type: expected \"[]byte\", got \"string\""},
    {"wrong_exit_code.yaml", "8:25: exited.exitCode: expected 0, got 3"},
    {"wrong_line.yaml", "13:61: stackTrace[0].line: expected 11, got 10"},
    {"wrong_panic_text.yaml",
     "8:64: stopped.text: expected \"boom: disk full\", got \"\\\"boom: disk full\\\"\""},
    {"wrong_stop_reason.yaml",
     "10:27: stopped.reason: expected \"breakpoint\", got \"function breakpoint\""},
    {"wrong_type.yaml", "14:37: Locals.ratio.type: expected \"float32\", got \"float64\""},
    {"wrong_value.yaml", "14:24: Locals.count.value: expected \"4\", got \"3\""},
};

INSTANTIATE_TEST_SUITE_P(Fixtures, MustFailFixture, ::testing::ValuesIn(kMustFail),
                         [](const ::testing::TestParamInfo<MustFail>& info) {
                           return fs::path(info.param.file).stem().string();
                         });

TEST(MustFailFixtures, EveryFixtureHasAnExpectedMessage) {
  auto files = files_under("fixtures/must-fail");
  ASSERT_EQ(files.size(), std::size(kMustFail));
  for (const auto& m : kMustFail) {
    EXPECT_NE(std::find(files.begin(), files.end(), "fixtures/must-fail/" + m.file), files.end())
        << m.file;
  }
}

TEST(Scenario, DlvThatCannotStartIsAnErrorNotAFailure) {
  auto s = load("fixtures/cli/passes.yaml");
  ASSERT_TRUE(s);
  Environment env = environment();
  env.dlv.path = "/bin/false";
  auto result = run_scenario(*s, env);
  EXPECT_EQ(result.status, Status::Error);
  EXPECT_NE(result.problem.message.find("process: "), std::string::npos) << result.problem.message;
  expect_no_descendants();
}

}  // namespace
}  // namespace runner
