#include <filesystem>

#include "harness/dap/message.h"
#include "harness/runner/steps.h"

namespace runner {

namespace {

// A frame's source path as a scenario writes it: relative to the client's source root (the
// program directory unless client_source_root says otherwise) when the file lies inside it, else
// as dlv reported it.
std::string scenario_path(const std::filesystem::path& program_dir, const std::string& path) {
  if (path.empty()) return path;
  auto rel = std::filesystem::path(path).lexically_relative(program_dir);
  if (!rel.empty() && *rel.begin() != "..") return rel.generic_string();
  return path;
}

std::string ids_text(const json& ids) {
  std::string out = "[";
  for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? ", " : "") + ids[i].dump();
  return out + "]";
}

}  // namespace

StepResult run_expect_stop(RunContext& ctx, const scenario::Step& step,
                           const scenario::ExpectStop& expect) {
  if (auto problem = ctx.ensure_configured(step.loc)) return problem;
  auto found = ctx.session().wait(
      [](const json& m) {
        return dap::is_event(m, "stopped") || dap::is_event(m, "exited") ||
               dap::is_event(m, "terminated");
      },
      ctx.cursor, ctx.deadline(ctx.step_timeout(step, ctx.env.timeouts.stop)),
      "a 'stopped' event (" + step.loc.str() + ")");
  if (!found) return infrastructure(step.loc, found.error());
  ctx.cursor = *found + 1;
  json event = ctx.session().message(*found);
  const json& body = event.contains("body") ? event["body"] : json::object();

  if (!dap::is_event(event, "stopped")) {
    ctx.ended = true;
    std::string how = "ended";
    if (dap::is_event(event, "exited")) {
      ctx.exit_code = body.value("exitCode", 0);
      how = "exited with code " + std::to_string(*ctx.exit_code);
    }
    return failure(step.loc, "expected the program to stop, but it " + how);
  }

  ctx.stop = StopState{body.value("threadId", 0), event, {}, false};
  Checks checks;
  checks.check(expect.reason, body.value("reason", json()), "stopped.reason");
  checks.check(expect.description, body.value("description", json()), "stopped.description");
  checks.check(expect.text, body.value("text", json()), "stopped.text");
  if (expect.at) {
    json hit = body.value("hitBreakpointIds", json::array());
    auto id = ctx.breakpoint_ids.find(*expect.at);
    bool ok = false;
    if (id != ctx.breakpoint_ids.end()) {
      for (const auto& h : hit) ok = ok || (h.is_number_integer() && h.get<int>() == id->second);
    }
    if (!ok) {
      std::string dlv_id =
          id == ctx.breakpoint_ids.end() ? "no dlv id" : "dlv id " + std::to_string(id->second);
      checks.fail(expect.at_loc, "stopped.hitBreakpointIds: expected breakpoint '" + *expect.at +
                                     "' (" + dlv_id + "), got " + ids_text(hit) + " (reason " +
                                     body.value("reason", "?") + ")");
    }
  }
  if (expect.file || expect.line || expect.function) {
    auto frames = ctx.frames();
    if (!frames) return infrastructure(step.loc, frames.error());
    if ((*frames)->empty()) {
      checks.fail(step.loc, "stackTrace: the stopped thread has no frames");
    } else {
      const json& top = (*frames)->front();
      std::string path = top.contains("source") ? top["source"].value("path", "") : "";
      checks.check(expect.function, top.value("name", json()), "stackTrace[0].name");
      checks.check(expect.file, scenario_path(scenario::client_root(ctx.scenario), path),
                   "stackTrace[0].source.path");
      checks.check(expect.line, top.value("line", json()), "stackTrace[0].line");
    }
  }
  return checks.result();
}

}  // namespace runner
