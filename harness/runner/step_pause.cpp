#include "harness/runner/steps.h"

namespace runner {

StepResult run_pause(RunContext& ctx, const scenario::Step& step) {
  if (auto problem = ctx.ensure_configured(step.loc)) return problem;
  // dlv halts every goroutine whatever thread is named; 1 is the main goroutine. The `stopped`
  // event may come before the response: the cursor stays where it was for expect_stop.
  auto response = ctx.request("pause", {{"threadId", 1}});
  if (!response) return infrastructure(step.loc, response.error());
  return std::nullopt;
}

}  // namespace runner
