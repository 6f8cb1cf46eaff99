#include <algorithm>

#include "harness/dap/message.h"
#include "harness/runner/steps.h"
#include "harness/util/strings.h"

namespace runner {

namespace {

bool is_event(const json& message) {
  return message.value("type", "") == "event";
}

// Whether `event` is the one `expect` describes (its name, and its body when one is given).
bool fits(const scenario::EventExpect& expect, const json& event) {
  if (event.value("event", "") != expect.event) return false;
  if (!expect.body) return true;
  Checks checks;
  check_json(checks, *expect.body, event.value("body", json()), "body");
  return !checks.result();
}

// The events from receive index `from` on, without the `ignore`d names.
std::vector<json> events_since(RunContext& ctx, std::size_t from,
                               const std::vector<std::string>& ignore) {
  std::vector<json> events;
  for (auto& message : ctx.session().messages(from)) {
    if (!is_event(message)) continue;
    const std::string name = message.value("event", "");
    if (std::find(ignore.begin(), ignore.end(), name) != ignore.end()) continue;
    events.push_back(std::move(message));
  }
  return events;
}

// How many of `wanted` appear in `events` in that order (a greedy subsequence match).
std::size_t matched_in_order(const std::vector<scenario::EventExpect>& wanted,
                             const std::vector<json>& events) {
  std::size_t found = 0;
  for (const auto& event : events)
    if (found < wanted.size() && fits(wanted[found], event)) ++found;
  return found;
}

std::string event_names_of(const std::vector<json>& events) {
  if (events.empty()) return "none";
  std::vector<std::string> names;
  for (const auto& e : events) names.push_back(e.value("event", "?"));
  return util::join(names, ", ");
}

// " (its body: {...})" for each event of `events` named like `expect`, whose body differed.
std::string bodies_named(const scenario::EventExpect& expect, const std::vector<json>& events) {
  std::string out;
  if (!expect.body) return out;
  for (const auto& e : events)
    if (e.value("event", "") == expect.event)
      out += "; " + expect.event + " came with body " + e.value("body", json()).dump();
  return out;
}

std::string described(const scenario::EventExpect& expect) {
  return expect.body ? expect.event + " (with the body given)" : expect.event;
}

// Whether dlv can send no more events: the connection closed, or the debug session terminated.
bool no_more_events(RunContext& ctx) {
  if (ctx.session().closed()) return true;
  const auto& messages = ctx.session().messages();
  return std::any_of(messages.begin(), messages.end(),
                     [](const json& m) { return dap::is_event(m, "terminated"); });
}

// Waits until `expect.in_order` is among the events since `from`, or no more can come. Errors:
// Timeout, or the session's own failure.
util::Expected<void> wait_in_order(RunContext& ctx, const scenario::Step& step,
                                   const scenario::ExpectEvents& expect, std::size_t from) {
  auto deadline = ctx.deadline(ctx.step_timeout(step, ctx.env.timeouts.stop));
  while (true) {
    std::size_t seen = ctx.session().received_count();
    auto events = events_since(ctx, from, expect.ignore);
    if (matched_in_order(expect.in_order, events) == expect.in_order.size()) return {};
    if (no_more_events(ctx)) return {};
    auto next = ctx.session().wait([](const json& m) { return is_event(m); }, seen, deadline,
                                   "the events of expect_events");
    if (!next) return util::fail(next.error());
  }
}

}  // namespace

StepResult run_expect_events(RunContext& ctx, const scenario::Step& step,
                             const scenario::ExpectEvents& expect) {
  const std::size_t from = ctx.events_mark;
  auto waited = wait_in_order(ctx, step, expect, from);
  if (!waited && waited.error().kind != util::ErrorKind::Timeout)
    return infrastructure(step.loc, waited.error());
  std::vector<json> events = events_since(ctx, from, expect.ignore);
  ctx.events_mark = ctx.session().received_count();
  Checks checks;
  std::size_t found = matched_in_order(expect.in_order, events);
  if (found < expect.in_order.size()) {
    checks.fail(expect.in_order[found].loc,
                "events: expected " + described(expect.in_order[found]) +
                    (found ? " after " + described(expect.in_order[found - 1]) : "") + ", got " +
                    event_names_of(events) + bodies_named(expect.in_order[found], events));
  }
  for (const auto& unwanted : expect.absent) {
    for (std::size_t i = 0; i < events.size(); ++i) {
      if (!fits(unwanted, events[i])) continue;
      checks.fail(unwanted.loc, "events: expected no " + described(unwanted) + ", got one at " +
                                    std::to_string(i + 1) + " of " + event_names_of(events));
      break;
    }
  }
  if (expect.exact && found == expect.in_order.size() && events.size() != found) {
    checks.fail(step.loc, "events: expected exactly " + std::to_string(found) + " event(s), got " +
                              std::to_string(events.size()) + ": " + event_names_of(events));
  }
  return checks.result();
}

}  // namespace runner
