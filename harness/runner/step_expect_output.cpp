#include <algorithm>

#include "harness/runner/output.h"
#include "harness/runner/steps.h"

namespace runner {

StepResult run_expect_output(RunContext& ctx, const scenario::Step& step,
                             const scenario::ExpectOutput& expect) {
  if (auto problem = ctx.ensure_configured(step.loc)) return problem;
  auto deadline = ctx.deadline(ctx.step_timeout(step, ctx.env.timeouts.output));
  std::string path = "output[" + expect.category + "]";
  while (true) {
    std::string text = collected_output(ctx, expect.category);
    if (expect.text.matches(text)) return std::nullopt;
    if (deadline.expired() || ctx.session().closed()) {
      Checks checks;
      checks.check(expect.text, text, path);
      return checks.result();
    }
    // Output arrives as DAP events or on dlv's pipes: wake on the next message, or re-read
    // the pipes after a short pause.
    auto next = util::Deadline::after(util::Duration(20)).min(deadline);
    (void)ctx.session().wait([](const json&) { return true; }, ctx.session().received_count(), next,
                             "output");
  }
}

}  // namespace runner
