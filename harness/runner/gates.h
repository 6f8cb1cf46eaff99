#pragma once
#include <optional>

#include "harness/runner/context.h"

// `requires:` gates: a scenario whose requirements this machine or this dlv does not meet is
// skipped (Status::Skip) with the reason, never failed.
namespace runner {

// A Skip problem for the first unmet `requires:` entry among dlv, go and os, e.g.
// "requires dlv >=9.0 (have 1.27.2)"; nullopt when all are met (or none are stated).
std::optional<Problem> unmet_tool_requirements(const scenario::Scenario& scenario,
                                               const Environment& env);

// A Skip problem naming the required capabilities that dlv's `initialize` response does not
// set to true, e.g. "requires capabilities supportsStepBack (dlv 1.27.2 does not offer them)".
std::optional<Problem> unmet_capabilities(const scenario::Scenario& scenario,
                                          const Environment& env, const json& initialize_response);

// The operating system this harness was built for: "linux", "darwin", "windows", "freebsd".
const char* host_os();

}  // namespace runner
