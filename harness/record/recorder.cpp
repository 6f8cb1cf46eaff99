#include "harness/record/recorder.h"

#include <algorithm>
#include <thread>

#include "harness/dap/message.h"
#include "harness/record/dap_variable.h"
#include "harness/runner/context.h"
#include "harness/runner/output.h"
#include "harness/runner/scenario_runner.h"
#include "harness/runner/scope_lookup.h"
#include "harness/runner/steps.h"

namespace record {

namespace {

using runner::json;
using runner::Problem;
using runner::RunContext;

bool is_action(const scenario::Step& step) {
  return std::holds_alternative<scenario::Continue>(step.kind) ||
         std::holds_alternative<scenario::Next>(step.kind) ||
         std::holds_alternative<scenario::StepIn>(step.kind) ||
         std::holds_alternative<scenario::StepOut>(step.kind);
}

// The children of a variable reference, or the infrastructure problem.
util::Expected<std::vector<json>> children_of(RunContext& ctx, int reference) {
  auto response = ctx.request("variables", {{"variablesReference", reference}});
  if (!response) return util::fail(response.error());
  return (*response)["body"].value("variables", json::array()).get<std::vector<json>>();
}

// `vars` as recorded variables, children loaded `depth` levels down; the first `limit` of them
// whose names are usable as scenario keys (a pointer's child has an empty name).
util::Expected<std::vector<RecordedVar>> recorded_vars(RunContext& ctx,
                                                       const std::vector<json>& vars, int depth,
                                                       std::size_t limit,
                                                       const RecordOptions& options) {
  std::vector<RecordedVar> out;
  for (const auto& v : vars) {
    if (out.size() == limit) break;
    RecordedVar r = recorded_var(v);
    if (r.name.empty()) continue;
    int reference = v.value("variablesReference", 0);
    if (depth > 0) {
      std::vector<json> children;
      if (reference != 0) {
        auto fetched = children_of(ctx, reference);
        if (!fetched) return util::fail(fetched.error());
        children = std::move(*fetched);
      }
      if (reference != 0) r.count = static_cast<int>(children.size());
      auto loaded = recorded_vars(ctx, children, depth - 1,
                                  static_cast<std::size_t>(options.max_children), options);
      if (!loaded) return util::fail(loaded.error());
      r.children = std::move(*loaded);
    }
    out.push_back(std::move(r));
  }
  return out;
}

// The scenario's own name for the breakpoint dlv says was hit, "" for none or an unnamed one.
std::string breakpoint_name(const RunContext& ctx, const json& body) {
  for (const auto& hit : body.value("hitBreakpointIds", json::array())) {
    for (const auto& [name, id] : ctx.breakpoint_ids)
      if (hit.is_number_integer() && hit.get<int>() == id && !name.empty()) return name;
  }
  return "";
}

std::variant<RecordedStop, Problem> record_stop(RunContext& ctx, const scenario::Step& action,
                                                const RecordOptions& options) {
  const json& event = ctx.stop->event;
  const json body = event.value("body", json::object());
  RecordedStop stop;
  stop.action = action.keyword;
  stop.reason = body.value("reason", "");
  stop.breakpoint = breakpoint_name(ctx, body);
  stop.description = body.value("description", "");
  stop.text = body.value("text", "");
  auto frames = ctx.frames();
  if (!frames) return runner::infrastructure(action.loc, frames.error());
  if ((*frames)->empty()) return runner::failure(action.loc, "the stopped thread has no frames");
  const json& top = (*frames)->front();
  stop.function = top.value("name", "");
  stop.line = top.value("line", 0);
  stop.file = runner::scenario_path(ctx.scenario,
                                    top.contains("source") ? top["source"].value("path", "") : "");

  auto locals = runner::scope_reference(ctx, action.loc, "Locals", 0);
  if (const int* reference = std::get_if<int>(&locals)) {
    auto vars = children_of(ctx, *reference);
    if (!vars) return runner::infrastructure(action.loc, vars.error());
    if (!options.variables.empty()) {
      std::erase_if(*vars, [&](const json& v) {
        const auto& wanted = options.variables;
        return std::find(wanted.begin(), wanted.end(), v.value("name", "")) == wanted.end();
      });
    }
    auto recorded = recorded_vars(ctx, *vars, options.depth,
                                  static_cast<std::size_t>(options.max_locals), options);
    if (!recorded) return runner::infrastructure(action.loc, recorded.error());
    stop.locals = std::move(*recorded);
  } else if (std::get<Problem>(locals).status == runner::Status::Error) {
    return std::get<Problem>(locals);
  }

  for (const auto& expression : options.expressions) {
    json args = {{"expression", expression}, {"context", "watch"}, {"frameId", top.value("id", 0)}};
    auto seq = ctx.session().send_request("evaluate", args);
    if (!seq) return runner::infrastructure(action.loc, seq.error());
    auto response = ctx.session().wait_response(*seq, ctx.deadline(ctx.env.timeouts.request));
    if (!response) return runner::infrastructure(action.loc, response.error());
    RecordedEvaluation evaluation{expression, std::nullopt, "", std::nullopt};
    if (dap::is_success(*response)) {
      evaluation.result = (*response)["body"].value("result", "");
      evaluation.type = (*response)["body"].value("type", "");
    } else {
      evaluation.error = dap::error_text(*response);
    }
    stop.evaluations.push_back(std::move(evaluation));
  }
  return stop;
}

// The program's output once it has ended: all of it is in the pipes (after a disconnect, dlv
// < 1.27's case, once dlv has exited); output dlv forwards as events may trail for moments, so
// it is read until two reads 100 ms apart agree.
void record_output(RunContext& ctx, Recording& recording) {
  auto deadline = ctx.deadline(ctx.env.timeouts.teardown);
  if (ctx.disconnected || ctx.session().closed()) ctx.settle_after_disconnect(deadline);
  ctx.catch_up_output(deadline);
  recording.stdout_text = runner::collected_output(ctx, "stdout");
  recording.stderr_text = runner::collected_output(ctx, "stderr");
  for (int settle = 0; settle < 10; ++settle) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::string out = runner::collected_output(ctx, "stdout");
    std::string err = runner::collected_output(ctx, "stderr");
    bool settled = out == recording.stdout_text && err == recording.stderr_text;
    recording.stdout_text = std::move(out);
    recording.stderr_text = std::move(err);
    if (settled) break;
  }
}

std::optional<Problem> record_session(RunContext& ctx, const RecordOptions& options,
                                      Recording& recording) {
  const scenario::Scenario& s = ctx.scenario;
  std::vector<const scenario::Step*> actions;
  for (const auto& step : s.steps)
    if (is_action(step)) actions.push_back(&step);
  const scenario::Step until_exit{"continue", scenario::Continue{}, std::nullopt, s.loc};
  for (std::size_t next = 0;; ++next) {
    if (!actions.empty() && next == actions.size()) return std::nullopt;  // ends at the stop
    const scenario::Step& action = actions.empty() ? until_exit : *actions[next];
    if (auto problem = runner::run_step(ctx, action)) return problem;
    const scenario::Step wait{"expect_stop", scenario::ExpectStop{}, std::nullopt, action.loc};
    auto problem = runner::run_step(ctx, wait);
    if (ctx.ended) {
      recording.final_action = action.keyword;
      break;
    }
    if (problem) return problem;
    if (recording.stops.size() == static_cast<std::size_t>(options.max_stops)) {
      return runner::failure(action.loc, "more than " + std::to_string(options.max_stops) +
                                             " stops: give the scenario its steps (continue, "
                                             "next, ...) or fewer breakpoints");
    }
    auto stop = record_stop(ctx, action, options);
    if (auto* failed = std::get_if<Problem>(&stop)) return std::move(*failed);
    recording.stops.push_back(std::move(std::get<RecordedStop>(stop)));
  }
  auto any_code = match::Matcher::make("matches", "", s.loc);
  const scenario::Step exit{"expect_exit", scenario::ExpectExit{*any_code}, std::nullopt, s.loc};
  if (auto problem = runner::run_step(ctx, exit)) return problem;
  recording.exit_code = ctx.exit_code;
  record_output(ctx, recording);
  return std::nullopt;
}

}  // namespace

RecordedRun record_run(const scenario::Scenario& scenario, const runner::Environment& env,
                       const RecordOptions& options) {
  RecordedRun run;
  run.result = runner::run_session(
      scenario, env, [&](RunContext& ctx) { return record_session(ctx, options, run.recording); });
  return run;
}

}  // namespace record
