#pragma once
#include <set>
#include <string>
#include <vector>

#include "harness/runner/context.h"

// Strict mode (`harness run --strict`, or `strict: true` in a scenario): every DAP event dlv
// sends must either be consumed by a step or be on the allow-list, else the scenario fails.
// Consumed: the `stopped` event an expect_stop step checked; the `exited`/`terminated` event an
// expect_exit step found; every `output` event of the category an expect_output step read
// (all categories for `any`) received before that step passed.
namespace runner {

// The events strict mode lets pass without a step: initialized, process, continued, thread,
// module, loadedSource, breakpoint, terminated, capabilities, and `output` of category console
// (dlv's own messages). `allow_events: [output]` allows output of every category.
const std::vector<std::string>& default_allowed_events();

class StrictWatch {
 public:
  // Enabled by the scenario's `strict:` if set, else by env.strict.
  StrictWatch(const scenario::Scenario& scenario, const Environment& env);

  bool enabled() const { return enabled_; }
  // Before step `index` runs: events from here on arrive "during" that step.
  void before_step(RunContext& ctx, std::size_t index);
  // After a step that passed: marks the events it consumed. A reconnect starts a new receive log:
  // the old connection's events are no longer checked.
  void after_step(RunContext& ctx, const scenario::Step& step);
  // After the last step: when the program was left running, waits up to one second for it to
  // stop or end; then fails on the first event that was neither consumed nor allowed, naming the
  // event, its receive index and the step during which it arrived.
  StepResult finish(RunContext& ctx);

 private:
  bool allowed(const json& event) const;
  // The step during which receive index `index` arrived (nullptr: before the first step).
  const scenario::Step* step_at(std::size_t index) const;

  const scenario::Scenario& scenario_;
  bool enabled_ = false;
  std::vector<std::string> allowed_;
  std::set<std::size_t> consumed_;
  // Receive index at which each step started, in run order.
  std::vector<std::pair<std::size_t, const scenario::Step*>> step_starts_;
};

}  // namespace runner
