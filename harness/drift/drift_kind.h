#pragma once
#include <string>
#include <vector>

#include "harness/dap/json.h"
#include "harness/replay/diff.h"

namespace drift {

// The kinds drift is grouped by, in the order a report lists them.
enum class DriftKind {
  RuntimeLocation,  // a frame inside the Go runtime moved (file or line)
  FunctionName,     // a function, closure or goroutine is named differently
  Rendering,        // a value or type is shown differently
  Children,         // a list (children, frames, breakpoints) got longer or shorter
  Lifecycle,        // events: one more, one fewer, or different
  Capabilities,     // the initialize response
  Behaviour,        // a field added or removed, a request that succeeds on one side only
  Output,           // a line of output on one side only
  Other,
};

// "Go runtime locations", "function and goroutine names", ...
const char* kind_title(DriftKind kind);
// "runtime-location", ... (for JSON).
const char* kind_id(DriftKind kind);

// The kind of `d`, found in `from_message` (the from side's message it was found in; null for
// an event or request only one side has). A frame whose source path starts with one of
// `std_roots` ("GOROOT/src/") or whose function is runtime.* is the Go runtime's or library's.
DriftKind classify(const replay::Difference& d, const dap::json* from_message,
                   const std::vector<std::string>& std_roots = {});

}  // namespace drift
