#pragma once
#include <chrono>
#include <cstdio>
#include <vector>

#include "harness/runner/suite.h"

namespace report {

// Prints one line per finished scenario (status, duration, file, name) and, under a failed
// one, its problem and where its artifacts are; a flaky pass says so, with its first failure.
// Colour only on a terminal without NO_COLOR. On a terminal a live progress line
// ("[12/60] 1 failed  8.2s") stays under the last result.
class ConsoleReporter : public runner::SuiteObserver {
 public:
  explicit ConsoleReporter(std::FILE* out);
  void started(const scenario::ScenarioEntry& scenario, int repetition, std::size_t index,
               std::size_t total) override;
  void finished(const runner::ScenarioResult& result) override;
  // Clears the progress line (call before printing anything else to the same stream).
  void clear_progress();

 private:
  void show_progress();

  std::FILE* out_;
  bool colour_;
  bool tty_;
  std::size_t total_ = 0;
  std::size_t done_ = 0;
  std::size_t running_ = 0;
  std::size_t failed_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// How the exec-mode builds went, e.g. "harness: builds: 1 built, 11 from cache"; "" if none.
std::string build_line(const std::vector<runner::ScenarioResult>& results);

// The closing list of the runs that did not pass, each at the line of its first problem (where
// an editor or terminal jumps to), with its status and name:
//   harness: 2 not passed:
//     scenarios/x.yaml:14:20  FAIL   locals at a breakpoint
// "" when every run passed or was skipped.
std::string not_passed_list(const std::vector<runner::ScenarioResult>& results);

// "harness: flaky: 1 run(s) passed only on a retry: scenarios/x.yaml"; "" if none.
std::string flaky_line(const std::vector<runner::ScenarioResult>& results);

// The closing line, exactly "harness: N passed, N failed, N skipped" (errors count as failed).
std::string summary_line(const std::vector<runner::ScenarioResult>& results);

}  // namespace report
