// `harness drift`: the suite in two cells (a go and a dlv each), and every observable difference
// between them, grouped by kind.
#include <cstdio>
#include <fstream>
#include <set>
#include <thread>
#include <variant>

#include "harness/cli/commands.h"
#include "harness/cli/exit_codes.h"
#include "harness/cli/interrupts.h"
#include "harness/cli/scenario_files.h"
#include "harness/doctor/tool_checks.h"
#include "harness/drift/drift_report.h"
#include "harness/gotool/tool_install.h"
#include "harness/gotool/toolchain.h"
#include "harness/process/child.h"
#include "harness/report/console.h"
#include "harness/runner/suite.h"
#include "harness/util/files.h"
#include "harness/util/strings.h"

namespace cli {

namespace {

namespace fs = std::filesystem;

// One side of the comparison.
struct DriftCell {
  gotool::GoToolchain go;
  gotool::DlvTool dlv;
  std::string name;  // "go1.19.8 dlv1.20.2"
  std::string slug;  // "from" or "to": the artifacts folder
};

// A --*-go value: a path, or a release ("go1.27.3") fetched as scripts/dev does.
util::Expected<std::optional<fs::path>> go_of(const std::optional<fs::path>& given) {
  if (!given || fs::exists(*given)) return given;
  auto release = gotool::go_release_spec(given->string());
  if (!release) return given;  // find_go says what is wrong with the path
  auto boot = gotool::find_go(std::nullopt);
  if (!boot) return util::fail(boot.error());
  std::printf("harness: drift: fetching %s (GOTOOLCHAIN, from the Go module proxy)\n",
              given->c_str());
  std::fflush(stdout);
  auto go = gotool::fetch_go(*release, *boot, util::Deadline::after(util::Duration(900'000)));
  if (!go) return util::fail(go.error());
  return std::optional<fs::path>(*go);
}

// A --*-dlv value: a path, or a release ("v1.27.2", "dlv@v1.27.2") built by the cell's go into
// the harness's cache, as scripts/dev does.
util::Expected<std::optional<fs::path>> dlv_of(const std::optional<fs::path>& given,
                                               const gotool::GoToolchain& go) {
  if (!given || fs::exists(*given)) return given;
  auto release = gotool::dlv_release_spec(given->string());
  if (!release) return given;
  fs::path cache = default_cache_dir() / "dlv";
  std::printf("harness: drift: dlv v%s (built by go%s into %s if not there yet)\n",
              release->str().c_str(), go.version.str().c_str(), cache.c_str());
  std::fflush(stdout);
  auto dlv =
      gotool::install_dlv(*release, go, cache, util::Deadline::after(util::Duration(900'000)));
  if (!dlv) return util::fail(dlv.error());
  return std::optional<fs::path>(*dlv);
}

// The go and dlv of one side (paths or releases); prints why and returns nullopt when one is
// missing or Delve refuses that Go.
std::optional<DriftCell> resolve_side(const std::optional<fs::path>& go_given,
                                      const std::optional<fs::path>& dlv_given,
                                      const std::string& slug) {
  auto go_path = go_of(go_given);
  auto go = go_path ? gotool::find_go(*go_path) : util::fail(go_path.error());
  if (!go) {
    std::fprintf(stderr, "harness: drift --%s-go: %s\n", slug.c_str(), go.error().str().c_str());
    return std::nullopt;
  }
  auto dlv_path = dlv_of(dlv_given, *go);
  auto dlv = dlv_path ? gotool::find_dlv(*dlv_path, &*go) : util::fail(dlv_path.error());
  if (!dlv) {
    std::fprintf(stderr, "harness: drift --%s-dlv: %s\n", slug.c_str(), dlv.error().str().c_str());
    return std::nullopt;
  }
  auto support = doctor::check_go_support(*dlv, *go);
  if (support.level == doctor::Level::Fail) {
    std::fprintf(stderr, "harness: drift: the %s cell cannot run: %s\n", slug.c_str(),
                 support.summary.c_str());
    return std::nullopt;
  }
  return DriftCell{*go, *dlv, "go" + go->version.str() + " dlv" + dlv->version.str(), slug};
}

// The GOROOT a go binary belongs to (its folder's parent), as the paths of runtime frames begin.
std::string goroot_of(const gotool::GoToolchain& go) {
  std::error_code ec;
  fs::path real = fs::canonical(go.go, ec);
  return (ec ? go.go : real).parent_path().parent_path().string();
}

// One round of runs: `runs` of each scenario; the confirming round's artifacts go to
// <reports>/drift/<cell>-confirm, apart from the first round's.
struct Round {
  int runs = 1;
  bool confirming = false;
};

std::vector<runner::ScenarioResult> run_side(const DriftCell& cell,
                                             const std::vector<scenario::ScenarioEntry>& scenarios,
                                             const DriftOptions& options, const Round& round,
                                             runner::StopFlag& stop) {
  const char* label = round.confirming ? " (confirming)" : "";
  std::printf("harness: %s cell%s: %zu scenario(s) x %d run(s); dlv %s (%s); %s\n",
              cell.slug.c_str(), label, scenarios.size(), round.runs,
              cell.dlv.version.str().c_str(), cell.dlv.path.c_str(), cell.go.version_text.c_str());
  std::fflush(stdout);
  auto env = command_environment(
      cell.go, cell.dlv, options.cache_dir,
      options.reports_dir / "drift" / (cell.slug + (round.confirming ? "-confirm" : "")),
      options.timeout_seconds);
  env.run_gated = options.run_gated;
  report::ConsoleReporter console(stdout);
  runner::SuiteOptions suite;
  suite.jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  suite.repeat = round.runs;
  auto results = runner::run_suite(scenarios, env, suite, console, stop);
  console.clear_progress();
  std::printf("harness: %s cell%s: %s\n", cell.slug.c_str(), label,
              report::summary_line(results).substr(9).c_str());
  return results;
}

// The exit status of a run that `signal` (SIGINT or SIGTERM) stopped.
int exit_for(int signal) {
  return signal == SIGTERM ? kTerminated : kInterrupted;
}

// The results of one round in both cells; `signal` is the one that stopped it, 0 if none did.
struct RoundResults {
  std::vector<runner::ScenarioResult> from, to;
  int signal = 0;
};

RoundResults run_round(const DriftCell& from, const DriftCell& to,
                       const std::vector<scenario::ScenarioEntry>& scenarios,
                       const DriftOptions& options, const Round& round) {
  RoundResults out;
  runner::StopFlag stop;
  InterruptWatch watch(stop, std::nullopt, std::nullopt);
  out.from = run_side(from, scenarios, options, round, stop);
  if (!stop.requested()) out.to = run_side(to, scenarios, options, round, stop);
  out.signal = watch.signal();
  return out;
}

std::string first_line(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

// The session of one run, or why there is none.
std::variant<drift::SessionLog, std::string> session_of(const runner::ScenarioResult& r) {
  fs::path file = r.artifacts_dir / "transcript.txt";
  if (r.artifacts_dir.empty()) return std::string("no transcript (the run wrote no artifacts)");
  auto text = util::read_file(file);
  if (!text) return "no transcript: " + text.error().message;
  auto log = drift::read_session_log(*text, file.string());
  if (!log) return log.error().message;
  return std::move(*log);
}

// The runs of one scenario in one cell (--runs of them).
using Runs = std::vector<const runner::ScenarioResult*>;

// The session of every run; the first reason one cannot be read instead.
std::variant<std::vector<drift::SessionLog>, std::string> sessions_of(const Runs& runs,
                                                                      const char* side) {
  std::vector<drift::SessionLog> logs;
  for (const auto* run : runs) {
    auto log = session_of(*run);
    if (auto* why = std::get_if<std::string>(&log)) return std::string(side) + " cell: " + *why;
    logs.push_back(std::move(std::get<drift::SessionLog>(log)));
  }
  return logs;
}

// A scenario's entry before comparing: its file, name and the statuses of its first runs.
drift::ScenarioDrift entry_of(const runner::ScenarioResult& a, const runner::ScenarioResult& b) {
  drift::ScenarioDrift s;
  s.file = a.id;
  s.name = a.name;
  s.from_status = runner::status_name(a.status);
  s.to_status = runner::status_name(b.status);
  return s;
}

drift::ScenarioDrift compare_scenario(const Runs& a, const Runs& b,
                                      const std::vector<replay::Substitution>& subs) {
  const auto& first_a = *a.front();
  const auto& first_b = *b.front();
  drift::ScenarioDrift s = entry_of(first_a, first_b);
  if (first_a.status != runner::Status::Pass) s.from_problem = first_line(first_a.problem.message);
  if (first_b.status != runner::Status::Pass) s.to_problem = first_line(first_b.problem.message);
  if (first_a.status == runner::Status::Skip || first_b.status == runner::Status::Skip) {
    bool from_skipped = first_a.status == runner::Status::Skip;
    const auto& skipped = from_skipped ? first_a : first_b;
    s.gated = std::string(from_skipped ? "from" : "to") + " cell: " + skipped.problem.message;
    return s;
  }
  for (const auto* side : {&first_a, &first_b}) {
    if (side->gate_ignored)
      s.ran_despite_gate = std::string(side == &first_a ? "from" : "to") +
                           " cell: " + *side->gate_ignored + ", run anyway";
  }
  auto from = sessions_of(a, "from");
  auto to = sessions_of(b, "to");
  if (auto* why = std::get_if<std::string>(&from)) s.unreadable = *why;
  if (auto* why = std::get_if<std::string>(&to)) s.unreadable = *why;
  if (s.unreadable) return s;
  const auto& from_logs = std::get<std::vector<drift::SessionLog>>(from);
  const auto& to_logs = std::get<std::vector<drift::SessionLog>>(to);
  auto compared = drift::compare_runs(from_logs, to_logs, subs);
  s.drifts = std::move(compared.drifts);
  s.unstable = compared.unstable;
  if (!s.drifts.empty()) {
    s.from_session = from_logs.front();
    s.to_session = to_logs.front();
  }
  return s;
}

// compare_scenario, and a comparison that throws (a message of an unexpected shape) as an
// unreadable scenario instead of the end of the report.
drift::ScenarioDrift compare_or_explain(const Runs& a, const Runs& b,
                                        const std::vector<replay::Substitution>& subs) {
  try {
    return compare_scenario(a, b, subs);
  } catch (const std::exception& e) {
    drift::ScenarioDrift s = entry_of(*a.front(), *b.front());
    s.unreadable = std::string("the sessions could not be compared: ") + e.what();
    return s;
  }
}

// The results of run_suite (scenario by scenario, then run by run) as the runs of each scenario.
std::vector<Runs> by_scenario(const std::vector<runner::ScenarioResult>& results, int runs) {
  std::vector<Runs> out;
  for (std::size_t i = 0; i + runs <= results.size(); i += runs) {
    Runs scenario;
    for (int k = 0; k < runs; ++k) scenario.push_back(&results[i + k]);
    out.push_back(std::move(scenario));
  }
  return out;
}

// Writes drift.{json,md,html} under the reports folder (each whole or not at all) and appends
// the Markdown to GitHub's step summary; false if a report could not be written.
bool write_reports(const DriftOptions& options, const drift::DriftReport& report) {
  fs::path dir = options.reports_dir / "drift";
  std::string markdown = drift::markdown_report(report);
  bool all_written = true;
  for (const auto& [name, text] :
       {std::pair{"drift.html", drift::html_report(report)},
        std::pair{"drift.json", drift::json_report(report).dump(1) + "\n"},
        std::pair{"drift.md", markdown}}) {
    if (auto written = util::write_file_atomically(dir / name, text); !written) {
      std::fprintf(stderr, "harness: %s\n", written.error().str().c_str());
      all_written = false;
    }
  }
  if (all_written) {
    std::printf("harness: drift report: %s, %s, %s\n", (dir / "drift.html").c_str(),
                (dir / "drift.json").c_str(), (dir / "drift.md").c_str());
  }
  if (const char* summary = std::getenv("GITHUB_STEP_SUMMARY"); summary && *summary) {
    std::ofstream out(summary, std::ios::app);
    out << markdown;
    if (!out) std::fprintf(stderr, "harness: cannot append to GITHUB_STEP_SUMMARY %s\n", summary);
  }
  return all_written;
}

}  // namespace

// Runs each scenario that drifted options.confirm more times per cell and compares it again over
// all its runs, so that a race which happened to differ between the first runs drops out.
// Returns the signal that stopped the runs, 0 if none did.
int confirm_drift(const DriftCell& from, const DriftCell& to,
                  const std::vector<scenario::ScenarioEntry>& scenarios,
                  const DriftOptions& options, const std::vector<replay::Substitution>& subs,
                  std::vector<Runs>& from_runs, std::vector<Runs>& to_runs,
                  drift::DriftReport& report) {
  std::vector<std::size_t> drifted;
  for (std::size_t i = 0; i < report.scenarios.size(); ++i)
    if (!report.scenarios[i].drifts.empty()) drifted.push_back(i);
  if (options.confirm == 0 || drifted.empty()) return 0;
  std::printf(
      "harness: drift: %zu scenario(s) drifted in their first runs; %d more run(s) "
      "per cell tell real drift (in every run) from races (in some)\n",
      drifted.size(), options.confirm);
  std::vector<scenario::ScenarioEntry> again;
  for (std::size_t i : drifted) again.push_back(scenarios[i]);
  auto more = run_round(from, to, again, options, {options.confirm, true});
  if (more.signal != 0) return more.signal;
  auto from_more = by_scenario(more.from, options.confirm);
  auto to_more = by_scenario(more.to, options.confirm);
  for (std::size_t k = 0; k < drifted.size() && k < from_more.size() && k < to_more.size(); ++k) {
    std::size_t i = drifted[k];
    from_runs[i].insert(from_runs[i].end(), from_more[k].begin(), from_more[k].end());
    to_runs[i].insert(to_runs[i].end(), to_more[k].begin(), to_more[k].end());
    report.scenarios[i] = compare_or_explain(from_runs[i], to_runs[i], subs);
  }
  return 0;
}

int drift_command(const DriftOptions& options) {
  auto scenarios = load_scenarios(options.paths);
  if (!scenarios) return kUsage;
  if (scenarios->empty()) {
    std::fprintf(stderr, "harness: no scenario files (*.yaml) under the given paths\n");
    return kUsage;
  }
  std::error_code ec;
  if (fs::create_directories(options.reports_dir / "drift", ec); ec) {
    std::fprintf(stderr, "harness: drift --reports: cannot create %s: %s\n",
                 (options.reports_dir / "drift").c_str(), ec.message().c_str());
    return kUsage;
  }
  auto from = resolve_side(options.from_go, options.from_dlv, "from");
  auto to = resolve_side(options.to_go, options.to_dlv, "to");
  if (!from || !to) return kMissingTool;
  process::become_subreaper();

  drift::DriftReport report{from->name, to->name, {}};
  std::vector<replay::Substitution> subs = {{goroot_of(from->go), goroot_of(to->go)}};
  auto runs = run_round(*from, *to, *scenarios, options, {options.runs, false});
  if (runs.signal != 0) return exit_for(runs.signal);
  auto from_runs = by_scenario(runs.from, options.runs);
  auto to_runs = by_scenario(runs.to, options.runs);
  for (std::size_t i = 0; i < from_runs.size() && i < to_runs.size(); ++i)
    report.scenarios.push_back(compare_or_explain(from_runs[i], to_runs[i], subs));

  if (int signal = confirm_drift(*from, *to, *scenarios, options, subs, from_runs, to_runs, report))
    return exit_for(signal);
  std::printf("\n");
  drift::print_report(stdout, report);
  bool written = write_reports(options, report);
  std::size_t compared = 0;
  for (const auto& s : report.scenarios) compared += s.gated ? 0 : 1;
  if (compared == 0) return kNothingTested;
  bool differs = false;
  for (const auto& s : report.scenarios) differs = differs || !s.drifts.empty() || s.unreadable;
  return differs || !written ? kScenarioFailed : kAllPassed;  // a lost report is no clean result
}

}  // namespace cli
