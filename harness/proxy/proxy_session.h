#pragma once
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "harness/transport/byte_stream.h"
#include "harness/util/deadline.h"

// The recording DAP proxy: between an editor (VS Code + vscode-go with "port"/"host" in its
// launch configuration) and a `dlv dap` of the user's choice, started per connection.
namespace proxy {

// How each proxied session runs.
struct ProxyOptions {
  std::filesystem::path dlv;               // the dlv started for each connection (`dlv dap`)
  std::map<std::string, std::string> env;  // added to dlv's environment (PATH with the chosen go)
  std::filesystem::path captures;          // each session's folder is captures/session-N
  util::Duration dlv_start_timeout{30'000};
};

// What one proxied session did.
struct SessionSummary {
  std::filesystem::path folder;  // transcript.txt, dlv.log, dlv-stdout.txt, dlv-stderr.txt
  std::size_t from_client = 0;   // DAP messages the client sent
  std::size_t from_dlv = 0;      // DAP messages dlv sent
  std::string ended;             // why it ended, e.g. "the client closed the connection"
  bool clean = true;             // false: garbage, a crash or a failure to start dlv ended it
};

// Serves one client connection: starts `dlv dap` (loopback, dlv's default --only-same-user),
// connects to it, and forwards every byte both ways as it arrives, unchanged, after recording
// the DAP frames it completes in a timestamped transcript (the format `harness replay` reads;
// recorded before passed on, so an answer is never in it before its question). The session ends
// when either side closes or sends bytes that are not DAP framing (not passed on); dlv is then
// ended (SIGTERM, then SIGKILL) and transcript.txt, dlv.log and what dlv (and the program it
// ran) printed, dlv-stdout.txt and dlv-stderr.txt, are written to the session's folder. `say` gets
// one line per event of note (thread-safe use is the caller's).
SessionSummary serve_session(std::unique_ptr<transport::ByteStream> client,
                             const ProxyOptions& options, int number,
                             const std::function<void(const std::string&)>& say);

}  // namespace proxy
