#include "harness/runner/handshake.h"
#include "harness/runner/steps.h"
#include "harness/transport/tcp_stream.h"

namespace runner {

StepResult run_reconnect(RunContext& ctx, const scenario::Step& step) {
  // The first client leaves; the headless server and the program stay.
  auto left = ctx.request("disconnect", {{"terminateDebuggee", false}});
  if (!left) return infrastructure(step.loc, left.error());
  auto stream = transport::connect_tcp(ctx.dlv.host(), ctx.dlv.port(),
                                       ctx.deadline(ctx.env.timeouts.request));
  if (!stream) return infrastructure(step.loc, stream.error());
  ctx.replace_session(
      std::make_unique<dap::Session>(std::move(*stream), ctx.session().transcript()));
  return start_session(ctx);
}

}  // namespace runner
