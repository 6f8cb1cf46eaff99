#include <cstdio>

#include "harness/cli/commands.h"
#include "harness/cli/exit_codes.h"
#include "harness/gotool/toolchain.h"
#include "harness/process/child.h"
#include "harness/replay/replayer.h"
#include "harness/util/files.h"

namespace cli {

namespace {

// The machine-readable report of a replay (--json).
nlohmann::json report_json(const ReplayCommandOptions& options, const replay::Trace& trace,
                           const gotool::DlvTool& dlv, const replay::ReplayReport& report) {
  nlohmann::json differences = nlohmann::json::array();
  for (const auto& d : report.differences) {
    differences.push_back({{"index", d.index},
                           {"kind", d.kind},
                           {"command", d.name},
                           {"request", d.request},
                           {"path", d.path},
                           {"recorded", d.recorded},
                           {"replayed", d.replayed},
                           {"text", d.str()}});
  }
  nlohmann::json unrecorded = nlohmann::json::array();
  for (const auto& u : report.unrecorded_responses) {
    unrecorded.push_back({{"index", u.index},
                          {"command", u.command},
                          {"request", u.request},
                          {"replayed", u.response}});
  }
  nlohmann::json out = {{"trace", options.trace.string()},
                        {"format", replay::format_name(trace.format)},
                        {"dlv", {{"path", dlv.path.string()}, {"version", dlv.version.str()}}},
                        {"requests", report.requests},
                        {"differences", differences},
                        {"unrecorded_responses", unrecorded}};
  if (report.cut_short) out["cut_short"] = *report.cut_short;
  return out;
}

}  // namespace

int replay_command(const ReplayCommandOptions& options) {
  std::vector<replay::Substitution> substitutions;
  for (const auto& text : options.substitute_paths) {
    auto sub = replay::parse_substitution(text);
    if (!sub) {
      std::fprintf(stderr, "harness: --substitute-path %s: expected FROM=TO\n", text.c_str());
      return kUsage;
    }
    substitutions.push_back(*sub);
  }
  auto trace = replay::read_trace(options.trace);
  if (!trace) {
    std::fprintf(stderr, "harness: %s\n", trace.error().str().c_str());
    return kUsage;
  }
  for (const auto& warning : trace->warnings)
    std::fprintf(stderr, "harness: warning: %s\n", warning.c_str());
  if (auto programs = replay::check_replayable(*trace, options.trace.string(), substitutions);
      !programs) {
    std::fprintf(stderr, "harness: %s\n", programs.error().str().c_str());
    return kUsage;
  }
  auto go = gotool::find_go(std::nullopt);  // only to look for dlv in GOPATH/bin
  auto dlv = gotool::find_dlv(options.dlv, go ? &*go : nullptr);
  if (!dlv) {
    std::fprintf(stderr, "harness: %s\n", dlv.error().str().c_str());
    return kMissingTool;
  }

  bool json_on_stdout = options.json && *options.json == "-";
  std::FILE* console = json_on_stdout ? stderr : stdout;
  std::fprintf(console, "replay: %s (%s, %zu messages) with dlv %s (%s)\n", options.trace.c_str(),
               replay::format_name(trace->format), trace->messages.size(),
               dlv->version.str().c_str(), dlv->path.c_str());
  std::fflush(console);

  // A debuggee whose dlv dies is re-parented to us, so the teardown can still end it.
  process::become_subreaper();
  replay::ReplayOptions replay_options;
  replay_options.dlv = dlv->path;
  replay_options.timeout = util::Duration(static_cast<long>(options.timeout_seconds * 1000));
  replay_options.substitutions = substitutions;
  auto report = replay::replay_trace(*trace, replay_options);
  if (!report) {
    std::fprintf(console, "replay: cannot start dlv: %s\n", report.error().str().c_str());
    return kScenarioFailed;
  }
  for (const auto& d : report->differences) std::fprintf(console, "%s\n", d.str().c_str());
  for (const auto& u : report->unrecorded_responses) {
    std::fprintf(console,
                 "#%zu response '%s' (request %d): not recorded (the trace ends before it); "
                 "replayed %s\n",
                 u.index, u.command.c_str(), u.request,
                 u.response.empty() ? "none in time" : u.response.c_str());
  }
  if (report->cut_short)
    std::fprintf(console, "replay: cut short: %s\n", report->cut_short->c_str());
  std::fprintf(console, "replay: %zu requests, %zu differences\n", report->requests,
               report->differences.size());

  if (options.json) {
    std::string text = report_json(options, *trace, *dlv, *report).dump(2) + "\n";
    if (json_on_stdout) {
      std::fputs(text.c_str(), stdout);
    } else if (auto written = util::write_file_atomically(*options.json, text); !written) {
      std::fprintf(stderr, "harness: --json: %s\n", written.error().str().c_str());
      return kUsage;
    }
  }
  bool same = report->differences.empty() && !report->cut_short;
  return same ? kAllPassed : kScenarioFailed;
}

}  // namespace cli
