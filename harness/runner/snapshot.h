#pragma once
#include <string>

#include "harness/runner/context.h"

namespace runner {

// What the debugger shows at the current stop, for the artifacts of a failed scenario: every
// goroutine (thread) with its top frames, then the locals of the stopped goroutine's top frame.
// "" when the program is not stopped or the session is gone. Each request has its usual deadline
// (bounded by the scenario's); a request that fails is noted in the text, never fatal.
std::string stop_snapshot(RunContext& ctx, std::size_t max_threads = 50, int frames = 3);

}  // namespace runner
