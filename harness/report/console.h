#pragma once
#include <chrono>
#include <cstdio>
#include <vector>

#include "harness/runner/suite.h"

namespace report {

// How the console looks: --color and -q/-v of `harness run`.
enum class Colour { Auto, Always, Never };
enum class Verbosity { Quiet, Normal, Verbose };
struct ConsoleStyle {
  Colour colour = Colour::Auto;
  // Quiet: only runs that did not pass (and flaky passes), no progress line. Verbose: also each
  // run's artifacts folder and where its time went.
  Verbosity verbosity = Verbosity::Normal;
};

// Whether to colour: Always and Never win; Auto colours when FORCE_COLOR is set (and not "0"),
// not when NO_COLOR is set (and not empty), else on a terminal.
bool use_colour(Colour mode, bool terminal);

// Prints one line per finished scenario (status, duration, file, name) and, under a failed
// one, its problem and where its artifacts are; a flaky pass says so, with its first failure.
// Colour as use_colour() decides. On a terminal a live progress line ("[12/60] 1 failed  8.2s")
// stays under the last result, unless quiet.
class ConsoleReporter : public runner::SuiteObserver {
 public:
  explicit ConsoleReporter(std::FILE* out, ConsoleStyle style = {});
  void started(const scenario::ScenarioEntry& scenario, int repetition, std::size_t index,
               std::size_t total) override;
  void finished(const runner::ScenarioResult& result) override;
  // Clears the progress line (call before printing anything else to the same stream).
  void clear_progress();

 private:
  void show_progress();

  std::FILE* out_;
  Verbosity verbosity_;
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
