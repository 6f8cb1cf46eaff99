#pragma once
#include <vector>

#include "harness/runner/context.h"

// Sending a scenario's breakpoints to dlv and checking its answer against each breakpoint's
// expected verification. Used by the handshake and by the set_*breakpoints steps.
namespace runner {

// setBreakpoints for `file` (replacing that file's whole set); records dlv's ids of the named
// breakpoints. Fails when a breakpoint is unverified without `verified: false`, verified with it,
// or its message does not match.
StepResult set_file_breakpoints(RunContext& ctx, const scenario::BreakpointFile& file);
// setFunctionBreakpoints (replacing every function breakpoint); same checks. `where` locates
// a failure of the request itself.
StepResult set_function_breakpoints(RunContext& ctx,
                                    const std::vector<scenario::FunctionBreakpoint>& breakpoints,
                                    const util::SourceLoc& where);
// setExceptionBreakpoints with the scenario's `exception_filters`, if it has any; an ERROR when
// dlv's `initialize` response does not offer one of them.
StepResult set_exception_filters(RunContext& ctx, const json& initialize_response);

}  // namespace runner
