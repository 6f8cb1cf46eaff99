#pragma once
#include <filesystem>

#include "harness/runner/context.h"

namespace runner {

// initialize → launch → (initialized) → breakpoints → launch response. `program` is what dlv
// is asked to run: the built binary (exec) or the package directory (debug, test). Leaves the
// program not yet started: the first step sends configurationDone.
StepResult start_session(RunContext& ctx, const std::filesystem::path& program,
                         const std::filesystem::path& scratch_dir);

// The arguments of the DAP launch request for a scenario. In modes debug and test dlv builds
// the program itself; `scratch_dir` is where its binary goes (never the source tree).
json launch_arguments(const scenario::Scenario& scenario, const std::filesystem::path& program,
                      const std::filesystem::path& scratch_dir);

}  // namespace runner
