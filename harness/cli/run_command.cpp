#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <memory>
#include <thread>
#include <tuple>

#include "harness/cli/commands.h"
#include "harness/cli/exit_codes.h"
#include "harness/cli/interrupts.h"
#include "harness/cli/scenario_files.h"
#include "harness/doctor/tool_checks.h"
#include "harness/gotool/toolchain.h"
#include "harness/match/regex.h"
#include "harness/process/child.h"
#include "harness/report/console.h"
#include "harness/report/github.h"
#include "harness/report/html.h"
#include "harness/report/junit.h"
#include "harness/report/rerun.h"
#include "harness/report/test2json.h"
#include "harness/report/timings.h"
#include "harness/runner/suite.h"
#include "harness/runner/update.h"
#include "harness/scenario/selection.h"
#include "harness/util/files.h"
#include "harness/util/strings.h"

namespace cli {

namespace {

// Fans results out to several observers (console, test2json).
class Observers : public runner::SuiteObserver {
 public:
  explicit Observers(std::vector<runner::SuiteObserver*> all) : all_(std::move(all)) {}
  void started(const scenario::ScenarioEntry& s, int repetition, std::size_t index,
               std::size_t total) override {
    for (auto* o : all_) o->started(s, repetition, index, total);
  }
  void finished(const runner::ScenarioResult& r) override {
    for (auto* o : all_) o->finished(r);
  }

