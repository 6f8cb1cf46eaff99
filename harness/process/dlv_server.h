#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harness/process/child.h"
#include "harness/util/deadline.h"
#include "harness/util/expected.h"

namespace process {

// How to start dlv: `dlv dap` by default, or a headless server (`dlv exec BINARY --headless
// --accept-multiclient`, `dlv debug --headless`, ...) that DAP clients attach to in mode remote.
struct DlvServerOptions {
  std::filesystem::path dlv;                      // the dlv binary
  std::vector<std::string> command{"dap"};        // subcommand and its operands, before the flags
  std::optional<std::filesystem::path> log_file;  // dlv's dap+debugger log goes here when set
  std::optional<std::filesystem::path> cwd;       // dlv's working directory
  std::map<std::string, std::string> env;         // added to the inherited environment
  std::vector<std::string> env_remove;            // removed from the inherited environment
  // When set, the only inherited variables dlv gets (see SpawnOptions::env_keep).
  std::optional<std::vector<std::string>> env_keep;
  std::vector<std::string> extra_args;    // appended to dlv's command line
  std::vector<std::string> program_args;  // after "--": the debuggee's arguments
  // false: `dlv` is a launcher that starts dlv itself (go test -exec): its argv is exactly
  // dlv + command + program_args, and the listen line is read from its stdout/stderr.
  bool listen_and_log_flags = true;
};

// A running `dlv dap --listen=127.0.0.1:0` (or headless server) and the address it listens on.
//
// dlv writes its "DAP server listening at: HOST:PORT" line (headless: "API server listening
// at: ") to its log destination, which is
// stdout only without --log-dest. We always pass `--log-dest 3` with fd 3 a pipe we read (and
// copy to log_file), so the listen line is found the same way with and without a log, and dlv's
// stdout/stderr carry only dlv's and the debuggee's own output.
class DlvServer {
 public:
  // Starts dlv and waits for its listen address.
  // Errors: Process (cannot start; dlv exited first, with its status and stderr tail),
  // Io (log file), Timeout "dlv did not print its listen address within <s>" (dlv is killed).
  static util::Expected<std::unique_ptr<DlvServer>> start(const DlvServerOptions& options,
                                                          util::Deadline deadline);

  // Host and port from the listen line, e.g. "127.0.0.1" and 43125.
  const std::string& host() const { return host_; }
  int port() const { return port_; }
  // The dlv process: its stdout/stderr (debuggee output on older dlv), its log (fd3_text()).
  Child& child() { return *child_; }

  // Ends dlv and everything it started (see Child::terminate_tree).
  void stop(util::Duration grace) { child_->terminate_tree(grace); }

 private:
  DlvServer() = default;
  std::unique_ptr<Child> child_;
  std::string host_;
  int port_ = 0;
};

// Splits the address of a "DAP server listening at: HOST:PORT" or "API server listening at:
// HOST:PORT" line ("[::1]:PORT" works too);
// nullopt if the line is not one.
std::optional<std::pair<std::string, int>> parse_listen_line(std::string_view line);

// Why extra dlv flags (a launch.json's dlvFlags) would open dlv beyond this user on this machine,
// or nullopt: a --listen/-l address whose host is not loopback (127.x, localhost, ::1), or
// --only-same-user=false. E.g. "'--listen=:2345' makes dlv listen beyond loopback".
std::optional<std::string> unsafe_dlv_flag(const std::vector<std::string>& flags);

}  // namespace process
