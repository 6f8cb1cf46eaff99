#include "harness/runner/steps.h"

#include <variant>

#include "harness/runner/captures.h"

namespace runner {

namespace {
template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;
}  // namespace

StepResult run_step(RunContext& ctx, const scenario::Step& written) {
  auto captures = ctx.captures;
  if (const auto* request = std::get_if<scenario::Request>(&written.kind)) {
    auto with_builtins = request_captures(ctx, written, *request);
    if (auto* problem = std::get_if<Problem>(&with_builtins)) return *problem;
    captures = std::get<std::map<std::string, std::string>>(with_builtins);
  }
  auto substituted = with_captures(written, captures);
  if (auto* problem = std::get_if<Problem>(&substituted)) return *problem;
  const scenario::Step& step = std::get<scenario::Step>(substituted);
  return std::visit(
      Overloaded{
          [&](const scenario::Continue& s) { return run_resume(ctx, step, "continue", s.thread); },
          [&](const scenario::Next& s) { return run_resume(ctx, step, "next", s.thread); },
          [&](const scenario::StepIn& s) { return run_resume(ctx, step, "stepIn", s.thread); },
          [&](const scenario::StepOut& s) { return run_resume(ctx, step, "stepOut", s.thread); },
          [&](const scenario::ExpectStack& s) { return run_expect_stack(ctx, step, s); },
          [&](const scenario::ExpectThreads& s) { return run_expect_threads(ctx, step, s); },
          [&](const scenario::ExpectStop& s) { return run_expect_stop(ctx, step, s); },
          [&](const scenario::ExpectVariables& s) { return run_expect_variables(ctx, step, s); },
          [&](const scenario::Evaluate& s) { return run_evaluate(ctx, step, s); },
          [&](const scenario::ExpectOutput& s) { return run_expect_output(ctx, step, s); },
          [&](const scenario::ExpectExit& s) { return run_expect_exit(ctx, step, s); },
          [&](const scenario::ExpectEvents& s) { return run_expect_events(ctx, step, s); },
          [&](const scenario::Reconnect&) { return run_reconnect(ctx, step); },
          [&](const scenario::SetVariable& s) { return run_set_variable(ctx, step, s); },
          [&](const scenario::SetBreakpoints& s) { return run_set_breakpoints(ctx, step, s); },
          [&](const scenario::SetFunctionBreakpoints& s) {
            return run_set_function_breakpoints(ctx, step, s);
          },
          [&](const scenario::Pause&) { return run_pause(ctx, step); },
          [&](const scenario::ExceptionInfo& s) { return run_exception_info(ctx, step, s); },
          [&](const scenario::Disconnect& s) { return run_disconnect(ctx, step, s); },
          [&](const scenario::ExpectDlvExit& s) { return run_expect_dlv_exit(ctx, step, s); },
          [&](const scenario::Request& s) { return run_request(ctx, step, s); },
      },
      step.kind);
}

void Checks::check(const std::optional<match::Matcher>& matcher, const json& actual,
                   std::string_view path) {
  if (!matcher) return;
  if (auto mismatch = matcher->check(actual, path)) {
    failures_.emplace_back(mismatch->where, mismatch->str());
    mismatches_.push_back(std::move(*mismatch));
  }
}

void Checks::fail(const util::SourceLoc& where, std::string message) {
  failures_.emplace_back(where, where.known() ? where.str() + ": " + message : message);
}

StepResult Checks::result() const {
  if (failures_.empty()) return std::nullopt;
  std::string text;
  for (const auto& [where, message] : failures_) {
    if (!text.empty()) text += "\n";
    text += message;
  }
  return Problem{Status::Fail, text, failures_.front().first, mismatches_};
}

}  // namespace runner