 private:
  std::vector<runner::SuiteObserver*> all_;
};

// The selection asked for on the command line; prints the problem and returns nullopt when a
// pattern or the shard is malformed.
std::optional<scenario::Selection> selection_of(const RunOptions& options) {
  scenario::Selection selection;
  for (auto [pattern, into, flag] : {std::tuple{&options.filter, &selection.filter, "--filter"},
                                     std::tuple{&options.skip, &selection.skip, "--skip"}}) {
    if (!*pattern) continue;
    auto regex = match::Regex::compile(**pattern);
    if (!regex) {
      std::fprintf(stderr, "harness: %s: invalid regular expression /%s/: %s\n", flag,
                   (*pattern)->c_str(), regex.error().message.c_str());
      return std::nullopt;
    }
    *into = std::move(*regex);
  }
  selection.tags = options.tags;
  if (options.shard) {
    auto shard = scenario::parse_shard(*options.shard);
    if (!shard) {
      std::fprintf(stderr, "harness: %s\n", shard.error().message.c_str());
      return std::nullopt;
    }
    selection.shard = *shard;
  } else {
    auto shard = scenario::shard_from_environment();
    if (!shard) {
      std::fprintf(stderr, "harness: %s\n", shard.error().message.c_str());
      return std::nullopt;
    }
    selection.shard = *shard;
  }
  return selection;
}

std::string selection_text(const scenario::Selection& selection, std::size_t kept,
                           std::size_t loaded) {
  if (kept == loaded) return std::to_string(kept) + " scenario(s)";
  std::string text = std::to_string(kept) + " of " + std::to_string(loaded) + " scenario(s)";
  if (selection.shard) {
    text += " (shard " + std::to_string(selection.shard->index + 1) + "/" +
            std::to_string(selection.shard->count) + ")";
  }
  return text;
}

// Where --json FILE is written while the run lasts.
std::string json_partial(const std::string& file) {
  return file + ".partial";
}

std::size_t default_jobs() {
  return std::max(1u, std::thread::hardware_concurrency());
}

// One cell of the matrix: a go and a dlv, and why it cannot run if Delve does not support
// that Go.
struct Cell {
  gotool::GoToolchain go;
  gotool::DlvTool dlv;
  std::string name;  // "go1.26.8 dlv1.27.2"
  std::optional<std::string> incompatible;
  std::optional<std::string> other_dlv;  // for an incompatible found dlv: one that fits this Go
};

// When the dlv found first cannot debug `go`: another installed one that can, as a hint.
std::optional<std::string> other_dlv_hint(const gotool::GoToolchain& go,
                                          const gotool::DlvTool& found) {
  for (const auto& dlv : gotool::installed_dlvs(&go)) {
    if (dlv.path == found.path) continue;
    if (doctor::check_go_support(dlv, go).level == doctor::Level::Fail) continue;
    return "dlv " + dlv.version.str() + " at " + dlv.path.string() + " supports go" +
           go.version.str() + ": run with --dlv " + dlv.path.string() +
           " or put its folder first on PATH";
  }
  return std::nullopt;
}

// Every go x dlv pair asked for (the found ones when none are); prints the problem and returns
// nullopt when a tool is missing.
std::optional<std::vector<Cell>> resolve_cells(const RunOptions& options) {
  constexpr const char* kSeeDoctor =
      "harness: `harness doctor` checks the whole debugging set-up\n";
  std::vector<std::optional<std::filesystem::path>> gos, dlvs;
  for (const auto& g : options.gos) gos.emplace_back(g);
  for (const auto& d : options.dlvs) dlvs.emplace_back(d);
  if (gos.empty()) gos.emplace_back();
  if (dlvs.empty()) dlvs.emplace_back();
  // A named dlv needs no go to be found: its `dlv version` runs while `go version` does.
  std::vector<std::shared_future<util::Expected<gotool::DlvTool>>> named_dlvs(dlvs.size());
  for (std::size_t d = 0; d < dlvs.size(); ++d)
    if (dlvs[d]) named_dlvs[d] = std::async(std::launch::async, gotool::find_dlv, dlvs[d], nullptr);
  std::vector<Cell> cells;
  for (const auto& go_path : gos) {
    auto go = gotool::find_go(go_path);
    if (!go) {
      std::fprintf(stderr, "harness: %s\n%s", go.error().str().c_str(), kSeeDoctor);
      return std::nullopt;
    }
    for (std::size_t d = 0; d < dlvs.size(); ++d) {
      const auto& dlv_path = dlvs[d];
      auto dlv = dlv_path ? named_dlvs[d].get() : gotool::find_dlv(dlv_path, &*go);
      if (!dlv) {
        std::fprintf(stderr, "harness: %s\n%s", dlv.error().str().c_str(), kSeeDoctor);
        return std::nullopt;
      }
      Cell cell{*go, *dlv, "go" + go->version.str() + " dlv" + dlv->version.str(), {}, {}};
      auto support = doctor::check_go_support(*dlv, *go);
      if (support.level == doctor::Level::Fail) {
        cell.incompatible = support.summary;
        if (!dlv_path) cell.other_dlv = other_dlv_hint(*go, *dlv);
      }
      cells.push_back(std::move(cell));
    }
  }
  return cells;
}

// "go1.26.8 dlv1.27.2" -> "go1.26.8-dlv1.27.2", for folder names.
std::string slug(std::string name) {
  for (char& c : name)
    if (c == ' ' || c == '/') c = '-';
  return name;
}

// `--update`: rewrites each failed scenario's literal expectations and runs it again; prints
// the diffs and what was left as written, and puts the last run's result in place.
void update_failed(std::vector<runner::ScenarioResult>& results, const runner::Environment& env,
                   bool as_alternative, std::FILE* out) {
  for (auto& result : results) {
    if (result.status != runner::Status::Fail) continue;
    auto update = runner::update_scenario(result, env, as_alternative);
    std::fputs(update.diff.c_str(), out);
    for (const auto& refused : update.refused)
      std::fprintf(out, "  not updated: %s\n", refused.c_str());
    std::fprintf(out, "harness: --update: %s: %d value(s) rewritten; now %s\n", result.id.c_str(),
                 update.rewritten, runner::status_name(update.result.status));
    result = std::move(update.result);
  }
}

// After a run was cut short: SIGKILLs whatever the runs' teardown left alive (a process that
// ignored SIGTERM, or one started as the run was stopped), so the harness never exits before it.
void end_leftovers() {
  constexpr util::Duration kKillTime{5000};
  auto stuck = process::kill_descendants(util::Deadline::after(kKillTime));
  if (!stuck.empty()) {
    std::fprintf(stderr, "harness: %zu process(es) did not end within %s of SIGKILL\n",
                 stuck.size(), util::format_seconds(kKillTime).c_str());
  }
}

runner::SuiteOptions suite_options(const RunOptions& options) {
  runner::SuiteOptions suite;
  suite.jobs = options.jobs == 0 ? default_jobs() : options.jobs;
  suite.repeat = options.repeat;
  suite.retries = options.retries;
  suite.fail_fast = options.fail_fast;
  return suite;
}

// The results of a cell Delve cannot run (it refuses this Go): every scenario skipped with the
// reason.
std::vector<runner::ScenarioResult> skipped_cell(const Cell& cell,
                                                 const std::vector<scenario::ScenarioEntry>& all) {
  std::vector<runner::ScenarioResult> results;
  for (const auto& s : all) {
    runner::ScenarioResult r;
    r.id = s.file.string();
    r.name = s.name;
    r.loc = s.loc;
    r.status = runner::Status::Skip;
    r.problem = {runner::Status::Skip, "cell skipped: " + *cell.incompatible, s.loc, {}};
    results.push_back(std::move(r));
  }
  return results;
}

// Where the run's output goes: the console, and the --json events (a file streamed into
// FILE.partial and renamed at the end, or stdout).
struct Outputs {
  std::FILE* console = stdout;
  std::FILE* json = nullptr;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> json_file{nullptr, &std::fclose};
};

// Opens the outputs; false (after saying why) when the --json file cannot be written.
bool open_outputs(const RunOptions& options, Outputs& out) {
  bool json_on_stdout = options.json && *options.json == "-";
  if (json_on_stdout) {  // the events own stdout; the console goes to stderr
    out.console = stderr;
    out.json = stdout;
    return true;
  }
  if (!options.json) return true;
  std::error_code ec;
  auto parent = std::filesystem::path(*options.json).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  // A run that is killed leaves the previous FILE intact, never a torn one.
  out.json_file.reset(std::fopen(json_partial(*options.json).c_str(), "w"));
  if (!out.json_file) {
    std::fprintf(stderr, "harness: --json: cannot write %s\n", json_partial(*options.json).c_str());
    return false;
  }
  out.json = out.json_file.get();
  return true;
}

// The JUnit properties of one cell.
report::Properties cell_properties(const Cell& cell, const RunOptions& options,
                                   const scenario::Selection& selection) {
  report::Properties properties = {{"dlv.version", cell.dlv.version.str()},
                                   {"dlv.path", cell.dlv.path.string()},
                                   {"go.version", cell.go.version_text},
                                   {"go.path", cell.go.go.string()}};
  if (options.isolate_env) properties.push_back({"environment", "isolated (--isolate-env)"});
  if (options.allow_non_loopback) {
    properties.push_back({"security.non-loopback", "allowed by --allow-non-loopback"});
  }
  if (selection.shard) {
    properties.push_back({"shard", std::to_string(selection.shard->index + 1) + "/" +
                                       std::to_string(selection.shard->count)});
  }
  return properties;
}

// The environment the scenarios of a runnable cell run in.
runner::Environment cell_environment(const Cell& cell, const RunOptions& options, bool matrix) {
  auto artifacts = options.reports_dir / "artifacts";
  if (matrix) artifacts /= slug(cell.name);
  auto env = command_environment(cell.go, cell.dlv, options.cache_dir, std::move(artifacts),
                                 options.timeout_seconds);
  env.strict = options.strict;
  env.isolate_env = options.isolate_env;
  env.allow_non_loopback = options.allow_non_loopback;
  return env;
}

// What one run of the whole matrix needs besides the options.
struct RunPlan {
  const std::vector<scenario::ScenarioEntry>& scenarios;
  const std::vector<Cell>& cells;
  const scenario::Selection& selection;
  std::string selection_text;
};

// Runs (or skips) one cell; its results, with the cell's JUnit suite added to `suites`.
std::vector<runner::ScenarioResult> run_cell(const Cell& cell, const RunPlan& plan,
                                             const RunOptions& options, Outputs& out,
                                             runner::StopFlag& stop,
                                             std::vector<report::SuiteReport>& suites) {
  const bool matrix = plan.cells.size() > 1;
  std::fprintf(out.console, "harness: %s; %zu job(s); dlv %s (%s); %s\n",
               plan.selection_text.c_str(), suite_options(options).jobs,
               cell.dlv.version.str().c_str(), cell.dlv.path.c_str(), cell.go.version_text.c_str());
  std::fflush(out.console);
  report::Properties properties = cell_properties(cell, options, plan.selection);
  std::optional<report::Test2JsonReporter> json;
  if (out.json)
    json.emplace(out.json, matrix ? cell.name : "dlv-harness", plan.scenarios, options.repeat);
  std::vector<runner::ScenarioResult> results;
  const auto cell_started = util::Clock::now();
  if (cell.incompatible) {
    std::fprintf(out.console, "harness: cell %s skipped: %s\n", cell.name.c_str(),
                 cell.incompatible->c_str());
    if (cell.other_dlv) std::fprintf(out.console, "harness: %s\n", cell.other_dlv->c_str());
    results = skipped_cell(cell, plan.scenarios);
    properties.push_back({"cell.skipped", *cell.incompatible});
  } else {
    runner::Environment env = cell_environment(cell, options, matrix);
    report::ConsoleReporter console(out.console, options.console);
    std::vector<runner::SuiteObserver*> observers = {&console};
    if (json) observers.push_back(&*json);
    Observers both(observers);
    results = runner::run_suite(plan.scenarios, env, suite_options(options), both, stop);
    console.clear_progress();
    if (options.update && !stop.requested())
      update_failed(results, env, options.as_alternative, out.console);
  }
  if (json) json->done(results);  // skipped scenarios and cells are skip events too
  if (stop.requested()) properties.push_back({"partial", "true: " + stop.reason()});
  if (matrix) {
    std::fprintf(out.console, "harness: cell %s: %s\n", cell.name.c_str(),
                 report::summary_line(results).substr(9).c_str());
  }
  auto wall = std::chrono::duration_cast<util::Duration>(util::Clock::now() - cell_started);
  suites.push_back({matrix ? cell.name : "dlv-harness", results, std::move(properties), wall});
  return results;
}

// Why a run tested nothing: no scenario selected, or every run skipped. An empty shard is
// normal (a small suite split many ways) and only said, not an error.
struct EmptyRun {
  std::string why;
  bool is_error = true;
};

std::optional<EmptyRun> empty_run(const std::vector<runner::ScenarioResult>& results,
                                  const scenario::Selection& selection,
                                  std::size_t selected_in_all_shards, std::size_t loaded) {
  if (results.empty()) {
    if (selection.shard && selected_in_all_shards > 0) {
      return EmptyRun{"shard " + std::to_string(selection.shard->index + 1) + "/" +
                          std::to_string(selection.shard->count) + " holds none of the " +
                          std::to_string(selected_in_all_shards) +
                          " selected scenario(s): nothing to run",
                      false};
    }
    return EmptyRun{"no scenario ran: the selection (--filter, --skip, --tag) kept none of the " +
                    std::to_string(loaded) + " scenario(s)"};
  }
  for (const auto& r : results)
    if (r.status != runner::Status::Skip) return std::nullopt;
  return EmptyRun{"no scenario ran: all " + std::to_string(results.size()) +
                  " run(s) were skipped (the first: " + results.front().problem.message + ")"};
}

// The closing lines: JUnit, builds, flaky runs, a stop; false if the JUnit report failed.
bool write_reports(const RunOptions& options, const std::vector<report::SuiteReport>& suites,
                   const std::vector<runner::ScenarioResult>& all, const runner::StopFlag& stop,
                   std::FILE* console) {
  auto junit_path = options.junit.value_or(options.reports_dir / "junit.xml");
  auto written = util::write_file_atomically(
      junit_path, report::junit_xml("dlv-harness", suites,
                                    options.junit_extended ? report::JunitFlavour::Extended
                                                           : report::JunitFlavour::Strict));
  if (!written) {
    std::fprintf(stderr, "harness: %s\n", written.error().str().c_str());
  } else {
    std::fprintf(console, "harness: JUnit report: %s%s\n", junit_path.c_str(),
                 stop.requested() ? " (partial)" : "");
  }
  auto html_path = options.reports_dir / "report.html";
  if (auto html = util::write_file_atomically(html_path, report::html_run_report(suites)); html)
    std::fprintf(console, "harness: HTML report: %s\n", html_path.c_str());
  else
    std::fprintf(stderr, "harness: %s\n", html.error().str().c_str());
  if (auto builds = report::build_line(all); !builds.empty()) {
    std::fprintf(console, "%s\n", builds.c_str());
  }
  if (auto flaky = report::flaky_line(all); !flaky.empty())
    std::fprintf(console, "%s\n", flaky.c_str());
  if (stop.requested()) {
    std::size_t not_run = 0;
    for (const auto& r : all)
      not_run +=
          r.status == runner::Status::Skip && util::starts_with(r.problem.message, "not run: ");
    std::fprintf(console, "harness: stopped: %s; %zu run(s) not started\n", stop.reason().c_str(),
                 not_run);
  }
  return written.ok();
}

// On GitHub Actions: annotations on the scenario lines and the job's step summary.
void report_to_github(const std::vector<report::SuiteReport>& suites,
                      const std::vector<runner::ScenarioResult>& all, std::FILE* console) {
  if (!report::on_github_actions()) return;
  for (const auto& r : all)
    if (auto line = report::github_annotation(r); !line.empty())
      std::fprintf(console, "%s\n", line.c_str());
  const char* summary = std::getenv("GITHUB_STEP_SUMMARY");
  if (!summary || !*summary) return;
  if (std::FILE* out = std::fopen(summary, "a")) {
    for (const auto& suite : suites)
      std::fputs(report::github_summary("dlv-harness: " + suite.name, suite.results).c_str(), out);
    std::fclose(out);
  }
}

// The exit status of a finished run (see exit_codes.h), saying why when nothing was tested.
int exit_status(const RunOptions& options, const std::vector<runner::ScenarioResult>& all,
                const std::optional<EmptyRun>& empty, bool reports_written,
                const runner::StopFlag& stop, std::FILE* console) {
  bool all_ok = reports_written && !stop.aborted();  // aborted: the run's deadline passed
  for (const auto& r : all) {
    all_ok = all_ok && (r.status == runner::Status::Pass || r.status == runner::Status::Skip);
  }
  if (!all_ok) return kScenarioFailed;
  if (!empty) return kAllPassed;
  bool error = empty->is_error && !options.allow_empty;
  std::fprintf(console, "harness: %s%s\n", empty->why.c_str(),
               error ? " (exit 4; --allow-empty accepts a run that tests nothing)" : "");
  return error ? kNothingTested : kAllPassed;
}

// --rerun-failed REPORT: narrows `scenarios` to those REPORT shows failed; an exit status when
// the run ends here (an unreadable report, or nothing to rerun).
std::optional<int> keep_failed_in_report(const RunOptions& options,
                                         std::vector<scenario::ScenarioEntry>& scenarios) {
  if (!options.rerun_failed) return std::nullopt;
  auto failed = report::failed_in_report(*options.rerun_failed, std::move(scenarios));
  if (!failed) {
    std::fprintf(stderr, "harness: --rerun-failed: %s\n", failed.error().str().c_str());
    return kUsage;
  }
  scenarios = std::move(*failed);
  if (!scenarios.empty()) return std::nullopt;
  std::printf(
      "harness: --rerun-failed: %s shows no failed scenario among the selected ones: "
      "nothing to rerun\n",
      options.rerun_failed->c_str());
  return kAllPassed;
}

}  // namespace

int run_command(const RunOptions& options) {
  std::vector<util::Phase> process_phases;
  util::PhaseClock phases(process_phases);
  auto loaded = load_scenarios(options.paths);
  if (!loaded) return kUsage;
  if (loaded->empty()) {
    std::fprintf(stderr, "harness: no scenario files (*.yaml) under the given paths\n");
    return kUsage;
  }
  auto selection = selection_of(options);
  if (!selection) return kUsage;
  std::size_t loaded_count = loaded->size();
  scenario::Selection every_shard = *selection;
  every_shard.shard.reset();
  std::size_t selected_in_all_shards = scenario::select(*loaded, every_shard).size();
  auto scenarios = scenario::select(std::move(*loaded), *selection);
  if (auto done = keep_failed_in_report(options, scenarios)) return *done;
  if (options.list) {
    print_scenarios(scenarios);
    std::printf("harness: %s selected\n",
                selection_text(*selection, scenarios.size(), loaded_count).c_str());
    return kAllPassed;
  }
  if (options.as_alternative && !options.update) {
    std::fprintf(stderr, "harness: --as-alternative works with --update\n");
    return kUsage;
  }
  phases.mark("load");
  auto cells = resolve_cells(options);
  if (!cells) return kMissingTool;
  phases.mark("tools");
  if (options.update && (cells->size() > 1 || options.repeat > 1)) {
    std::fprintf(stderr,
                 "harness: --update needs a single go and dlv and no --repeat: each "
                 "file is rewritten to what one dlv answers\n");
    return kUsage;
  }
  if (options.allow_non_loopback) {
    std::fprintf(stderr,
                 "harness: --allow-non-loopback: dlvFlags may make dlv listen beyond loopback "
                 "or accept other users\n");
  }
  Outputs out;
  if (!open_outputs(options, out)) return kUsage;
  // A debuggee whose dlv dies is re-parented to us, so teardown can still find and end it.
  process::become_subreaper();

  RunPlan plan{scenarios, *cells, *selection,
               selection_text(*selection, scenarios.size(), loaded_count)};
  runner::StopFlag stop;
  std::vector<report::SuiteReport> suites;
  std::vector<runner::ScenarioResult> all;
  int signal = 0;
  {
    std::optional<util::Deadline> run_deadline;
    if (options.run_timeout_seconds) {
      run_deadline = util::Deadline::after(
          util::Duration(static_cast<long>(*options.run_timeout_seconds * 1000)));
    }
    InterruptWatch watch(stop, run_deadline, options.run_timeout_seconds);
    for (const auto& cell : *cells) {
      auto results = run_cell(cell, plan, options, out, stop, suites);
      all.insert(all.end(), results.begin(), results.end());
    }
    signal = watch.signal();
  }
  if (stop.aborted()) end_leftovers();
  phases.mark("sessions");

  if (out.json_file) {
    out.json_file.reset();
    std::error_code ec;
    std::filesystem::rename(json_partial(*options.json), *options.json, ec);
    if (ec) std::fprintf(stderr, "harness: --json: %s\n", ec.message().c_str());
  }
  bool written = write_reports(options, suites, all, stop, out.console);
  phases.mark("reports");
  if (options.timings) std::fputs(report::timings_text(all, process_phases).c_str(), out.console);
  int status = kInterrupted;
  if (signal == SIGTERM) status = kTerminated;
  if (signal == 0) {
    auto empty = empty_run(all, *selection, selected_in_all_shards, loaded_count);
    status = exit_status(options, all, empty, written, stop, out.console);
  }
  std::fputs(report::not_passed_list(all).c_str(), out.console);
  std::fprintf(out.console, "%s\n", report::summary_line(all).c_str());
  report_to_github(suites, all, out.console);
  return status;
}

}  // namespace cli
