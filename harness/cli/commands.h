#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "harness/record/recording.h"
#include "harness/report/console.h"

namespace cli {

// Options of `harness run`.
struct RunOptions {
  std::vector<std::filesystem::path> paths;
  // Matrix: the suite runs once per (go, dlv) pair; none given means the ones found on PATH.
  std::vector<std::filesystem::path> dlvs;
  std::vector<std::filesystem::path> gos;
  std::filesystem::path reports_dir = "reports";
  std::optional<std::filesystem::path> junit;  // default <reports_dir>/junit.xml
  std::optional<std::filesystem::path> cache_dir;
  std::optional<double> timeout_seconds;  // per scenario, unless the scenario sets one
  bool strict =
      false;  // fail on DAP events no step expected (unless a scenario says strict: false)
  std::size_t jobs = 0;               // scenarios at once; 0 = the number of cores
  std::optional<std::string> filter;  // regex on file or name: keep
  std::optional<std::string> skip;    // regex on file or name: drop
  std::vector<std::string> tags;      // keep scenarios with one of these tags
  std::optional<std::string> shard;   // "I/N", 1-based; else HARNESS_SHARD_INDEX/TOTAL
  bool list = false;                  // print the selection, run nothing
  int repeat = 1;                     // runs of every scenario
  int retries = 0;                    // extra attempts for a failed run (flaky if it passes)
  bool fail_fast = false;             // start nothing new after the first failure
  bool allow_empty = false;           // a run in which no scenario ran exits 0, not 4
  bool update = false;  // rewrite the failing literal expectations in place (runner::update)
  bool as_alternative = false;  // --update keeps the old value, adds this cell's as an any_of
  std::optional<double> run_timeout_seconds;  // deadline for the whole run
  std::optional<std::string> json;            // test2json events to this file, or "-" (stdout)
  bool junit_extended = false;                // add file/line to every <testcase>
  bool isolate_env = false;         // dlv inherits only runner::isolated_environment_base()
  bool allow_non_loopback = false;  // dlvFlags may open dlv beyond loopback / this user
  bool timings = false;             // print where the time went (report::timings_text)
  std::optional<std::filesystem::path> rerun_failed;  // keep what this report shows failed
  report::ConsoleStyle console;                       // --color, -q, -v
};

// Options of `harness record`.
struct RecordCommandOptions {
  std::filesystem::path skeleton;  // names the program, launch and breakpoints
  // Instead of a skeleton: a session captured by `harness proxy` (its transcript.txt).
  std::optional<std::filesystem::path> from_capture;
  std::optional<std::filesystem::path> program;  // --from-capture: the program folder here
  std::optional<std::string> name;               // --from-capture: the scenario's name
  std::optional<std::filesystem::path> output;   // the complete scenario; default stdout
  std::optional<std::filesystem::path> dlv;
  std::optional<std::filesystem::path> go;
  std::optional<std::filesystem::path> cache_dir;
  std::filesystem::path reports_dir = "reports";  // artifacts of the recording runs
  std::optional<double> timeout_seconds;          // per run, unless the scenario sets one
  record::RecordOptions record;
};

// Options of `harness replay`.
struct ReplayCommandOptions {
  std::filesystem::path trace;                // transcript, dlv DAP log or vscode-go trace
  std::optional<std::filesystem::path> dlv;   // default: found as for `harness run`
  std::optional<std::string> json;            // report to this file, or "-" (stdout)
  double timeout_seconds = 10;                // every wait of the replay
  std::vector<std::string> substitute_paths;  // "FROM=TO", applied in order
};

// Options of `harness proxy`: a recording DAP proxy between an editor and dlv.
struct ProxyCommandOptions {
  std::string listen = "127.0.0.1:0";        // HOST:PORT or PORT; loopback only; 0: any port
  std::optional<std::filesystem::path> dlv;  // default: found as for `harness run`
  std::optional<std::filesystem::path> go;   // its folder goes first on dlv's PATH (builds)
  std::filesystem::path captures = "reports/captures";  // session-N/ folders
  int sessions = 0;  // stop after this many sessions (0: until a signal)
};

// Options of `harness drift`: the suite in a FROM and a TO cell.
struct DriftOptions {
  std::vector<std::filesystem::path> paths;
  std::optional<std::filesystem::path> from_go, from_dlv, to_go, to_dlv;  // default: found
  std::filesystem::path reports_dir = "reports";  // artifacts and reports under <dir>/drift/
  std::optional<std::filesystem::path> cache_dir;
  std::optional<double> timeout_seconds;  // per scenario, unless the scenario sets one
  std::size_t jobs = 0;                   // scenarios at once; 0 = the number of cores
  bool run_gated = false;  // run what a requires: gate keeps out of a cell, to show the drift
  int runs = 3;  // runs per cell; what differs between them is noise, left out of the drift
  // More runs per cell of each scenario that drifted, before its drift is reported: real drift
  // shows in every run, a race in some.
  int confirm = 3;
};

// `harness run`: load, validate, run every scenario, write JUnit; returns the exit status.
int run_command(const RunOptions& options);
// `harness validate`: load and validate only; prints every diagnostic; 0 if all valid, else 2.
int validate_command(const std::vector<std::filesystem::path>& paths);
// `harness lint-launch`: reports, for each file (launch.json, settings.json, .code-workspace), the
// attributes that dlv-dap ignores or that need a newer dlv; says so for a file with nothing it
// reads. 0 if no finding, 1 if any, 2 if a file cannot be read or parsed or `dlv_version` is not
// a version (every file is still linted).
int lint_launch_command(const std::vector<std::filesystem::path>& files,
                        const std::optional<std::string>& dlv_version);
// `harness doctor`: checks the debugging set-up (tools, WSL, ptrace, workspace) and prints each
// finding with its remedy, as text or JSON; 1 if any check failed, else 0.
int doctor_command(const std::optional<std::filesystem::path>& go,
                   const std::optional<std::filesystem::path>& dlv,
                   const std::filesystem::path& workspace, bool json);
// `harness compare`: what changed from the BASE report to the CURRENT one (JUnit or go test
// -json, both of one kind); 1 if something regressed, 2 if a report cannot be read, else 0.
int compare_command(const std::filesystem::path& base, const std::filesystem::path& current,
                    double slower_factor);
// `harness record`: runs the skeleton options.record.runs times and writes the scenario with the
// steps it recorded; 0 when written, 1 when a run failed or the runs disagreed, 2 usage or an
// invalid skeleton, 3 go or dlv missing.
int record_command(const RecordCommandOptions& options);
// `harness record --from-capture`: writes the scenario of a session `harness proxy` captured; 0
// when written, 2 an unreadable capture or one with no launch, 1 when the result does not load.
int record_from_capture(const RecordCommandOptions& options);
// `harness replay`: replays the client requests of a recorded DAP session against a fresh dlv
// and reports every difference; 0 if none, 1 if any (or the replay could not finish), 2 if the
// trace cannot be read, names a program that is missing or attaches, 3 if dlv is missing.
int replay_command(const ReplayCommandOptions& options);
// `harness proxy`: serves editor connections on a loopback port, each with its own `dlv dap`,
// forwarding DAP unchanged and capturing each session; 0 when stopped by a signal or after
// --sessions, 2 usage (a non-loopback or busy address), 3 dlv missing.
int proxy_command(const ProxyCommandOptions& options);
// `harness drift`: runs the suite in both cells and reports every observable difference per
// scenario and step, grouped by kind; 0 if none, 1 if any, 2 usage, 3 a tool missing or a cell
// Delve cannot run, 4 nothing compared (every scenario gated), 130/143 interrupted.
int drift_command(const DriftOptions& options);
// `harness install`: fetches each Go release (go1.24.13, through GOTOOLCHAIN by `go`) or builds
// each dlv release (dlv@v1.24.2, by `go` into ~/.cache/dlv-harness/dlv/), reusing what is there,
// and prints each one's path; 0 when all are there, 2 for a spec that names neither, 3 when one
// cannot be had (go's message is shown).
int install_command(const std::vector<std::string>& specs,
                    const std::optional<std::filesystem::path>& go);

}  // namespace cli
