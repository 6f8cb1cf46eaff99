#include "harness/runner/steps.h"

namespace runner {

StepResult run_resume(RunContext& ctx, const scenario::Step& step, const char* command,
                      const std::optional<match::Matcher>& thread) {
  // The first `continue` of a scenario is what starts the program (configurationDone).
  if (!ctx.configured && !thread && std::string_view(command) == "continue") {
    ctx.cursor = ctx.session().received_count();
    return ctx.ensure_configured(step.loc);
  }
  if (!ctx.stop) {
    return failure(step.loc, "cannot '" + step.keyword +
                                 "': the program is not stopped (an expect_stop step must "
                                 "come first)");
  }
  int thread_id = ctx.stop->thread_id;
  if (thread) {
    auto selected = select_thread(ctx, thread->loc(), *thread);
    if (auto* problem = std::get_if<Problem>(&selected)) return std::move(*problem);
    thread_id = std::get<int>(selected);
  }
  ctx.cursor = ctx.session().received_count();
  ctx.resumed();
  auto response = ctx.request(command, {{"threadId", thread_id}});
  if (!response) return infrastructure(step.loc, response.error());
  return std::nullopt;
}

}  // namespace runner
