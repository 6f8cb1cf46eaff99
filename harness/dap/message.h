#pragma once
#include <string>
#include <string_view>

#include "harness/dap/json.h"

namespace dap {

// True if `message` is an event called `name`.
bool is_event(const json& message, std::string_view name);

// True if `message` is a response whose request_seq is `request_seq` (never looks at its own
// seq: dlv < 1.26.2 sends seq 0 on every message).
bool is_response_to(const json& message, int request_seq);

// True if `message` is a request sent by the adapter to the client (e.g. runInTerminal).
bool is_reverse_request(const json& message);

// True if a response reports success.
bool is_success(const json& response);

// The full failure text of an error response: its `message` plus body.error.format with
// "{name}" placeholders filled from body.error.variables. dlv keeps the cause in the format
// (which already repeats the message), e.g. "Failed to launch: could not launch process: ...".
std::string error_text(const json& response);

// A short one-line description for diagnostics, e.g. "event stopped (reason: breakpoint)",
// "response launch (success)", "response launch (failed: ...)", "request runInTerminal".
std::string summarize(const json& message);

}  // namespace dap
