#pragma once
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "harness/replay/diff.h"
#include "harness/replay/substitution.h"
#include "harness/replay/trace.h"
#include "harness/util/deadline.h"
#include "harness/util/expected.h"

namespace replay {

// How to replay a trace.
struct ReplayOptions {
  std::filesystem::path dlv;       // the dlv that runs the replay (`dlv dap`)
  util::Duration timeout{10'000};  // every wait (dlv's start, responses, events); launch: >= 180 s
  std::vector<Substitution> substitutions;  // --substitute-path, in the order given
};

// The replayed response to a request whose response the recording does not hold (the trace ends
// before it came): not compared, but shown, since it is often why the trace was taken (a launch
// that fails).
struct UnrecordedResponse {
  std::size_t index = 0;  // 1-based position of the request in the trace's messages
  std::string command;
  int request = 0;       // the recorded request's seq
  std::string response;  // the replayed response as JSON text; empty when none came in time
};

// What a replay found.
struct ReplayReport {
  std::size_t requests = 0;  // requests sent to the new dlv
  std::vector<Difference> differences;
  std::vector<UnrecordedResponse> unrecorded_responses;
  // Why the replay ended before the trace did (e.g. dlv closed the connection), if it did.
  std::optional<std::string> cut_short;
};

// Replays the client requests of `trace` against a fresh `dlv dap`, in recorded order, and
// compares what comes back with what was recorded.
//
// Causality: before a request is sent, the new session must have received as many `initialized`,
// `stopped`, `exited` and `terminated` events as the recorded one had before that request
// (waiting up to the timeout; other events get a short grace), and the responses the recorded
// client had received. Handles (HandleMap) learnt from those responses and events are put into
// the request's arguments, and --substitute-path prefixes too. Responses are compared as they
// arrive, events at the end (compare_events). Reverse requests are answered by dap::Session.
// For a vscode-go trace, dlv's stdout and stderr count as output of those categories (vscode-go
// forwards them so), and vscode-go's own console lines ("Starting: ...", dlv's listen line,
// "dlv dap (PID) exited ...") are left out of the recording.
// dlv runs in the launched program's folder when dlv builds it (a folder or .go file), as
// vscode-go starts it. dlv is always ended: a disconnect (terminateDebuggee) unless one was
// replayed, then SIGTERM.
// Errors: dlv cannot be started or connected to (Process, Timeout, Transport).
util::Expected<ReplayReport> replay_trace(const Trace& trace, const ReplayOptions& options);

// A Usage error (at the trace's file:line) when the trace cannot be replayed here: it is a
// fragment (its first client request is not initialize, or it has no launch), it attaches
// (to a process or headless server that existed only while it was recorded), or a recorded
// `launch` names a program that does not exist here once --substitute-path is applied (with a
// --substitute-path hint the option takes). `trace_name` is the trace's file name.
util::Expected<void> check_replayable(const Trace& trace, const std::string& trace_name,
                                      const std::vector<Substitution>& substitutions);

}  // namespace replay
