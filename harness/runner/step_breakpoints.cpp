#include "harness/runner/breakpoints.h"
#include "harness/runner/steps.h"

namespace runner {

StepResult run_set_breakpoints(RunContext& ctx, const scenario::Step&,
                               const scenario::SetBreakpoints& set) {
  return set_file_breakpoints(ctx, set.file);
}

StepResult run_set_function_breakpoints(RunContext& ctx, const scenario::Step& step,
                                        const scenario::SetFunctionBreakpoints& set) {
  return set_function_breakpoints(ctx, set.breakpoints, step.loc);
}

}  // namespace runner
