#pragma once
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "harness/dap/json.h"
#include "harness/util/expected.h"

namespace replay {

// The shapes of DAP trace the replayer reads.
enum class TraceFormat {
  Transcript,  // the harness's transcript.txt: "+0.123s --> {...}" / "+0.125s <-- {...}"
  DlvLog,    // dlv --log-output=dap: "... layer=dap [<- from client]{...}" / "[-> to client]{...}"
  VscodeGo,  // vscode-go "Go Debug" channel, trace level: "client -> {...}" / "client  <- {...}"
};

// "transcript", "dlv log", "vscode-go trace".
const char* format_name(TraceFormat format);

// One DAP message of a recorded session, seen from the client.
struct TraceMessage {
  bool from_client = false;  // true: the client sent it; false: the adapter did
  dap::json message;
  int line = 0;  // 1-based line of the trace it was read from
};

// A recorded client session in order.
struct Trace {
  TraceFormat format = TraceFormat::Transcript;
  std::vector<TraceMessage> messages;
  // What was read past, "FILE:LINE: why" (a last line cut off in the middle of its message).
  std::vector<std::string> warnings;
};

// Reads a trace, detecting its format from the first line that carries a DAP message (where a
// line looks like two formats, the marker met first decides); lines that carry none (notes, dlv's
// other log lines, timestamps of other loggers) are skipped. A malformed message on the last
// non-blank line (a paste cut short) is a warning and left out.
// Errors (kind Usage, with file:line where one applies): unreadable file, no DAP message in it,
// an earlier message line whose JSON is malformed, a message that is not an object.
util::Expected<Trace> read_trace(const std::filesystem::path& file);

// read_trace on text already in memory; `name` is used in error locations.
util::Expected<Trace> parse_trace(std::string_view text, const std::string& name);

}  // namespace replay
