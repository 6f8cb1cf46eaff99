#pragma once
#include <filesystem>

#include "harness/runner/context.h"

namespace runner {

// initialize → launch (or attach in mode remote to a headless server) → (initialized) →
// breakpoints → launch response, for ctx.program (the built binary, or the package for debug and
// test). Leaves the program not yet started: the first step sends configurationDone.
StepResult start_session(RunContext& ctx);

// The arguments of the DAP launch request for a scenario. In modes debug and test dlv builds
// the program itself; `scratch_dir` is where its binary goes (never the source tree).
json launch_arguments(const scenario::Scenario& scenario, const std::filesystem::path& program,
                      const std::filesystem::path& scratch_dir);

}  // namespace runner
