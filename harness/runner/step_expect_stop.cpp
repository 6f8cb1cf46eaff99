#include "harness/dap/message.h"
#include "harness/runner/steps.h"

namespace runner {

namespace {

std::string ids_text(const json& ids) {
  std::string out = "[";
  for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? ", " : "") + ids[i].dump();
  return out + "]";
}

// Checks the name of the stopped thread (from a `threads` request) against `name`; an ERROR
// when the request fails.
StepResult check_stopped_thread(RunContext& ctx, const json& body, const match::Matcher& name,
                                Checks& checks) {
  if (!body.contains("threadId")) {
    checks.fail(name.loc(), "stopped.threadId: the stopped event names no thread (expected " +
                                name.describe() + ")");
    return std::nullopt;
  }
  auto response = ctx.request("threads", json::object());
  if (!response) return infrastructure(name.loc(), response.error());
  int id = body.value("threadId", 0);
  std::string path = "threads[id=" + std::to_string(id) + "].name";
  for (const auto& thread : (*response)["body"].value("threads", json::array())) {
    if (thread.value("id", -1) != id) continue;
    checks.check(name, thread.value("name", json()), path);
    return std::nullopt;
  }
  checks.fail(name.loc(), path + ": no thread with id " + std::to_string(id) + " in `threads`");
  return std::nullopt;
}

// The expected hitBreakpointIds as text: "none", or "[-1, prefix \"1\"]".
std::string expected_ids_text(const scenario::HitIds& expected) {
  if (expected.absent) return "none";
  std::string out = "[";
  for (std::size_t i = 0; i < expected.ids.size(); ++i)
    out += (i ? ", " : "") + expected.ids[i].describe();
  return out + "]";
}

// Checks stopped.hitBreakpointIds as sent against `expected`: absent, or element by element.
void check_hit_ids(const json& body, const scenario::HitIds& expected, Checks& checks) {
  const std::string path = "stopped.hitBreakpointIds";
  const std::string reason = " (reason " + body.value("reason", "?") + ")";
  if (!body.contains("hitBreakpointIds")) {
    if (!expected.absent)
      checks.fail(expected.loc, path + ": expected " + expected_ids_text(expected) +
                                    ", the stopped event has none" + reason);
    return;
  }
  const json& hit = body["hitBreakpointIds"];
  if (expected.absent || !hit.is_array() || hit.size() != expected.ids.size()) {
    checks.fail(expected.loc, path + ": expected " + expected_ids_text(expected) + ", got " +
                                  (hit.is_array() ? ids_text(hit) : hit.dump()) + reason);
    return;
  }
  for (std::size_t i = 0; i < hit.size(); ++i)
    checks.check(expected.ids[i], hit[i], path + "[" + std::to_string(i) + "]");
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
  checks.check(expect.all_threads_stopped, body.value("allThreadsStopped", json()),
               "stopped.allThreadsStopped");
  if (expect.thread) {
    if (auto problem = check_stopped_thread(ctx, body, *expect.thread, checks)) return problem;
  }
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
  if (expect.hit_breakpoint_ids) check_hit_ids(body, *expect.hit_breakpoint_ids, checks);
  if (expect.file || expect.line || expect.function) {
    auto frames = ctx.frames();
    if (!frames) return infrastructure(step.loc, frames.error());
    if ((*frames)->empty()) {
      checks.fail(step.loc, "stackTrace: the stopped thread has no frames");
    } else {
      const json& top = (*frames)->front();
      std::string path = top.contains("source") ? top["source"].value("path", "") : "";
      checks.check(expect.function, top.value("name", json()), "stackTrace[0].name");
      checks.check(expect.file, scenario_path(ctx.scenario, path), "stackTrace[0].source.path");
      checks.check(expect.line, top.value("line", json()), "stackTrace[0].line");
    }
  }
  return checks.result();
}

}  // namespace runner
