// End to end against the real dlv: every scenario in scenarios/ must pass, every scenario in
// fixtures/must-fail/ must fail with its known message, and no process may be left behind.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <regex>
#include <set>

#include "harness/gotool/delve_source.h"
#include "harness/gotool/toolchain.h"
#include "harness/process/child.h"
#include "harness/runner/scenario_runner.h"
#include "harness/runner/suite.h"
#include "harness/scenario/loader.h"
#include "harness/util/strings.h"
#include "harness/util/test_support.h"

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
    e.exec_wrapper = fs::path(HARNESS_BINARY_DIR) / "bin" / "dlv-exec-wrapper";
    return e;
  }();
  return env;
}

// Loads one scenario file (relative to the source tree) to run it in environment(), as a run
// does, failing the test on diagnostics.
std::optional<scenario::Scenario> load(const std::string& relative) {
  fs::current_path(kSource);
  auto loaded = load_for_run(relative, environment());
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

// A fixture in fixtures/must-fail/ states its exact failure in its first line:
//   # expect-failure: LINE:COL: MESSAGE        ({source} stands for the source tree)
// and must fail with "<file>:LINE:COL: MESSAGE" as the first line of the problem. Where dlv's
// answer varies from run to run (goroutine ids), the line may instead be
//   # expect-failure-matching: ECMASCRIPT-REGEX   (matched against "LINE:COL: MESSAGE")
// Fixtures in fixtures/must-error/ do the same with `expect-error` and must end as an ERROR: the
// harness's verdict when dlv or the program, not an expectation, broke the scenario.
struct StatedProblem {
  std::string text;  // the exact first line, or the pattern
  bool is_pattern = false;
};

// The statement `# <word>: ...` or `# <word>-matching: ...` on the first line of `file`.
std::optional<StatedProblem> stated_problem(const std::string& file, const std::string& word) {
  std::string first = util::testing::read_file(kSource / file);
  first = first.substr(0, first.find('\n'));
  for (const std::string& tag : {"# " + word + ": ", "# " + word + "-matching: "}) {
    if (!util::starts_with(first, tag)) continue;
    StatedProblem stated{first.substr(tag.size()), tag.find("matching") != std::string::npos};
    const std::string placeholder = "{source}";
    if (auto at = stated.text.find(placeholder); at != std::string::npos) {
      stated.text.replace(at, placeholder.size(), kSource.string());
    }
    return stated;
  }
  return std::nullopt;
}

// The `# and-then: LINE:COL: MESSAGE` lines of `file`'s header: the lines of the problems of
// later steps, in order (a scenario goes on after a failed expectation; one step may state
// several mismatches, a line each).
std::vector<std::string> stated_later_problems(const std::string& file) {
  std::vector<std::string> later;
  for (const auto& line : util::split(util::testing::read_file(kSource / file), '\n')) {
    if (!util::starts_with(line, "#")) break;
    if (util::starts_with(line, "# and-then: ")) later.push_back(file + ":" + line.substr(12));
  }
  return later;
}

// Runs `file` and checks that it ends with `status` and the problem its first line states, and
// that the later steps' problems are exactly those its `# and-then:` lines state.
void expect_stated_problem(const std::string& file, const std::string& word, Status status) {
  auto stated = stated_problem(file, word);
  ASSERT_TRUE(stated) << file << " has no '# " << word << ": ' first line";
  auto s = load(file);
  ASSERT_TRUE(s);
  auto result = run_scenario(*s, environment());
  EXPECT_EQ(result.status, status) << result.problem.message;
  std::string first_line = result.problem.message.substr(0, result.problem.message.find('\n'));
  if (stated->is_pattern) {
    const std::string prefix = file + ":";
    ASSERT_TRUE(util::starts_with(first_line, prefix)) << first_line;
    EXPECT_TRUE(std::regex_match(first_line.substr(prefix.size()), std::regex(stated->text)))
        << first_line << "\n  does not match /" << stated->text << "/";
  } else {
    EXPECT_EQ(first_line, file + ":" + stated->text);
  }
  std::vector<std::string> later;
  for (const auto& problem : result.problem.later) {
    for (const auto& line : util::split(problem.message, '\n')) later.push_back(line);
  }
  EXPECT_EQ(later, stated_later_problems(file)) << result.problem.message;
  expect_no_descendants();
}

class MustFail : public ::testing::TestWithParam<std::string> {};

TEST_P(MustFail, FailsWithTheMessageItStates) {
  expect_stated_problem(GetParam(), "expect-failure", Status::Fail);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, MustFail, ::testing::ValuesIn(files_under("fixtures/must-fail")),
                         test_name);

class MustError : public ::testing::TestWithParam<std::string> {};

TEST_P(MustError, EndsAsAnErrorWithTheMessageItStates) {
  expect_stated_problem(GetParam(), "expect-error", Status::Error);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, MustError,
                         ::testing::ValuesIn(files_under("fixtures/must-error")), test_name);

// A fixture in fixtures/skips/ has a `requires` this machine does not meet; its first line
//   # expect-skip: REASON        ({dlv_version} stands for the dlv at hand)
// is the reason the harness must give, and nothing may be started for it.
class Skips : public ::testing::TestWithParam<std::string> {};

TEST_P(Skips, SkipsWithTheReasonItStates) {
  std::string first = util::testing::read_file(kSource / GetParam());
  first = first.substr(0, first.find('\n'));
  const std::string tag = "# expect-skip: ";
  ASSERT_TRUE(util::starts_with(first, tag)) << GetParam() << " has no '" << tag << "' first line";
  std::string reason = first.substr(tag.size());
  const std::string placeholder = "{dlv_version}";
  if (auto at = reason.find(placeholder); at != std::string::npos) {
    reason.replace(at, placeholder.size(), environment().dlv.version.str());
  }
  auto s = load(GetParam());
  ASSERT_TRUE(s);
  auto result = run_scenario(*s, environment());
  EXPECT_EQ(result.status, Status::Skip) << result.problem.message;
  EXPECT_EQ(result.problem.message, reason);
  expect_no_descendants();
}

INSTANTIATE_TEST_SUITE_P(Fixtures, Skips, ::testing::ValuesIn(files_under("fixtures/skips")),
                         test_name);

// Each conformance scenario names, on its first line, the Delve test it follows, and that test
// exists in the DAP server tests of the dlv at hand (its module source, as `go install` leaves it).
TEST(Conformance, EachScenarioNamesATestOfDelvesDapServer) {
  auto source = gotool::delve_source(environment().go, environment().dlv,
                                     util::Deadline::after(util::Duration(300'000)));
  ASSERT_TRUE(source.ok()) << source.error().str();
  std::string tests = util::testing::read_file(*source / "service" / "dap" / "server_test.go");
  const std::regex header(R"(^# Delve test: (Test\w+) \(service/dap/server_test\.go\)$)");
  std::set<std::string> followed;
  for (const auto& file : files_under("scenarios/conformance")) {
    std::string first = util::testing::read_file(kSource / file);
    first = first.substr(0, first.find('\n'));
    std::smatch named;
    if (!std::regex_match(first, named, header)) {
      ADD_FAILURE() << file << ": first line is not '# Delve test: TestX (service/dap/...)'";
      continue;
    }
    followed.insert(named[1]);
    EXPECT_NE(tests.find("func " + named[1].str() + "(t *testing.T)"), std::string::npos)
        << file << " follows " << named[1] << ", which " << environment().dlv.version.str()
        << "'s server_test.go does not have";
  }
  EXPECT_GE(followed.size(), 40u);
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
