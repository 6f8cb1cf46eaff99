#pragma once
#include <functional>
#include <optional>

#include "harness/runner/environment.h"
#include "harness/runner/result.h"
#include "harness/scenario/model.h"

namespace runner {

// Runs one scenario against a fresh dlv: build (exec mode), start `dlv dap`, handshake, steps,
// teardown (disconnect, then SIGTERM/SIGKILL of dlv and everything it started). Never throws;
// every problem is in the result. Writes the transcript, dlv's log and output to
// env.artifacts_dir/<scenario path>/.
ScenarioResult run_scenario(const scenario::Scenario& scenario, const Environment& env);

class RunContext;
// What runs inside a session once the handshake is done: a Problem ends the run with it.
using SessionBody = std::function<std::optional<Problem>(RunContext&)>;

// run_scenario with `body` in place of the scenario's steps: the same build, dlv, handshake,
// snapshot on failure, teardown and artifacts (`harness record` drives its own session).
ScenarioResult run_session(const scenario::Scenario& scenario, const Environment& env,
                           const SessionBody& body);

// The artifacts folder name for a scenario file: its path with separators made safe.
std::string artifact_slug(const std::string& scenario_id);

}  // namespace runner
