#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "harness/util/expected.h"

// `harness compare BASE CURRENT`: what changed between two runs of a suite, read back from their
// reports (JUnit XML, or `--json` events in the go test -json shape) — the pre-upgrade view.
namespace report {

enum class Outcome { Pass, Fail, Skip };

// One test case of a report.
struct Case {
  std::string key;  // "classname / name" (JUnit) or the Test (JSON): stable across runs
  Outcome outcome = Outcome::Pass;
  std::string message;  // first line of the failure or skip reason
  double seconds = 0;
};

// Reads a JUnit file (every <testcase> of every <testsuite>) or a go test -json file (decided by
// the first non-blank character). Errors: Io, Protocol (malformed, with what was wrong).
util::Expected<std::vector<Case>> read_report(const std::filesystem::path& file);

struct Comparison {
  std::vector<std::pair<Case, Case>> newly_failing;  // (base, current)
  std::vector<std::pair<Case, Case>> newly_passing;
  std::vector<std::pair<Case, Case>> newly_skipped;
  std::vector<std::pair<Case, Case>> changed_message;  // failing in both, another first line
  std::vector<std::pair<Case, Case>> slower;           // over the factor and the floor
  std::vector<Case> missing;                           // in base only
  std::vector<Case> added;                             // in current only

  // Something that worked no longer does: newly failing, or a case that disappeared.
  bool regressed() const { return !newly_failing.empty() || !missing.empty(); }
};

// `slower` holds cases whose time grew by more than `factor` and by more than `floor_seconds`.
Comparison compare(const std::vector<Case>& base, const std::vector<Case>& current,
                   double factor = 1.5, double floor_seconds = 0.2);

// The comparison for people: one section per kind of change, then a closing line
// "harness compare: N regression(s), N improvement(s), N other change(s)".
std::string comparison_text(const Comparison& comparison);

}  // namespace report
