#pragma once
#include <string>
#include <variant>

#include "harness/runner/context.h"

namespace runner {

// The variablesReference of the scope whose name starts with `scope` ("Locals", "Globals")
// in frame `frame` (0 = top) of the stopped thread, or the Problem that prevents reading it:
// Fail when the frame or scope does not exist, Error when a request fails. `where` is the step.
std::variant<int, Problem> scope_reference(RunContext& ctx, const util::SourceLoc& where,
                                           const std::string& scope, int frame);
// scope_reference, but the whole DAP Scope object (name, variablesReference, expensive, ...).
std::variant<json, Problem> find_scope(RunContext& ctx, const util::SourceLoc& where,
                                       const std::string& scope, int frame);

}  // namespace runner
