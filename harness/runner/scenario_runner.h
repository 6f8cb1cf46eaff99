#pragma once
#include "harness/runner/environment.h"
#include "harness/runner/result.h"
#include "harness/scenario/model.h"

namespace runner {

// Runs one scenario against a fresh dlv: build (exec mode), start `dlv dap`, handshake, steps,
// teardown (disconnect, then SIGTERM/SIGKILL of dlv and everything it started). Never throws;
// every problem is in the result. Writes the transcript, dlv's log and output to
// env.artifacts_dir/<scenario path>/.
ScenarioResult run_scenario(const scenario::Scenario& scenario, const Environment& env);

// The artifacts folder name for a scenario file: its path with separators made safe.
std::string artifact_slug(const std::string& scenario_id);

}  // namespace runner
