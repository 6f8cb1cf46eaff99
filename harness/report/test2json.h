#pragma once
#include <chrono>
#include <cstdio>
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
  // The scenarios that never ran (their skip events), then the package's own pass or fail.
  void done(const std::vector<runner::ScenarioResult>& results);

  // The Test name of a run: the scenario file, with "#K" for run K >= 2 of --repeat.
  static std::string test_name(const std::string& id, int repetition);

 private:
  void emit(const std::string& action, const std::string& test, const std::string* output,
            double elapsed = -1);

  std::FILE* out_;
  std::string package_;
  std::chrono::steady_clock::time_point start_;
  std::vector<std::string> reported_;  // test names that got a final event
};

}  // namespace report
