#pragma once
#include "harness/record/recording.h"
#include "harness/runner/environment.h"
#include "harness/runner/result.h"
#include "harness/scenario/model.h"

namespace record {

// One run of a scenario under `harness record`, and what it met.
struct RecordedRun {
  runner::ScenarioResult result;  // ERROR (dlv, build, deadline) or FAIL makes the run unusable
  Recording recording;
};

// Runs `scenario` once: the same build, dlv and handshake as `harness run`, then its action steps
// (continue, next, step_in, step_out, in order; without any, `continue` until the program exits)
// and, at every stop, the stop itself, the locals of the top frame (options' limits) and the
// options' expressions; at the end the exit code and the program's stdout and stderr. Other
// steps of the scenario are not run.
RecordedRun record_run(const scenario::Scenario& scenario, const runner::Environment& env,
                       const RecordOptions& options);

}  // namespace record
