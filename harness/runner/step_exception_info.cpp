#include "harness/dap/message.h"
#include "harness/runner/steps.h"

namespace runner {

StepResult run_exception_info(RunContext& ctx, const scenario::Step& step,
                              const scenario::ExceptionInfo& expect) {
  if (!ctx.stop) return failure(step.loc, "exceptionInfo: the program is not stopped");
  int thread_id = ctx.stop->thread_id;
  auto seq = ctx.session().send_request("exceptionInfo", {{"threadId", thread_id}});
  if (!seq) return infrastructure(step.loc, seq.error());
  auto response = ctx.session().wait_response(*seq, ctx.deadline(ctx.env.timeouts.request));
  if (!response) return infrastructure(step.loc, response.error());

  std::string path = "exceptionInfo(thread " + std::to_string(thread_id) + ")";
  Checks checks;
  if (!dap::is_success(*response)) {
    if (expect.error)
      checks.check(expect.error, dap::error_text(*response), path + ".error");
    else
      checks.fail(step.loc, path + ": failed: " + dap::error_text(*response));
    return checks.result();
  }
  const json& body = (*response)["body"];
  if (expect.error) {
    checks.fail(expect.error->loc(), path + ": expected an error, got exceptionId " +
                                         body.value("exceptionId", json()).dump());
  }
  checks.check(expect.exception_id, body.value("exceptionId", json()), path + ".exceptionId");
  checks.check(expect.description, body.value("description", json()), path + ".description");
  checks.check(expect.break_mode, body.value("breakMode", json()), path + ".breakMode");
  const json& details = body.contains("details") ? body["details"] : json::object();
  checks.check(expect.details, details.value("stackTrace", json()), path + ".details.stackTrace");
  return checks.result();
}

}  // namespace runner
