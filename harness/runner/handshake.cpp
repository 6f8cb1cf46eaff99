#include "harness/runner/handshake.h"

#include "harness/dap/message.h"
#include "harness/runner/breakpoints.h"
#include "harness/runner/gates.h"

namespace runner {

namespace {

// What VS Code sends, with the scenario's `client:` switches applied.
json initialize_arguments(const scenario::Scenario& s) {
  json args = {{"clientID", "dlv-harness"},
               {"clientName", "dlv-harness"},
               {"adapterID", "go"},
               {"locale", "en-us"},
               {"linesStartAt1", true},
               {"columnsStartAt1", true},
               {"pathFormat", "path"},
               {"supportsVariableType", true},
               {"supportsVariablePaging", true},
               {"supportsRunInTerminalRequest", false},
               {"supportsProgressReporting", false}};
  for (const auto& [name, on] : s.client_capabilities) args[name] = on;
  return args;
}

StepResult set_breakpoints(RunContext& ctx) {
  const auto& s = ctx.scenario;
  for (const auto& file : s.breakpoints)
    if (auto problem = set_file_breakpoints(ctx, file)) return problem;
  if (s.function_breakpoints.empty()) return std::nullopt;
  return set_function_breakpoints(ctx, s.function_breakpoints, s.function_breakpoints.front().loc);
}

// Replaces ${workspaceFolder} (the client's source root, as the editor opened it) and
// ${programDir} (where dlv built the program, symlinks resolved) in every string of `value`.
json with_paths(json value, const scenario::Scenario& s) {
  if (value.is_string()) {
    std::string text = value.get<std::string>();
    for (const auto& [name, path] :
         {std::pair<std::string, std::string>{"${workspaceFolder}",
                                              scenario::client_root(s).string()},
          std::pair<std::string, std::string>{"${programDir}", s.program_dir.string()}}) {
      for (auto at = text.find(name); at != std::string::npos; at = text.find(name, at)) {
        text.replace(at, name.size(), path);
        at += path.size();
      }
    }
    return text;
  }
  if (value.is_structured()) {
    for (auto& item : value) item = with_paths(item, s);
  }
  return value;
}

}  // namespace

json launch_arguments(const scenario::Scenario& s, const std::filesystem::path& program,
                      const std::filesystem::path& scratch_dir) {
  const auto& launch = s.launch;
  if (s.launch_json) {
    // As vscode-go would send it; only where dlv builds does the harness add its scratch output.
    json args = s.launch_json->arguments;
    if (launch.mode != scenario::LaunchMode::Exec) {
      if (!args.contains("dlvCwd")) args["dlvCwd"] = s.program_dir.string();
      if (!args.contains("output")) args["output"] = (scratch_dir / "__debug_bin").string();
    }
    return args;
  }
  json args = {{"name", s.name},
               {"type", "go"},
               {"request", "launch"},
               {"mode", scenario::mode_name(launch.mode)},
               {"program", program.string()},
               {"stopOnEntry", launch.stop_on_entry}};
  json argv = json::array();
  if (launch.test_run) {
    argv.push_back("-test.run");
    argv.push_back(*launch.test_run);
  }
  for (const auto& a : launch.args) argv.push_back(a);
  args["args"] = argv;
  if (!launch.env.empty()) {
    json env = json::object();
    for (const auto& [name, value] : launch.env) env[name] = value ? json(*value) : json();
    args["env"] = env;
  }
  for (const auto& [name, value] : launch.dap_attributes.items()) args[name] = with_paths(value, s);
  args["cwd"] = (s.program_dir / launch.cwd.value_or(".")).lexically_normal().string();
  if (launch.mode != scenario::LaunchMode::Exec) {
    // dlv runs `go build` in dlvCwd, which must lie inside the module.
    args["dlvCwd"] = s.program_dir.string();
    args["output"] = (scratch_dir / "__debug_bin").string();
  }
  return args;
}

StepResult start_session(RunContext& ctx) {
  const auto& s = ctx.scenario;
  auto init = ctx.request("initialize", initialize_arguments(s));
  if (!init) return infrastructure(s.loc, init.error());
  if (auto unmet = unmet_capabilities(s, ctx.env, *init)) return unmet;

  // A headless server already runs the program: attach in mode remote. Topology attach: the
  // harness started the program, dlv attaches to its process id.
  util::Expected<int> launch_seq = 0;
  if (s.launch.topology == scenario::Topology::Dap) {
    launch_seq =
        ctx.session().send_request("launch", launch_arguments(s, ctx.program, ctx.scratch_dir));
  } else {
    json attach = s.launch_json ? s.launch_json->arguments
                                : json{{"name", s.name},
                                       {"type", "go"},
                                       {"request", "attach"},
                                       {"stopOnEntry", s.launch.stop_on_entry}};
    if (s.launch.topology == scenario::Topology::Headless ||
        s.launch.topology == scenario::Topology::GoTestExec) {
      attach["mode"] = "remote";
    } else {
      attach["mode"] = "local";
      attach["processId"] = ctx.debuggee ? ctx.debuggee->pid() : 0;
    }
    launch_seq = ctx.session().send_request("attach", attach);
  }
  if (!launch_seq) return infrastructure(s.launch.loc, launch_seq.error());
  int seq = *launch_seq;
  auto launch_deadline = ctx.deadline(ctx.env.timeouts.launch);
  // dlv sends `initialized` before the launch response; a refused launch sends only the
  // (failed) response.
  auto first = ctx.session().wait(
      [seq](const json& m) {
        return dap::is_event(m, "initialized") || dap::is_response_to(m, seq);
      },
      0, launch_deadline, "'initialized' or the launch response");
  if (!first) return infrastructure(s.launch.loc, first.error());
  json message = ctx.session().message(*first);
  if (dap::is_response_to(message, seq) && !dap::is_success(message)) {
    return infrastructure(
        s.launch.loc,
        util::make_error(util::ErrorKind::Protocol, "launch refused: " + dap::error_text(message)));
  }
  if (!ctx.no_debug() && !dap::is_event(message, "initialized")) {
    // Launched, but breakpoints may only be set once the adapter says it is initialized.
    auto initialized = ctx.session().wait(
        [](const json& m) { return dap::is_event(m, "initialized"); }, *first, launch_deadline,
        "the 'initialized' event after a successful launch response");
    if (!initialized) return infrastructure(s.launch.loc, initialized.error());
  }
  if (auto problem = set_breakpoints(ctx)) return problem;
  if (auto problem = set_exception_filters(ctx, *init)) return problem;
  auto response = ctx.session().wait_response(seq, launch_deadline);
  if (!response) return infrastructure(s.launch.loc, response.error());
  if (!dap::is_success(*response)) {
    return infrastructure(s.launch.loc,
                          util::make_error(util::ErrorKind::Protocol,
                                           "launch refused: " + dap::error_text(*response)));
  }
  // Steps look for what came after the launch response. A noDebug program runs at once: its
  // `exited` can follow that response before the handshake returns, and must not be skipped.
  auto answered =
      ctx.session().wait([seq](const json& m) { return dap::is_response_to(m, seq); }, *first,
                         util::Deadline::after(util::Duration(0)), "the launch response");
  ctx.cursor = answered ? *answered + 1 : ctx.session().received_count();
  return std::nullopt;
}

}  // namespace runner
