#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "harness/gotool/build_cache.h"
#include "harness/gotool/toolchain.h"
#include "harness/util/deadline.h"

namespace runner {

// Deadlines for the phases of a scenario. Builds inside `launch` (modes debug/test) can take
// many seconds on a cold Go cache, so launch has its own long deadline.
struct Timeouts {
  util::Duration start_dlv{10'000};  // dlv prints its listen address (when it builds: launch)
  util::Duration request{10'000};    // any ordinary request/response
  util::Duration launch{180'000};    // launch (dlv may build the program)
  util::Duration build{300'000};     // go build for exec mode
  util::Duration stop{30'000};       // expect_stop / expect_exit default
  util::Duration output{10'000};     // expect_output default
  util::Duration scenario{120'000};  // whole scenario default
  util::Duration teardown{5'000};    // disconnect, then SIGTERM grace
};

// Everything a scenario run needs from the machine: tools, cache, where artifacts go.
struct Environment {
  gotool::GoToolchain go;
  gotool::DlvTool dlv;
  std::filesystem::path cache_dir;      // build cache root
  std::filesystem::path artifacts_dir;  // one sub-folder per scenario
  std::filesystem::path exec_wrapper;   // dlv-exec-wrapper, for topology go_test_exec
  Timeouts timeouts;
  // `harness run --strict`: every scenario without its own `strict:` fails on unexpected events.
  bool strict = false;
  // `harness run --isolate-env`: dlv and the programs inherit only isolated_environment_base(),
  // plus what the scenario sets; CI secrets and the rest of the caller's environment stay out.
  bool isolate_env = false;
  // `harness run --allow-non-loopback`: a launch.json's dlvFlags may make dlv listen beyond
  // loopback or accept other users (refused otherwise; see process::unsafe_dlv_flag).
  bool allow_non_loopback = false;
  // `harness drift --run-gated`: a scenario whose dlv/go/os `requires:` this cell does not meet
  // runs anyway, to show what the gate hides; its result names the gate (gate_ignored).
  bool run_gated = false;
};

// The variables an isolated run passes on from the caller's environment: what go, dlv and a
// program need to work (paths, locale, Go's settings), nothing else.
inline const std::vector<std::string>& isolated_environment_base() {
  static const std::vector<std::string> base = {
      "PATH",      "HOME",       "USER",           "LOGNAME",        "LANG",        "LC_ALL",
      "LC_CTYPE",  "TZ",         "TMPDIR",         "TERM",           "GOROOT",      "GOPATH",
      "GOCACHE",   "GOMODCACHE", "GOENV",          "GOFLAGS",        "GOTOOLCHAIN", "GOPROXY",
      "GOPRIVATE", "GONOPROXY",  "GOSUMDB",        "GONOSUMDB",      "GOINSECURE",  "CGO_ENABLED",
      "CC",        "CXX",        "XDG_CACHE_HOME", "XDG_CONFIG_HOME"};
  return base;
}

}  // namespace runner
