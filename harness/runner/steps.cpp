#include "harness/runner/steps.h"

#include <variant>

namespace runner {

namespace {
template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;
}  // namespace

StepResult run_step(RunContext& ctx, const scenario::Step& step) {
  return std::visit(
      Overloaded{
          [&](const scenario::Continue&) { return run_resume(ctx, step, "continue"); },
          [&](const scenario::Next&) { return run_resume(ctx, step, "next"); },
          [&](const scenario::StepIn&) { return run_resume(ctx, step, "stepIn"); },
          [&](const scenario::StepOut&) { return run_resume(ctx, step, "stepOut"); },
          [&](const scenario::ExpectStop& s) { return run_expect_stop(ctx, step, s); },
          [&](const scenario::ExpectVariables& s) { return run_expect_variables(ctx, step, s); },
          [&](const scenario::Evaluate& s) { return run_evaluate(ctx, step, s); },
          [&](const scenario::ExpectOutput& s) { return run_expect_output(ctx, step, s); },
          [&](const scenario::ExpectExit& s) { return run_expect_exit(ctx, step, s); },
          [&](const scenario::Reconnect&) { return run_reconnect(ctx, step); },
      },
      step.kind);
}

void Checks::check(const std::optional<match::Matcher>& matcher, const json& actual,
                   std::string_view path) {
  if (!matcher) return;
  if (auto mismatch = matcher->check(actual, path)) {
    failures_.emplace_back(mismatch->where, mismatch->str());
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
  return Problem{Status::Fail, text, failures_.front().first};
}

}  // namespace runner
