#pragma once
#include <chrono>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "harness/runner/suite.h"

// Events in the shape of `go test -json` (cmd/test2json), so gotestsum, go-junit-report and CI
// dashboards that read Go test output read a harness run: one JSON object per line with Time,
// Action (start, run, output, pass, fail, skip), Package, Test, Elapsed and Output.
namespace report {

class Test2JsonReporter : public runner::SuiteObserver {
 public:
  // `package` names the run (the matrix cell, or "dlv-harness"); lines go to `out` as they happen.
  Test2JsonReporter(std::FILE* out, std::string package);
  void started(const scenario::ScenarioEntry& scenario, int repetition, std::size_t index,
               std::size_t total) override;
  void finished(const runner::ScenarioResult& result) override;
  // The scenarios that never ran (their skip events), then each package's own pass or fail.
  void done(const std::vector<runner::ScenarioResult>& results);

  // A scenario run in `go test -json` terms: its folder is a Package under the run's package
  // ("dlv-harness/scenarios/variables"), its file name the Test ("locals.yaml", "#K" added for
  // run K >= 2 of --repeat). A Test holds no '/': go test and its readers take one as a subtest
  // of a parent test that never ran (gotestsum 1.13 panics on such a run that failed).
  struct GoTest {
    std::string package;
    std::string test;
  };
  GoTest go_test(const std::string& id, int repetition) const;

 private:
  void emit(const std::string& action, const GoTest& test, const std::string* output,
            double elapsed = -1);
  void seen(const std::string& package, bool ok);

  std::FILE* out_;
  std::string package_;
  std::chrono::steady_clock::time_point start_;
  std::set<std::string> reported_;                      // package + test that got a final event
  std::vector<std::pair<std::string, bool>> packages_;  // in order of their start, and whether ok
};

}  // namespace report
