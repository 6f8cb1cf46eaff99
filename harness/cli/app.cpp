#include "harness/cli/app.h"

#include <CLI/CLI.hpp>

#include "harness/cli/commands.h"
#include "harness/cli/exit_codes.h"
#include "harness/gotool/toolchain.h"

namespace cli {

namespace {

constexpr const char* kDescription =
    "dlv-harness: runs YAML debugging scenarios against the real Delve (dlv dap) over the\n"
    "Debug Adapter Protocol, checks every stop, variable, evaluation, output and exit code,\n"
    "and writes a JUnit report.\n";

constexpr const char* kFooter =
    "\nExamples:\n"
    "  harness run scenarios/                 run every scenario under scenarios/\n"
    "  harness run scenarios/variables/x.yaml run one scenario\n"
    "  harness run --update scenarios/x.yaml  rewrite its wrong expected values, show the diff\n"
    "  harness record skeleton.yaml -o scenarios/x.yaml  write a scenario from a live run\n"
    "  harness validate scenarios/            check scenario files without running them\n"
    "  harness list scenarios/                show the scenarios that would run\n"
    "  harness lint-launch .vscode/launch.json  attributes dlv-dap ignores, and what to use\n"
    "  harness doctor                         what in this machine breaks debugging\n"
    "  harness compare old/junit.xml new/junit.xml  what an upgrade broke or fixed\n"
    "  harness replay reports/artifacts/x/transcript.txt --dlv ~/go/bin/dlv\n"
    "                                         replay a recorded session against another dlv\n"
    "  harness proxy --listen 4711            capture what VS Code does (launch.json \"port\": "
    "4711)\n"
    "  harness record --from-capture reports/captures/session-1/transcript.txt -o x.yaml\n"
    "                                         turn a captured editor session into a scenario\n"
    "  harness run -j 2 --shard 1/4 --retries 1 --json reports/run.json scenarios/\n"
    "                                         one CI shard, in parallel, flaky runs marked\n"
    "\nExit status: 0 all passed, 1 a scenario failed or errored (or the run's deadline passed),\n"
    "2 usage error or invalid scenario files (nothing is run), 3 go or dlv missing,\n"
    "4 no scenario ran: none selected, or all skipped, e.g. a dlv that cannot debug this Go\n"
    "(--allow-empty: 0; an empty --shard is 0 too),\n"
    "130/143 interrupted by SIGINT/SIGTERM (reports hold what finished, marked partial).\n"
    "record: 0 written, 1 a run failed or the runs disagreed, 2 invalid skeleton, 3 no go/dlv.\n"
    "replay: 0 no difference, 1 differences, 2 unreadable trace or missing program, 3 no dlv.\n"
    "Scenario language: docs/scenarios.md.";

// --filter, --skip, --tag and --shard: which scenarios `run` runs and `list` lists.
void add_selection_options(CLI::App& command, RunOptions& options) {
  command.add_option("--filter", options.filter,
                     "Select only scenarios whose file or name matches this regex");
  command.add_option("--skip", options.skip,
                     "Leave out scenarios whose file or name matches this regex");
  command
      .add_option("--tag", options.tags,
                  "Select only scenarios with this tag (repeatable: any of them)")
      ->allow_extra_args(false);
  command.add_option("--shard", options.shard,
                     "Select shard I of N (1-based, e.g. 2/4) by a stable hash of the scenario "
                     "file; default from HARNESS_SHARD_INDEX (0-based) and HARNESS_TOTAL_SHARDS");
}

// `harness --version`: the harness's version, then the go and dlv a `harness run` would use.
std::string version_text() {
  std::string text = "harness " HARNESS_VERSION "\n";
  auto go = gotool::find_go(std::nullopt);
  text += go ? "go:  " + go->version_text + " (" + go->go.string() + ")\n" : "go:  not found\n";
  auto dlv = gotool::find_dlv(std::nullopt, go ? &*go : nullptr);
  text += dlv ? "dlv: " + dlv->version.str() + " (" + dlv->path.string() + ")"
              : std::string("dlv: not found");
  return text;
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{kDescription, "harness"};
  app.footer(kFooter);
  app.require_subcommand(1);
  app.set_version_flag("--version", version_text,
                       "Print the harness's version and the go and dlv `harness run` would use");

  RunOptions run;
  auto* run_cmd = app.add_subcommand("run", "Run scenarios against dlv and write reports");
  run_cmd->add_option("paths", run.paths, "Scenario files or folders (searched for *.yaml)")
      ->required();
  run_cmd
      ->add_option("--dlv", run.dlvs,
                   "dlv binary (default: PATH, $GOBIN, $(go env GOPATH)/bin); repeat it, or "
                   "--go, for a matrix: one run per go x dlv cell")
      ->allow_extra_args(false);  // `--dlv X scenarios/`: one value per occurrence
  run_cmd->add_option("--go", run.gos, "go binary (default: PATH); repeatable (see --dlv)")
      ->allow_extra_args(false);
  run_cmd->add_option("--reports", run.reports_dir,
                      "Folder for junit.xml and per-scenario artifacts (default: reports)");
  run_cmd->add_option("--junit", run.junit, "JUnit file (default: <reports>/junit.xml)");
  run_cmd->add_option(
      "--cache", run.cache_dir,
      "Build cache folder (default: $XDG_CACHE_HOME or ~/.cache, /dlv-harness/build)");
  run_cmd
      ->add_option("--timeout", run.timeout_seconds,
                   "Deadline per scenario in seconds unless the scenario sets one (default 120)")
      ->check(CLI::PositiveNumber);
  run_cmd->add_flag("--isolate-env", run.isolate_env,
                    "Pass dlv and the programs only a documented base of this environment (PATH, "
                    "HOME, locale, Go's settings; see README) plus what each scenario sets");
  run_cmd->add_flag("--allow-non-loopback", run.allow_non_loopback,
                    "Let a launch.json's dlvFlags make dlv listen beyond 127.0.0.1 or turn off "
                    "--only-same-user (refused otherwise; the report records the permission)");
  run_cmd->add_flag("--strict", run.strict,
                    "Fail a scenario on any DAP event no step expected and no allow-list names "
                    "(a scenario's own 'strict:' wins)");
  run_cmd->add_option("-j,--jobs", run.jobs,
                      "Scenarios run at once, each with its own dlv (default: number of cores)");
  add_selection_options(*run_cmd, run);
  run_cmd->add_flag("--update", run.update,
                    "Rewrite, in place, the expected values of failing literal expectations to "
                    "what dlv answered (nothing else in the file changes), run again, and print "
                    "a diff of each rewrite");
  run_cmd->add_flag("--as-alternative", run.as_alternative,
                    "With --update: keep each old value and add dlv's answer as an alternative "
                    "for this dlv version and Go minor ({any_of: [OLD, {eq: NEW, when: {dlv, "
                    "go}}]}), so that one scenario holds for every cell of the matrix");
  run_cmd->add_flag("--allow-empty", run.allow_empty,
                    "Exit 0 when no scenario ran (none selected, or all skipped); without it "
                    "such a run exits 4, since it tested nothing");
  run_cmd->add_flag("--list", run.list, "Print the selected scenarios and exit without running");
  run_cmd->add_option("--repeat", run.repeat, "Run every scenario N times")
      ->check(CLI::PositiveNumber);
  run_cmd
      ->add_option("--retries", run.retries,
                   "Run a failed scenario up to N more times; a pass on a retry is reported "
                   "flaky")
      ->check(CLI::NonNegativeNumber);
  run_cmd->add_flag(
      "--fail-fast", run.fail_fast,
      "Start no new scenario after the first failure (the rest are reported not run)");
  run_cmd
      ->add_option("--run-timeout", run.run_timeout_seconds,
                   "Deadline for the whole run in seconds: then runs under way are ended, the "
                   "rest not started, and the reports marked partial")
      ->check(CLI::PositiveNumber);
  run_cmd->add_option("--json", run.json,
                      "Write events in the `go test -json` shape to FILE, or to stdout with '-' "
                      "(the console then goes to stderr)");
  auto* quiet = run_cmd->add_flag_callback(
      "-q,--quiet", [&run] { run.console.verbosity = report::Verbosity::Quiet; },
      "Print only the runs that did not pass (and flaky passes), the closing lines and no "
      "progress line");
  run_cmd
      ->add_flag_callback(
          "-v,--verbose", [&run] { run.console.verbosity = report::Verbosity::Verbose; },
          "Also print each run's timings and the artifacts folder of passed runs")
      ->excludes(quiet);
  std::string run_colour = "auto";
  run_cmd
      ->add_option("--color", run_colour,
                   "auto (default: colour on a terminal; FORCE_COLOR set colours, NO_COLOR set "
                   "does not), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  run_cmd->add_option("--rerun-failed", run.rerun_failed,
                      "Run only the selected scenarios that this report (junit.xml or --json "
                      "file of an earlier run over the same paths) shows failed or in error; "
                      "none: exit 0, nothing to rerun");
  run_cmd->add_flag("--timings", run.timings,
                    "Print where the time went: each session phase (build, dlv start, "
                    "handshake, steps, teardown, artifacts) as median and total, and the "
                    "process's own (load, tools, sessions, reports)");
  run_cmd->add_flag("--junit-extended", run.junit_extended,
                    "Add file and line to every <testcase> (outside the strict Jenkins schema)");

  RecordCommandOptions rec;
  auto* record_cmd = app.add_subcommand(
      "record",
      "Run a scenario that names only the program, launch and breakpoints (its continue/next/"
      "step_in/step_out steps, if any, say how to move) and write it complete: every stop, the "
      "locals, evaluations, output and exit code; values that vary between runs become matchers. "
      "With --from-capture, write it from an editor session that `harness proxy` captured "
      "instead: the launch and breakpoints the editor sent, each move, stop, the variables the "
      "editor expanded, its evaluations, output and exit code");
  auto* skeleton_arg = record_cmd->add_option("skeleton", rec.skeleton, "the scenario to record");
  auto* capture_opt = record_cmd->add_option(
      "--from-capture", rec.from_capture,
      "a session captured by `harness proxy` (CAPTURES/session-N/transcript.txt)");
  skeleton_arg->excludes(capture_opt);
  record_cmd
      ->add_option("--program", rec.program,
                   "--from-capture: the program's folder here, when the editor's paths "
                   "(another machine, WSL's /mnt/c) are not (default: the captured one)")
      ->needs(capture_opt);
  record_cmd
      ->add_option("--name", rec.name,
                   "--from-capture: the scenario's name (default: from the capture)")
      ->needs(capture_opt);
  record_cmd->add_option("-o,--output", rec.output,
                         "write the recorded scenario here (default: stdout)");
  record_cmd
      ->add_option("--runs", rec.record.runs,
                   "runs to compare: values that differ become matchers (default 3)")
      ->check(CLI::PositiveNumber);
  record_cmd
      ->add_option("--depth", rec.record.depth,
                   "levels of children recorded below each local (default 1; 0: none)")
      ->check(CLI::NonNegativeNumber);
  record_cmd
      ->add_option("--max-locals", rec.record.max_locals, "locals recorded per stop (default 30)")
      ->check(CLI::PositiveNumber);
  record_cmd
      ->add_option("--max-children", rec.record.max_children,
                   "children recorded per variable (default 10)")
      ->check(CLI::PositiveNumber);
  record_cmd
      ->add_option("--max-stops", rec.record.max_stops,
                   "a run that stops more often is an error (default 50)")
      ->check(CLI::PositiveNumber);
  record_cmd
      ->add_option("--variable", rec.record.variables,
                   "record only this local (repeatable; default: all locals)")
      ->allow_extra_args(false);
  record_cmd
      ->add_option("--evaluate", rec.record.expressions,
                   "evaluate this expression at every stop (repeatable)")
      ->allow_extra_args(false);
  record_cmd->add_option("--dlv", rec.dlv, "dlv binary (default: as for run)");
  record_cmd->add_option("--go", rec.go, "go binary (default: PATH)");
  record_cmd->add_option("--cache", rec.cache_dir, "build cache folder (default: as for run)");
  record_cmd->add_option("--reports", rec.reports_dir,
                         "artifacts of the recording runs go to <reports>/record (default: "
                         "reports)");
  record_cmd
      ->add_option("--timeout", rec.timeout_seconds,
                   "deadline per run in seconds unless the scenario sets one (default 120)")
      ->check(CLI::PositiveNumber);

  std::vector<std::filesystem::path> validate_paths;
  auto* validate_cmd =
      app.add_subcommand("validate", "Load and validate scenario files without running them");
  validate_cmd->add_option("paths", validate_paths, "Scenario files or folders")->required();

  std::filesystem::path compare_base, compare_current;
  double slower_factor = 1.5;
  auto* compare_cmd = app.add_subcommand(
      "compare",
      "What changed between two reports of the same suite (e.g. before and after a dlv "
      "upgrade): newly failing, newly passing, newly skipped, changed failure messages, slower "
      "scenarios; exit 1 when something regressed");
  compare_cmd->add_option("base", compare_base, "the earlier report (junit.xml or --json file)")
      ->required();
  compare_cmd->add_option("current", compare_current, "the later report, of the same kind")
      ->required();
  compare_cmd
      ->add_option("--slower-factor", slower_factor,
                   "report a scenario as slower when its time grew by more than this factor "
                   "(and 0.2 s); default 1.5")
      ->check(CLI::PositiveNumber);

  RunOptions listing;  // `list` is `run --list`: the same selection, the same output
  auto* list_cmd = app.add_subcommand(
      "list", "List the scenarios under the paths that a run with the same selection would run");
  list_cmd->add_option("paths", listing.paths, "Scenario files or folders")->required();
  add_selection_options(*list_cmd, listing);

  std::vector<std::filesystem::path> launch_files;
  std::optional<std::string> lint_dlv_version;
  auto* lint_cmd = app.add_subcommand(
      "lint-launch",
      "Report what dlv-dap ignores or misreads in VS Code files, and what to use instead: launch "
      "configurations (dlvLoadConfig, apiVersion, remotePath, unknown keys, attributes of the "
      "other request, invalid modes, ${VARS} VS Code does not expand, port/host) and the "
      "go.delveConfig setting. Exit status: 0 no finding, 1 findings, 2 a file cannot be read or "
      "parsed, or a bad option");
  lint_cmd
      ->add_option("files", launch_files,
                   "launch.json, settings.json or .code-workspace files (comments and trailing "
                   "commas allowed)")
      ->required();
  lint_cmd->add_option("--dlv-version", lint_dlv_version,
                       "Advice for this dlv release, e.g. 1.26.2 or v1.28.0 (default: the newest)");

  std::optional<std::filesystem::path> doctor_go, doctor_dlv;
  std::filesystem::path doctor_workspace = ".";
  bool doctor_json = false;
  auto* doctor_cmd = app.add_subcommand(
      "doctor",
      "Check what debugging needs: dlv and Go (and whether they fit), `dlv dap` answering on "
      "loopback, WSL, systemd, cgroups, /dev/shm, ptrace scope, GOFLAGS/GODEBUG, the workspace "
      "path");
  doctor_cmd->add_option("--go", doctor_go, "go binary (default: PATH)");
  doctor_cmd->add_option("--dlv", doctor_dlv, "dlv binary (default: as for run)");
  doctor_cmd->add_option("--workspace", doctor_workspace, "the project folder (default: .)");
  doctor_cmd->add_flag("--json", doctor_json, "machine-readable output");

  ReplayCommandOptions replay;
  auto* replay_cmd = app.add_subcommand(
      "replay",
      "Replay the requests of a recorded DAP session against a fresh `dlv dap` and report every "
      "difference in the responses and events (e.g. before a dlv upgrade). TRACE is a harness "
      "transcript (transcript.txt), a `dlv dap --log --log-output=dap` log, or a vscode-go "
      "\"Go Debug\" trace (\"trace\": \"verbose\"); the format is detected. Handles (thread, "
      "frame, variables, breakpoint ids) are mapped from the recorded responses to the new ones; "
      "seq, heap addresses, goroutine and thread ids, pids and timings are not compared. Exit "
      "status: 0 no difference, 1 differences, 2 unreadable trace, missing program or an attach "
      "session, 3 dlv missing");
  replay_cmd->add_option("trace", replay.trace, "the recorded session")->required();
  replay_cmd->add_option("--dlv", replay.dlv, "dlv binary (default: as for run)");
  replay_cmd->add_option("--json", replay.json,
                         "Write the report (requests, differences) as JSON to FILE, or to stdout "
                         "with '-' (the console then goes to stderr)");
  replay_cmd
      ->add_option("--timeout", replay.timeout_seconds,
                   "Deadline in seconds of every wait: dlv's start, each response, each "
                   "awaited event (default 10; a launch response: at least 180, dlv may build)")
      ->check(CLI::PositiveNumber);
  replay_cmd
      ->add_option("--substitute-path", replay.substitute_paths,
                   "FROM=TO: rewrite request arguments starting with FROM (e.g. the launch "
                   "program) and compare recorded paths as TO; repeatable")
      ->allow_extra_args(false);

  ProxyCommandOptions proxy;
  auto* proxy_cmd = app.add_subcommand(
      "proxy",
      "Record what an editor does: listen on a loopback port for DAP clients (VS Code with "
      "\"port\" and \"host\" in a launch configuration), start a `dlv dap` for each "
      "connection, forward every message both ways unchanged, and write each session's "
      "transcript.txt (what `harness replay` and `harness record --from-capture` read) and "
      "dlv.log to CAPTURES/session-N/. Exit status: 0 after --sessions or when stopped, 2 an "
      "address that is not loopback or is in use, 3 dlv missing, 130/143 stopped by "
      "SIGINT/SIGTERM");
  proxy_cmd->add_option("--listen", proxy.listen,
                        "HOST:PORT or PORT to listen on, loopback only (default 127.0.0.1:0: a "
                        "free port, printed)");
  proxy_cmd->add_option("--dlv", proxy.dlv, "dlv binary (default: as for run)");
  proxy_cmd->add_option("--go", proxy.go,
                        "go binary whose folder goes first on dlv's PATH (builds in modes debug "
                        "and test)");
  proxy_cmd->add_option("--captures", proxy.captures,
                        "folder of the session-N captures (default reports/captures)");
  proxy_cmd
      ->add_option("--sessions", proxy.sessions,
                   "stop after this many sessions have ended (default: serve until stopped)")
      ->check(CLI::NonNegativeNumber);

  std::vector<std::string> install_specs;
  std::optional<std::filesystem::path> install_go;
  auto* install_cmd = app.add_subcommand(
      "install",
      "Fetch a Go release or build a dlv release as the harness's cells need them, reusing what "
      "is there, and print each one's path: go1.24.13 is the toolchain the go command fetches "
      "for GOTOOLCHAIN=go1.24.13 (from the Go module proxy); dlv@v1.24.2 (or v1.24.2) is `go "
      "install github.com/go-delve/delve/cmd/dlv@v1.24.2` by --go into "
      "~/.cache/dlv-harness/dlv/v1.24.2/, never over your own dlv. scripts/dev uses it. Exit "
      "status: 0 installed, 2 an unknown spec, 3 go missing or the install failed");
  install_cmd->add_option("specs", install_specs, "go1.X.Y or dlv@v1.X.Y, one or more")->required();
  install_cmd->add_option("--go", install_go,
                          "the go that fetches or builds (default: PATH); a dlv is built by it, "
                          "so its version must be one the dlv's go.mod accepts");

  DriftOptions drift;
  auto* drift_cmd = app.add_subcommand(
      "drift",
      "Pre-upgrade check: run the scenarios in a FROM cell and a TO cell (a go and a dlv each) "
      "and report every observable difference between the two sessions, per scenario and step, "
      "grouped by kind (Go runtime locations, function names, rendering of values and types, "
      "list lengths, events and lifecycle, capabilities, fields added or removed, output). "
      "What differs between two runs of one cell (addresses, goroutine and thread ids, handles, "
      "timings, the order of threads and of output lines) is not compared. A scenario gated off "
      "in a cell is reported as gated. Reports: <reports>/drift/drift.html (with both cells' DAP "
      "exchanges side by side), drift.json and drift.md (also appended to $GITHUB_STEP_SUMMARY). "
      "Exit status: 0 no difference, 1 differences, 2 usage "
      "or invalid scenarios, 3 a tool missing or a cell Delve cannot run, 4 every scenario "
      "gated, 130/143 interrupted");
  drift_cmd->add_option("paths", drift.paths, "Scenario files or folders")->required();
  drift_cmd->add_option("--from-go", drift.from_go,
                        "go of the FROM cell: a path, or a release such as go1.27.3 (fetched "
                        "through GOTOOLCHAIN); default: PATH");
  drift_cmd->add_option("--from-dlv", drift.from_dlv,
                        "dlv of the FROM cell: a path, or a release such as v1.27.2 (built by the "
                        "cell's go into ~/.cache/dlv-harness/dlv/, never over your own dlv); "
                        "default: as for run");
  drift_cmd->add_option("--to-go", drift.to_go, "go of the TO cell (as --from-go)");
  drift_cmd->add_option("--to-dlv", drift.to_dlv, "dlv of the TO cell (as --from-dlv)");
  drift_cmd->add_option("--reports", drift.reports_dir,
                        "folder of the reports and artifacts (default: reports)");
  drift_cmd->add_option("--cache", drift.cache_dir, "build cache folder (as for run)");
  drift_cmd
      ->add_option("--runs", drift.runs,
                   "runs of each scenario per cell (default 3): a difference that two runs of one "
                   "cell show too is noise (timing, map order) and left out of the drift; 1 "
                   "compares single runs")
      ->check(CLI::Range(1, 10));
  drift_cmd
      ->add_option("--confirm", drift.confirm,
                   "more runs per cell of each scenario that drifted, before its drift is "
                   "reported (default 3): real drift shows in every run of one cell against "
                   "every run of the other, a race (where a pause lands, which goroutines have "
                   "started) does not; 0 reports the first runs' drift")
      ->check(CLI::Range(0, 10));
  drift_cmd->add_flag(
      "--run-gated", drift.run_gated,
      "run the scenarios a requires: gate (dlv, go, os) keeps out of a cell "
      "anyway, and report their drift marked as gated, to show what the gates hide");
  drift_cmd->add_option("-j,--jobs", drift.jobs,
                        "scenarios at once per cell (default: the number of cores)");
  drift_cmd
      ->add_option("--timeout", drift.timeout_seconds,
                   "deadline per scenario in seconds unless the scenario sets one")
      ->check(CLI::PositiveNumber);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kUsage;
  }
  if (*run_cmd) {
    run.console.colour = run_colour == "always"  ? report::Colour::Always
                         : run_colour == "never" ? report::Colour::Never
                                                 : report::Colour::Auto;
    return run_command(run);
  }
  if (*record_cmd) {
    if (rec.from_capture) return record_from_capture(rec);
    if (rec.skeleton.empty()) {
      std::fprintf(stderr, "harness record: name a skeleton scenario or --from-capture\n");
      return kUsage;
    }
    return record_command(rec);
  }
  if (*validate_cmd) return validate_command(validate_paths);
  if (*list_cmd) {
    listing.list = true;
    return run_command(listing);
  }
  if (*compare_cmd) return compare_command(compare_base, compare_current, slower_factor);
  if (*lint_cmd) return lint_launch_command(launch_files, lint_dlv_version);
  if (*replay_cmd) return replay_command(replay);
  if (*proxy_cmd) return proxy_command(proxy);
  if (*drift_cmd) return drift_command(drift);
  if (*install_cmd) return install_command(install_specs, install_go);
  if (*doctor_cmd) return doctor_command(doctor_go, doctor_dlv, doctor_workspace, doctor_json);
  return kUsage;
}

}  // namespace cli
