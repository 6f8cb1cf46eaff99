#pragma once
#include <string>
#include <vector>

#include "harness/runner/environment.h"
#include "harness/runner/result.h"

namespace runner {

// What `harness run --update` did to one scenario file.
struct UpdateReport {
  ScenarioResult result;             // of the last run
  std::string diff;                  // the changed lines (util::line_diff), first to last round
  int rewritten = 0;                 // values rewritten
  std::vector<std::string> refused;  // "file:line:col: path: why it was left as written"
};

// While `result` (a failed run of the scenario file `result.id`) failed on literal
// expectations, rewrites their values in the file to what dlv answered, in place (the rest of
// the file byte-identical), and runs the scenario again: a run stops at its first failing step,
// so each round can reveal the next one. Stops when the run passes, when a failure is not a
// literal value (a matcher, a missing variable, an ERROR), when a value already rewritten
// changes again (it varies between runs), or after a bounded number of rounds.
// `as_alternative`: each old value stays, and dlv's answer is added as an alternative for this
// dlv version and Go minor (`{any_of: [OLD, {eq: NEW, when: {dlv: "==X", go: ">=1.M, <1.M+1"}}]}`),
// so the scenario holds in the other cells too. An expectation that already is an `any_of` list
// gets dlv's answer as its last alternative for this cell, with or without `as_alternative`.
UpdateReport update_scenario(ScenarioResult result, const Environment& env,
                             bool as_alternative = false);

}  // namespace runner
