#include "harness/dap/message.h"
#include "harness/runner/steps.h"

namespace runner {

namespace {

// Adds the frameId `evaluate` asks for. Without `frame:`, a stop whose stack dlv cannot produce
// (at entry: "unknown goroutine 1") is evaluated without a frame, as dlv allows.
StepResult add_frame(RunContext& ctx, const scenario::Step& step,
                     const scenario::Evaluate& evaluate, json& args) {
  if (!ctx.stop || evaluate.without_frame) return std::nullopt;
  auto frames = ctx.frames();
  if (!frames && !evaluate.frame) return std::nullopt;
  if (!frames) return infrastructure(step.loc, frames.error());
  int depth = evaluate.frame.value_or(0);
  if (depth >= static_cast<int>((*frames)->size())) {
    if (!evaluate.frame) return std::nullopt;
    return failure(step.loc, "frame " + std::to_string(depth) + " does not exist");
  }
  args["frameId"] = (**frames)[depth].value("id", 0);
  return std::nullopt;
}

}  // namespace

StepResult run_evaluate(RunContext& ctx, const scenario::Step& step,
                        const scenario::Evaluate& evaluate) {
  json args = {{"expression", evaluate.expr}, {"context", evaluate.context}};
  if (auto problem = add_frame(ctx, step, evaluate, args)) return problem;
  auto seq = ctx.session().send_request("evaluate", args);
  if (!seq) return infrastructure(step.loc, seq.error());
  auto response = ctx.session().wait_response(*seq, ctx.deadline(ctx.env.timeouts.request));
  if (!response) return infrastructure(step.loc, response.error());

  std::string path = "evaluate(" + evaluate.expr + ")";
  Checks checks;
  if (!dap::is_success(*response)) {
    if (evaluate.error) {
      checks.check(evaluate.error, dap::error_text(*response), path + ".error");
    } else {
      checks.fail(step.loc, path + ": failed: " + dap::error_text(*response));
    }
    return checks.result();
  }
  const json& body = (*response)["body"];
  if (evaluate.error) {
    checks.fail(evaluate.error->loc(),
                path + ": expected an error, got result " + body.value("result", "").c_str());
  }
  checks.check(evaluate.result, body.value("result", json()), path + ".result");
  checks.check(evaluate.type, body.value("type", json()), path + ".type");
  checks.check(evaluate.indexed, body.value("indexedVariables", 0), path + ".indexedVariables");
  checks.check(evaluate.named, body.value("namedVariables", 0), path + ".namedVariables");
  if (evaluate.count) {
    int reference = body.value("variablesReference", 0);
    std::size_t children = 0;
    if (reference != 0) {
      auto listed = ctx.request("variables", {{"variablesReference", reference}});
      if (!listed) return infrastructure(step.loc, listed.error());
      children = (*listed)["body"].value("variables", json::array()).size();
    }
    checks.check(evaluate.count, static_cast<int>(children), path + ".children.count");
  }
  if (evaluate.save) ctx.captures[*evaluate.save] = body.value("result", "");
  return checks.result();
}

}  // namespace runner
