#pragma once
#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
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
  // `package` names the run (the matrix cell, or "dlv-harness"; a space becomes '-', since
  // readers of the package summary line take a package name to end at a space); `planned`
  // and `repeat` say which runs each package will hold, so that a package is written once its
  // last run has finished.
  Test2JsonReporter(std::FILE* out, const std::string& package,
                    const std::vector<scenario::ScenarioEntry>& planned, int repeat);
  void started(const scenario::ScenarioEntry& scenario, int repetition, std::size_t index,
               std::size_t total) override;
  void finished(const runner::ScenarioResult& result) override;
  // The runs that never started (as skips), then every package not written yet.
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
  // One package's events, held until its last run has finished and then written together, as
  // `go test` writes each package of several: readers that take a package's tests to be those
  // since the previous package summary (go-junit-report) then put each test in its package.
  struct Package {
    std::vector<std::string> lines;
    std::size_t runs_left = 0;
    bool ok = true;
    bool written = false;
    std::optional<std::chrono::steady_clock::time_point> first_start;
  };

  Package& package_of(const std::string& name);
  // The events of one finished (or never started) run, added to its package's block.
  void add_run(const runner::ScenarioResult& result, const std::string& started_at);
  // The package's start, its runs, its status and summary lines ("ok  \tPKG\t1.234s") and its
  // final pass or fail, written at once.
  void write_package(const std::string& name, Package& package);

  std::FILE* out_;
  std::string package_;
  std::map<std::string, Package> packages_;
  std::vector<std::string> order_;                 // package names, in plan order
  std::map<std::string, std::string> started_at_;  // package + test -> Time of its start
  std::set<std::string> reported_;                 // package + test that got a final event
};

}  // namespace report
