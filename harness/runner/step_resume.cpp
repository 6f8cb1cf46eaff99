#include "harness/runner/steps.h"

namespace runner {

StepResult run_resume(RunContext& ctx, const scenario::Step& step, const char* command) {
  // The first `continue` of a scenario is what starts the program (configurationDone).
  if (!ctx.configured && std::string_view(command) == "continue") {
    ctx.cursor = ctx.session().received_count();
    return ctx.ensure_configured(step.loc);
  }
  if (!ctx.stop) {
    return failure(step.loc, "cannot '" + step.keyword +
                                 "': the program is not stopped (an expect_stop step must "
                                 "come first)");
  }
  int thread = ctx.stop->thread_id;
  ctx.cursor = ctx.session().received_count();
  ctx.resumed();
  auto response = ctx.request(command, {{"threadId", thread}});
  if (!response) return infrastructure(step.loc, response.error());
  return std::nullopt;
}

}  // namespace runner
