#pragma once
#include "harness/runner/context.h"

// One function per step kind (each in its own file), plus the dispatcher.
namespace runner {

// Runs one step of the scenario; nullopt when every expectation of the step held.
StepResult run_step(RunContext& ctx, const scenario::Step& step);

// continue / next / step_in / step_out: `command` is the DAP request name.
StepResult run_resume(RunContext& ctx, const scenario::Step& step, const char* command);
StepResult run_expect_stop(RunContext& ctx, const scenario::Step& step,
                           const scenario::ExpectStop& expect);
StepResult run_expect_variables(RunContext& ctx, const scenario::Step& step,
                                const scenario::ExpectVariables& expect);
StepResult run_evaluate(RunContext& ctx, const scenario::Step& step,
                        const scenario::Evaluate& evaluate);
StepResult run_expect_output(RunContext& ctx, const scenario::Step& step,
                             const scenario::ExpectOutput& expect);
StepResult run_expect_exit(RunContext& ctx, const scenario::Step& step,
                           const scenario::ExpectExit& expect);
StepResult run_reconnect(RunContext& ctx, const scenario::Step& step);

// Collects the mismatches of one step and turns them into a single Problem.
class Checks {
 public:
  // Records a mismatch if `matcher` is set and `actual` does not satisfy it.
  void check(const std::optional<match::Matcher>& matcher, const json& actual,
             std::string_view path);
  // Records a free-form failure at `where`.
  void fail(const util::SourceLoc& where, std::string message);
  // nullopt if nothing failed; else a Fail problem listing every mismatch, located at the first.
  StepResult result() const;

 private:
  std::vector<std::pair<util::SourceLoc, std::string>> failures_;
};

}  // namespace runner
