#include "harness/runner/strict.h"

#include <algorithm>

#include "harness/dap/message.h"

namespace runner {

namespace {

constexpr util::Duration kSettle{1'000};

std::string category_of(const json& output_event) {
  return output_event.value("body", json::object()).value("category", "console");
}

}  // namespace

const std::vector<std::string>& default_allowed_events() {
  static const std::vector<std::string> events = {"initialized", "process",    "continued",
                                                  "thread",      "module",     "loadedSource",
                                                  "breakpoint",  "terminated", "capabilities"};
  return events;
}

StrictWatch::StrictWatch(const scenario::Scenario& scenario, const Environment& env)
    : scenario_(scenario),
      enabled_(scenario.strict.value_or(env.strict)),
      allowed_(default_allowed_events()) {
  allowed_.insert(allowed_.end(), scenario.allow_events.begin(), scenario.allow_events.end());
}

void StrictWatch::before_step(RunContext& ctx, std::size_t index) {
  if (!enabled_) return;
  step_starts_.emplace_back(ctx.session().received_count(), &scenario_.steps[index]);
}

void StrictWatch::after_step(RunContext& ctx, const scenario::Step& step) {
  if (!enabled_) return;
  if (std::holds_alternative<scenario::Reconnect>(step.kind)) {
    consumed_.clear();
    step_starts_.clear();
    return;
  }
  bool waits_for_event = std::holds_alternative<scenario::ExpectStop>(step.kind) ||
                         std::holds_alternative<scenario::ExpectExit>(step.kind);
  if (waits_for_event && ctx.cursor > 0) consumed_.insert(ctx.cursor - 1);
  const auto* output = std::get_if<scenario::ExpectOutput>(&step.kind);
  if (!output) return;
  auto messages = ctx.session().messages();
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (!dap::is_event(messages[i], "output")) continue;
    if (output->category == "any" || category_of(messages[i]) == output->category)
      consumed_.insert(i);
  }
}

bool StrictWatch::allowed(const json& event) const {
  std::string name = event.value("event", "");
  if (std::find(allowed_.begin(), allowed_.end(), name) != allowed_.end()) return true;
  return name == "output" && category_of(event) == "console";
}

const scenario::Step* StrictWatch::step_at(std::size_t index) const {
  const scenario::Step* during = nullptr;
  for (const auto& [start, step] : step_starts_)
    if (start <= index) during = step;
  return during;
}

StepResult StrictWatch::finish(RunContext& ctx) {
  if (!enabled_) return std::nullopt;
  std::size_t steps_done = ctx.session().received_count();
  if (ctx.configured && !ctx.stop && !ctx.ended && !ctx.session().closed()) {
    (void)ctx.session().wait(
        [](const json& m) {
          return dap::is_event(m, "stopped") || dap::is_event(m, "exited") ||
                 dap::is_event(m, "terminated");
        },
        steps_done, ctx.deadline(kSettle), "strict mode's settle time");
  }
  auto messages = ctx.session().messages();
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const json& m = messages[i];
    if (m.value("type", "") != "event" || consumed_.count(i) || allowed(m)) continue;
    std::string name = m.value("event", "");
    const scenario::Step* during = step_at(i);
    std::string when = !during           ? "before the first step"
                       : i >= steps_done ? "after the last step '" + during->keyword + "'"
                                         : "during step '" + during->keyword + "'";
    util::SourceLoc where = scenario_.strict ? scenario_.strict_loc : scenario_.loc;
    std::string at = during ? " (" + during->loc.str() + ")" : "";
    return failure(where, "strict: unexpected '" + name + "' event " +
                              m.value("body", json::object()).dump() + "\n  received " + when + at +
                              ", receive index " + std::to_string(i) +
                              " in transcript.txt; expect it with a step or allow it with "
                              "allow_events: [" +
                              name + "]");
  }
  return std::nullopt;
}

}  // namespace runner
