#pragma once
#include <variant>

#include "harness/runner/context.h"

// One function per step kind (each in its own file), plus the dispatcher.
namespace runner {

// Runs one step of the scenario; nullopt when every expectation of the step held.
StepResult run_step(RunContext& ctx, const scenario::Step& step);

// continue / next / step_in / step_out: `command` is the DAP request name; `thread` selects
// the thread by name instead of the one that last stopped.
StepResult run_resume(RunContext& ctx, const scenario::Step& step, const char* command,
                      const std::optional<match::Matcher>& thread);
StepResult run_expect_stack(RunContext& ctx, const scenario::Step& step,
                            const scenario::ExpectStack& expect);
StepResult run_expect_threads(RunContext& ctx, const scenario::Step& step,
                              const scenario::ExpectThreads& expect);

// The id of the one thread (goroutine) whose name matches `name`, from a `threads` request; a
// Fail naming every thread when none or several match. `where` is the step.
std::variant<int, Problem> select_thread(RunContext& ctx, const util::SourceLoc& where,
                                         const match::Matcher& name);
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
StepResult run_set_variable(RunContext& ctx, const scenario::Step& step,
                            const scenario::SetVariable& set);

// set_breakpoints / set_function_breakpoints: replace a set of breakpoints while the scenario runs.
StepResult run_set_breakpoints(RunContext& ctx, const scenario::Step& step,
                               const scenario::SetBreakpoints& set);
StepResult run_set_function_breakpoints(RunContext& ctx, const scenario::Step& step,
                                        const scenario::SetFunctionBreakpoints& set);
// pause: halts the running program (expect_stop then sees reason "pause").
StepResult run_pause(RunContext& ctx, const scenario::Step& step);
// exception_info: the DAP exceptionInfo of the stopped thread.
StepResult run_exception_info(RunContext& ctx, const scenario::Step& step,
                              const scenario::ExceptionInfo& expect);

// disconnect: the client leaves; waits until what follows is complete (see scenario::Disconnect).
StepResult run_disconnect(RunContext& ctx, const scenario::Step& step,
                          const scenario::Disconnect& disconnect);
// expect_dlv_exit: waits for the dlv process to end and checks its exit code.
StepResult run_expect_dlv_exit(RunContext& ctx, const scenario::Step& step,
                               const scenario::ExpectDlvExit& expect);

// request: any DAP request but the lifecycle ones, its whole response checked.
StepResult run_request(RunContext& ctx, const scenario::Step& step,
                       const scenario::Request& request);
// The captures a `request` step substitutes: the scenario's, plus the built-in `${thread}` and
// `${frame}` (ids of the last stop's thread and top frame) when the step uses them; a Fail when
// it uses them without a stop.
std::variant<std::map<std::string, std::string>, Problem> request_captures(
    RunContext& ctx, const scenario::Step& step, const scenario::Request& request);

// expect_events: the events since the previous expect_events step, in order, present, absent.
StepResult run_expect_events(RunContext& ctx, const scenario::Step& step,
                             const scenario::ExpectEvents& expect);

class Checks;
// Checks `actual` (null: missing) against `expect`, naming values by their path below `path`.
void check_json(Checks& checks, const scenario::JsonExpect& expect, const json& actual,
                const std::string& path);

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
  std::vector<match::Mismatch> mismatches_;
};

}  // namespace runner
