// run_suite without dlv: what it decides before a scenario reaches the debugger.
#include "harness/runner/suite.h"

#include <gtest/gtest.h>

#include <fstream>

#include "harness/util/test_support.h"

namespace runner {
namespace {

class Collect : public SuiteObserver {
 public:
  void finished(const ScenarioResult& result) override { results.push_back(result); }
  std::vector<ScenarioResult> results;
};

TEST(Suite, AFileThatChangedAfterValidationIsThatRunsError) {
  auto dir = util::testing::scratch_dir();
  auto file = dir / "edited.yaml";
  std::ofstream(file) << "program: goprojects/basics\nsteps: [{continu: {}}]\n";
  scenario::ScenarioEntry entry{
      file, "edited", {}, scenario::LaunchMode::Exec, {file.string(), 1, 1}};
  Environment env;
  env.artifacts_dir = dir / "artifacts";
  Collect observer;
  StopFlag stop;
  auto results = run_suite({entry}, env, SuiteOptions{}, observer, stop);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].status, Status::Error);
  EXPECT_NE(results[0].problem.message.find("the scenario does not load for this run:"),
            std::string::npos)
      << results[0].problem.message;
  EXPECT_NE(results[0].problem.message.find("unknown step 'continu'"), std::string::npos)
      << results[0].problem.message;
  EXPECT_EQ(observer.results.size(), 1u);
}

}  // namespace
}  // namespace runner
