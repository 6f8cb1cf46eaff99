#include "harness/dap/message.h"
#include "harness/runner/steps.h"

namespace runner {

StepResult run_disconnect(RunContext& ctx, const scenario::Step& step,
                          const scenario::Disconnect& disconnect) {
  if (auto problem = ctx.ensure_configured(step.loc)) return problem;
  auto deadline = ctx.deadline(ctx.step_timeout(step, ctx.env.timeouts.teardown));
  if (ctx.disconnected) {
    // dlv < 1.27 tells the exit code only at disconnect: expect_exit already sent it.
    ctx.settle_after_disconnect(deadline);
    return std::nullopt;
  }
  json args = {{"restart", false}};
  if (disconnect.terminate_debuggee) args["terminateDebuggee"] = *disconnect.terminate_debuggee;
  if (disconnect.suspend_debuggee) args["suspendDebuggee"] = *disconnect.suspend_debuggee;
  auto seq = ctx.session().send_request("disconnect", args);
  if (!seq) return infrastructure(step.loc, seq.error());
  ctx.disconnected = true;
  ctx.resumed();
  ctx.dlv_ends_on_disconnect = ctx.scenario.launch.topology != scenario::Topology::Headless ||
                               disconnect.terminate_debuggee.value_or(false);
  auto response = ctx.session().wait_response(*seq, deadline);
  if (!response) return infrastructure(step.loc, response.error());
  if (!dap::is_success(*response)) {
    return failure(step.loc, "'disconnect' failed: " + dap::error_text(*response));
  }
  ctx.settle_after_disconnect(deadline);
  return std::nullopt;
}

StepResult run_expect_dlv_exit(RunContext& ctx, const scenario::Step& step,
                               const scenario::ExpectDlvExit& expect) {
  auto status = ctx.dlv.child().wait(ctx.deadline(ctx.step_timeout(step, ctx.env.timeouts.stop)));
  if (!status) return infrastructure(step.loc, status.error());
  if (status->signaled()) {
    return failure(step.loc, "expected dlv to exit, but it was " + status->str());
  }
  Checks checks;
  checks.check(expect.code, status->code, "dlv.exitCode");
  return checks.result();
}

}  // namespace runner
