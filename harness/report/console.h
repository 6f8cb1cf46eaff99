#pragma once
#include <cstdio>
#include <vector>

#include "harness/runner/suite.h"

namespace report {

// Prints one line per finished scenario (status, duration, file, name) and, under a failed
// one, its problem and where its artifacts are. Colour only on a terminal without NO_COLOR.
class ConsoleReporter : public runner::SuiteObserver {
 public:
  explicit ConsoleReporter(std::FILE* out);
  void finished(const runner::ScenarioResult& result) override;

 private:
  std::FILE* out_;
  bool colour_;
};

// How the exec-mode builds went, e.g. "harness: builds: 1 built, 11 from cache"; "" if none.
std::string build_line(const std::vector<runner::ScenarioResult>& results);

// The closing line, exactly "harness: N passed, N failed, N skipped" (errors count as failed).
std::string summary_line(const std::vector<runner::ScenarioResult>& results);

}  // namespace report
