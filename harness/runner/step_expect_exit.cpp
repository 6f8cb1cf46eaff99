#include <charconv>

#include "harness/dap/message.h"
#include "harness/runner/steps.h"

namespace runner {

namespace {

// S of "... has exited with status S" in `text`, or nullopt.
std::optional<int> exit_status_in(const std::string& text) {
  static constexpr std::string_view kSaid = "has exited with status ";
  auto at = text.find(kSaid);
  if (at == std::string::npos) return std::nullopt;
  const char* first = text.data() + at + kSaid.size();
  int status = 0;
  auto [end, ec] = std::from_chars(first, text.data() + text.size(), status);
  if (ec != std::errc() || end == first) return std::nullopt;
  return status;
}

// dlv < 1.27.0 sends no `exited` event: the status appears as a console output line
// "Process N has exited with status S" after disconnect (sent here unless a `disconnect` step
// did).
std::optional<int> exit_code_from_console(RunContext& ctx) {
  std::size_t from = ctx.disconnected ? 0 : ctx.session().received_count();
  if (!ctx.disconnected) {
    auto seq = ctx.session().send_request("disconnect", {{"terminateDebuggee", true}});
    if (!seq) return std::nullopt;
    ctx.disconnected = true;
    ctx.dlv_ends_on_disconnect = true;
  }
  auto found = ctx.session().wait(
      [](const json& m) {
        return dap::is_event(m, "output") &&
               exit_status_in(m["body"].value("output", "")).has_value();
      },
      from, ctx.deadline(ctx.env.timeouts.teardown), "the 'has exited with status' output");
  if (!found) return std::nullopt;
  return exit_status_in(ctx.session().message(*found)["body"].value("output", ""));
}

}  // namespace

StepResult run_expect_exit(RunContext& ctx, const scenario::Step& step,
                           const scenario::ExpectExit& expect) {
  if (auto problem = ctx.ensure_configured(step.loc)) return problem;
  if (!ctx.exit_code && !ctx.ended) {
    auto found = ctx.session().wait(
        [](const json& m) {
          return dap::is_event(m, "exited") || dap::is_event(m, "terminated") ||
                 dap::is_event(m, "stopped");
        },
        ctx.cursor, ctx.deadline(ctx.step_timeout(step, ctx.env.timeouts.stop)),
        "the program to exit (" + step.loc.str() + ")");
    if (!found) return infrastructure(step.loc, found.error());
    ctx.cursor = *found + 1;
    json event = ctx.session().message(*found);
    if (dap::is_event(event, "stopped")) {
      std::string reason = event["body"].value("reason", "?");
      return failure(step.loc,
                     "expected the program to exit, but it stopped (reason " + reason + ")");
    }
    ctx.ended = true;
    if (dap::is_event(event, "exited")) ctx.exit_code = event["body"].value("exitCode", 0);
  }
  if (!ctx.exit_code) {
    // Ended without an `exited` event (dlv < 1.27.0), here or in an earlier step.
    ctx.exit_code = exit_code_from_console(ctx);
    if (!ctx.exit_code) return failure(step.loc, "the program ended but dlv reported no exit code");
  }
  Checks checks;
  checks.check(expect.code, *ctx.exit_code, "exited.exitCode");
  return checks.result();
}

}  // namespace runner
