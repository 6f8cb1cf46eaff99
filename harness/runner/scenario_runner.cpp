#include "harness/runner/scenario_runner.h"

#include <cstdlib>

#include <fstream>

#include "harness/dap/message.h"
#include "harness/dap/session.h"
#include "harness/dap/transcript.h"
#include "harness/process/dlv_server.h"
#include "harness/runner/context.h"
#include "harness/runner/gates.h"
#include "harness/runner/handshake.h"
#include "harness/runner/snapshot.h"
#include "harness/runner/steps.h"
#include "harness/runner/strict.h"
#include "harness/transport/tcp_stream.h"
#include "harness/util/strings.h"

namespace runner {

namespace {

constexpr std::size_t kTranscriptTailLines = 40;
// How long a dlv whose connection closed may take to be seen exited.
constexpr util::Duration kDeathGrace{500};

// Adds what is known about dlv's own state to an infrastructure problem: a dlv that died
// explains a closed connection better than the connection does.
void explain_dlv(Problem& problem, process::DlvServer& dlv, bool connection_closed) {
  if (problem.status != Status::Error) return;
  auto status = dlv.child().exit_status();
  if (!status && connection_closed) {
    // A dying dlv closes its socket before it can be reaped: give it a moment to be seen dead.
    if (auto waited = dlv.child().wait(util::Deadline::after(kDeathGrace))) status = *waited;
  }
  if (status) {
    problem.message += "\n  dlv " + status->str();
    std::string err = util::tail_lines(dlv.child().stderr_text(), 5);
    if (!err.empty()) problem.message += "; its last stderr lines:\n" + err;
  }
}

void write_text(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
}

// What dlv is asked to run: the cached binary for exec mode, the package for debug/test (a
// launch.json configuration names its own program).
util::Expected<std::filesystem::path> program_for_launch(const scenario::Scenario& s,
                                                         const Environment& env,
                                                         ScenarioResult& result) {
  bool config_names_program =
      s.launch_json && s.launch_json->arguments.value("request", "") == "launch";
  if (s.launch.mode != scenario::LaunchMode::Exec || config_names_program)
    return s.program_dir / s.program_file;
  gotool::BuildCache cache(env.cache_dir, env.go);
  gotool::BuildRequest request{
      .program_dir = s.program_dir, .file = s.program_file, .test_binary = s.launch.test_binary};
  auto built = cache.build(request, util::Deadline::after(env.timeouts.build));
  if (!built) return util::fail(built.error());
  result.build_cache_hit = built->cache_hit;
  return built->binary;
}

// The scenario's `env` on a process's environment: values set, nulls removed.
void apply_env(const std::map<std::string, std::optional<std::string>>& env,
               std::map<std::string, std::string>& set, std::vector<std::string>& remove) {
  for (const auto& [name, value] : env) {
    if (value) {
      set[name] = *value;
    } else {
      set.erase(name);
      remove.push_back(name);
    }
  }
}

// A path as one field of go test's -exec value (which go splits on spaces, honouring quotes).
std::string exec_quoted(const std::filesystem::path& path) {
  std::string text = path.string();
  return text.find_first_of(" \t'\"") == std::string::npos ? text : "\"" + text + "\"";
}

// PATH with the folder of `go` in front (kept once), so dlv's own builds use that toolchain.
std::string go_first_on_path(const gotool::GoToolchain& go) {
  std::string dir = go.go.parent_path().string();
  const char* inherited = std::getenv("PATH");
  std::string rest = inherited ? inherited : "";
  return rest.empty() ? dir : dir + ":" + rest;
}

// How to start dlv: `dlv dap`, a headless server that runs the program itself, or go test
// running its test binary under a headless dlv.
process::DlvServerOptions dlv_options(const scenario::Scenario& s, const Environment& env,
                                      const std::filesystem::path& program,
                                      const std::filesystem::path& scratch_dir) {
  process::DlvServerOptions options;
  options.dlv = env.dlv.path;
  options.log_file = scratch_dir / "dlv.log";
  options.cwd = s.program_dir;
  // dlv runs `go build` / `go test` itself in modes debug and test: it must find the chosen go
  // (`--go`) first on PATH, not whichever go the machine has first. The scenario's env wins.
  options.env["PATH"] = go_first_on_path(env.go);
  if (env.isolate_env) options.env_keep = isolated_environment_base();
  if (s.launch_json) options.extra_args = s.launch_json->dlv_flags;
  if (s.launch.topology == scenario::Topology::GoTestExec) {
    // go test runs the test binary through the wrapper, which execs a headless dlv; dlv's listen
    // line comes through go test's stdout.
    options.dlv = env.go.go;
    options.listen_and_log_flags = false;
    options.command = {"test",
                       "-exec",
                       exec_quoted(env.exec_wrapper) + " " + exec_quoted(env.dlv.path),
                       "-gcflags=all=-N -l",
                       "-ldflags=-s=0 -w=0",
                       "-count=1",
                       "-timeout=0"};
    if (s.launch.test_run)
      options.command.insert(options.command.end(), {"-run", *s.launch.test_run});
    if (!s.launch.args.empty()) {
      options.command.push_back("-args");
      options.command.insert(options.command.end(), s.launch.args.begin(), s.launch.args.end());
    }
    apply_env(s.launch.env, options.env, options.env_remove);
    return options;
  }
  if (s.launch.topology != scenario::Topology::Headless) return options;
  switch (s.launch.mode) {
    case scenario::LaunchMode::Exec:
      options.command = {"exec", program.string()};
      break;
    case scenario::LaunchMode::Debug:
      options.command = {"debug", "--output", (scratch_dir / "__debug_bin").string()};
      if (!s.program_file.empty()) options.command.push_back(s.program_file);
      break;
    case scenario::LaunchMode::Test:
      options.command = {"test", "--output", (scratch_dir / "__debug_bin").string()};
      break;
  }
  options.command.insert(options.command.end(), {"--headless", "--accept-multiclient"});
  if (s.launch.test_run) options.program_args = {"-test.run", *s.launch.test_run};
  options.program_args.insert(options.program_args.end(), s.launch.args.begin(),
                              s.launch.args.end());
  apply_env(s.launch.env, options.env, options.env_remove);
  return options;
}

// How long dlv may take to print its listen address: a headless `dlv debug|test` and `go test
// -exec` build the program first (seconds on a cold Go cache), `dlv dap` and `dlv exec` do not.
util::Duration start_budget(const scenario::Scenario& s, const Environment& env) {
  bool builds_first = s.launch.topology == scenario::Topology::GoTestExec ||
                      (s.launch.topology == scenario::Topology::Headless &&
                       s.launch.mode != scenario::LaunchMode::Exec);
  return builds_first ? env.timeouts.launch : env.timeouts.start_dlv;
}

// Starts the built program for topology attach and waits for its ready_output.
util::Expected<std::unique_ptr<process::Child>> start_debuggee(const scenario::Scenario& s,
                                                               const Environment& env,
                                                               const std::filesystem::path& binary,
                                                               util::Deadline deadline) {
  process::SpawnOptions spawn;
  spawn.argv = {binary.string()};
  spawn.argv.insert(spawn.argv.end(), s.launch.args.begin(), s.launch.args.end());
  spawn.cwd = s.program_dir / s.launch.cwd.value_or(".");
  apply_env(s.launch.env, spawn.env_overrides, spawn.env_remove);
  if (env.isolate_env) spawn.env_keep = isolated_environment_base();
  auto child = process::Child::spawn(spawn);
  if (!child) return util::fail(child.error());
  const std::string& ready = *s.launch.ready_output;
  auto line = (*child)->wait_for_line(
      [&ready](std::string_view l) { return l.find(ready) != std::string_view::npos; }, deadline);
  if (!line) {
    (*child)->terminate_tree(util::Duration(1'000));
    return util::fail(line.error().kind, "the program never printed its ready_output " +
                                             util::quote(ready) + ": " + line.error().message);
  }
  return child;
}

// A response from dlv that broke the protocol (to a request never sent, a second answer), seen
// by the end of the step at `where`: the scenario's ERROR, since its results cannot be trusted.
std::optional<Problem> protocol_problem(RunContext& ctx, const util::SourceLoc& where) {
  auto violation = ctx.session().protocol_violation();
  if (!violation) return std::nullopt;
  return infrastructure(
      where, util::make_error(util::ErrorKind::Protocol, "the debug adapter broke the protocol: " +
                                                             *violation + " (see transcript.txt)"));
}

// How long past the scenario's deadline a polite disconnect may still take.
constexpr util::Duration kDisconnectGrace{1'000};

// Ends the debug session politely, then makes sure dlv and everything it started are gone.
// A noDebug run ends by itself right after its output: dlv's `exited` and `terminated` follow
// within milliseconds, and a disconnect sent before them makes dlv drop them, so whether a
// transcript holds them would depend on timing. They get up to a second to come first.
void await_no_debug_end(RunContext& ctx) {
  const auto& attributes = ctx.scenario.launch.dap_attributes;
  if (attributes.value("noDebug", false) != true || ctx.session().closed()) return;
  (void)ctx.session().wait([](const json& m) { return dap::is_event(m, "terminated"); }, 0,
                           ctx.deadline(util::Duration(1000)), "the end of a noDebug run");
}

void teardown(RunContext* ctx, dap::Session* session, process::DlvServer& dlv,
              const Environment& env) {
  if (session && !session->closed() && !(ctx && ctx->disconnected)) {
    // An adapter that let the scenario run out of time gets a short grace to say goodbye, not
    // the whole teardown budget again.
    if (ctx) await_no_debug_end(*ctx);
    auto deadline = util::Deadline::after(env.timeouts.teardown);
    if (ctx) {
      auto scenario_end = ctx->deadline(env.timeouts.teardown).when();
      deadline = deadline.min(util::Deadline::at(scenario_end + kDisconnectGrace));
    }
    (void)session->request("disconnect", {{"terminateDebuggee", true}}, deadline);
  }
  if (session) session->close();
  dlv.stop(env.timeouts.teardown);
}

}  // namespace

std::string artifact_slug(const std::string& scenario_id) {
  std::string slug;
  for (char c : scenario_id) {
    bool safe = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
    slug += safe ? c : '_';
  }
  while (util::starts_with(slug, ".") || util::starts_with(slug, "_")) slug.erase(0, 1);
  return slug.empty() ? "scenario" : slug;
}

ScenarioResult run_session(const scenario::Scenario& s, const Environment& env,
                           const SessionBody& body) {
  auto started = util::Clock::now();
  ScenarioResult result;
  util::PhaseClock phases(result.phases);
  result.id = s.file.string();
  result.name = s.name;
  result.loc = s.loc;
  auto finish = [&](std::optional<Problem> problem) {
    if (problem) {
      result.status = problem->status;
      result.problem = std::move(*problem);
    }
    result.duration = std::chrono::duration_cast<util::Duration>(util::Clock::now() - started);
    return result;
  };

  if (auto unmet = unmet_tool_requirements(s, env)) {
    if (!env.run_gated) return finish(std::move(unmet));
    result.gate_ignored = unmet->message;
  }
  auto deadline = util::Deadline::after(s.timeout.value_or(env.timeouts.scenario));
  result.artifacts_dir = env.artifacts_dir / artifact_slug(result.id);
  std::error_code ec;
  std::filesystem::remove_all(result.artifacts_dir, ec);
  std::filesystem::create_directories(result.artifacts_dir, ec);

  if (auto unsafe =
          s.launch_json ? process::unsafe_dlv_flag(s.launch_json->dlv_flags) : std::nullopt;
      unsafe && !env.allow_non_loopback) {
    return finish(infrastructure(
        s.launch_json->loc,
        util::make_error(
            util::ErrorKind::Usage,
            "dlvFlags: " + *unsafe + ": refused (harness run --allow-non-loopback allows it)")));
  }
  auto program = program_for_launch(s, env, result);
  phases.mark("build");
  if (!program) return finish(infrastructure(s.program_loc, program.error()));

  // Topology attach: the harness starts the program and waits until it says it is ready.
  std::unique_ptr<process::Child> debuggee;
  if (s.launch.topology == scenario::Topology::Attach) {
    auto started =
        start_debuggee(s, env, *program, deadline.min(util::Deadline::after(env.timeouts.stop)));
    if (!started) return finish(infrastructure(s.launch.loc, started.error()));
    debuggee = std::move(*started);
  }

  auto options = dlv_options(s, env, *program, result.artifacts_dir);
  auto dlv =
      process::DlvServer::start(options, util::Deadline::after(start_budget(s, env)).min(deadline));
  phases.mark("dlv start");
  if (!dlv) return finish(infrastructure(s.loc, dlv.error()));

  auto transcript = std::make_shared<dap::Transcript>();
  std::optional<Problem> problem;
  {
    auto stream = transport::connect_tcp((*dlv)->host(), (*dlv)->port(),
                                         util::Deadline::after(env.timeouts.request).min(deadline));
    if (!stream) {
      problem = infrastructure(s.loc, stream.error());
      teardown(nullptr, nullptr, **dlv, env);
    } else {
      RunContext ctx(s, env, std::make_unique<dap::Session>(std::move(*stream), transcript), **dlv,
                     deadline);
      ctx.program = *program;
      ctx.scratch_dir = result.artifacts_dir;
      ctx.debuggee = debuggee.get();
      problem = start_session(ctx);
      if (!problem) problem = protocol_problem(ctx, s.loc);
      phases.mark("handshake");
      if (!problem) problem = body(ctx);
      if (problem && problem->status == Status::Fail) {
        // What the debugger showed when the expectation failed, while dlv can still tell.
        auto snapshot = ctx.failure_snapshot ? *ctx.failure_snapshot : stop_snapshot(ctx);
        if (!snapshot.empty()) {
          write_text(result.artifacts_dir / "snapshot.txt", snapshot);
          problem->message += "\n  goroutines and locals at the stop: " +
                              (result.artifacts_dir / "snapshot.txt").string();
        }
      }
      if (problem) explain_dlv(*problem, **dlv, ctx.session().closed());
      phases.mark("steps");
      transcript->note(dap::kTeardownNote);
      teardown(&ctx, &ctx.session(), **dlv, env);
    }
  }
  phases.mark("teardown");

  std::string dlv_output = (*dlv)->child().stdout_text();
  std::string dlv_errors = (*dlv)->child().stderr_text();
  if (debuggee) {
    debuggee->terminate_tree(env.timeouts.teardown);
    write_text(result.artifacts_dir / "program-stdout.txt", debuggee->stdout_text());
    write_text(result.artifacts_dir / "program-stderr.txt", debuggee->stderr_text());
  }
  (void)transcript->write_to(result.artifacts_dir / "transcript.txt");
  write_text(result.artifacts_dir / "dlv-stdout.txt", dlv_output);
  write_text(result.artifacts_dir / "dlv-stderr.txt", dlv_errors);
  if (problem) {
    result.transcript_tail = transcript->tail(kTranscriptTailLines);
    result.dlv_output = dlv_output + dlv_errors;
  }
  phases.mark("artifacts");
  return finish(std::move(problem));
}

ScenarioResult run_scenario(const scenario::Scenario& s, const Environment& env) {
  return run_session(s, env, [&s, &env](RunContext& ctx) -> std::optional<Problem> {
    ProblemList problems;
    StrictWatch strict(s, env);
    for (std::size_t i = 0; i < s.steps.size(); ++i) {
      strict.before_step(ctx, i);
      const auto& step = s.steps[i];
      ctx.session().transcript()->note(
          dap::step_note({static_cast<int>(i + 1), step.loc.line, step.keyword}));
      auto problem = run_step(ctx, step);
      if (!problem) problem = protocol_problem(ctx, s.steps[i].loc);
      if (!problem) {
        strict.after_step(ctx, s.steps[i]);
        continue;
      }
      // What the debugger showed when the first expectation failed, before later steps move on.
      if (problems.empty() && problem->status == Status::Fail)
        ctx.failure_snapshot = stop_snapshot(ctx);
      problems.add(std::move(*problem));
      // An infrastructure problem leaves nothing to trust; a failed expectation leaves the
      // session where it was, so the later steps still say what differs.
      if (problems.last_status() != Status::Fail) break;
    }
    if (auto problem = strict.finish(ctx)) problems.add(std::move(*problem));
    return problems.headline();
  });
}

}  // namespace runner
