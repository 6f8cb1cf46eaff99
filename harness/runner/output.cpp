#include "harness/runner/output.h"

#include "harness/dap/message.h"

namespace runner {

std::string collected_output(RunContext& ctx, const std::string& category) {
  if (category == "dlv") return ctx.dlv.child().fd3_text();
  bool any = category == "any";
  std::string text;
  for (const auto& m : ctx.session().messages()) {
    if (!dap::is_event(m, "output") || !m.contains("body")) continue;
    std::string cat = m["body"].value("category", "console");
    if (any || cat == category) text += m["body"].value("output", "");
  }
  for (process::Child* child : {&ctx.dlv.child(), ctx.debuggee}) {
    if (!child) continue;
    if (any || category == "stdout") text += child->stdout_text();
    if (any || category == "stderr") text += child->stderr_text();
  }
  return text;
}

}  // namespace runner
