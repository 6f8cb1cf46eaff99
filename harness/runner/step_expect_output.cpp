#include <algorithm>
#include <thread>

#include "harness/dap/message.h"
#include "harness/runner/output.h"
#include "harness/runner/steps.h"
#include "harness/util/strings.h"

namespace runner {

namespace {

// The lines of `text` (a trailing newline ends the last line, it does not start another).
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines = util::split(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

// For `in_order`: the first matcher that found no line after the previous one's line, and that
// previous line's index (-1 when it is the first matcher); nullopt when every matcher matched.
std::optional<std::pair<std::size_t, long>> first_unmatched(
    const std::vector<match::Matcher>& in_order, const std::vector<std::string>& lines) {
  long previous = -1;
  for (std::size_t m = 0; m < in_order.size(); ++m) {
    long found = -1;
    for (std::size_t i = static_cast<std::size_t>(previous + 1); i < lines.size(); ++i) {
      if (in_order[m].matches(lines[i])) {
        found = static_cast<long>(i);
        break;
      }
    }
    if (found < 0) return std::pair{m, previous};
    previous = found;
  }
  return std::nullopt;
}

// "output[stdout].in_order[1]: expected a line matching contains "b" after line 2 ("a"), got
// none in 3 line(s): ..."
std::string in_order_failure(const scenario::ExpectOutput& expect, const std::string& text,
                             std::size_t matcher, long after) {
  auto lines = lines_of(text);
  std::string where = after < 0
                          ? "in the output"
                          : "after line " + std::to_string(after + 1) + " (" +
                                util::quote(lines[static_cast<std::size_t>(after)]) +
                                ", which matched in_order[" + std::to_string(matcher - 1) + "])";
  return "output[" + expect.category + "].in_order[" + std::to_string(matcher) +
         "]: expected a line that matches " + expect.in_order[matcher].describe() + " " + where +
         ", got none; output " + util::quote(text);
}

// Whether the program has ended: a step saw it, or its `exited`/`terminated` event is in the log
// (left there for the expect_exit that comes later). `scanned`: the receive index the look starts
// at, advanced past what was looked at.
bool program_ended(RunContext& ctx, std::size_t& scanned) {
  if (ctx.ended) return true;
  std::size_t end = ctx.session().received_count();
  auto found = ctx.session().wait(
      [](const json& m) { return dap::is_event(m, "exited") || dap::is_event(m, "terminated"); },
      scanned, util::Deadline::after(util::Duration(0)), "the program's end");
  scanned = end;
  return found.ok();
}

// `absent`: no line of the output matches any of the matchers. Nothing is awaited: the output
// is what has arrived so far, all of it once the program has ended (after a short grace).
StepResult check_absent_lines(RunContext& ctx, const scenario::ExpectOutput& expect,
                              util::Deadline deadline) {
  if (ctx.session().closed() || ctx.disconnected) ctx.settle_after_disconnect(deadline);
  std::size_t scanned = ctx.cursor;
  if (ctx.disconnected || program_ended(ctx, scanned))
    ctx.catch_up_output(deadline.min(util::Deadline::after(util::Duration(300))));
  auto lines = lines_of(collected_output(ctx, expect.category));
  Checks checks;
  for (std::size_t m = 0; m < expect.absent.size(); ++m) {
    const auto& unwanted = expect.absent[m];
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (!unwanted.matches(lines[i])) continue;
      checks.fail(unwanted.loc(), "output[" + expect.category + "].absent[" + std::to_string(m) +
                                      "]: line " + std::to_string(i + 1) + " " +
                                      util::quote(lines[i]) + " matches " + unwanted.describe() +
                                      ", none may");
      break;
    }
  }
  return checks.result();
}

}  // namespace

StepResult run_expect_output(RunContext& ctx, const scenario::Step& step,
                             const scenario::ExpectOutput& expect) {
  if (auto problem = ctx.ensure_configured(step.loc)) return problem;
  auto deadline = ctx.deadline(ctx.step_timeout(step, ctx.env.timeouts.output));
  if (!expect.absent.empty()) return check_absent_lines(ctx, expect, deadline);
  std::string path = "output[" + expect.category + "]";
  bool grace_started = false;
  std::size_t scanned = ctx.cursor;
  while (true) {
    // Once the session is over, dlv ends: its output is complete when it has exited and its
    // pipes are read to the end (dlv < 1.27 disconnects at expect_exit: checking any sooner
    // loses the program's last lines).
    if (ctx.session().closed() || ctx.disconnected) ctx.settle_after_disconnect(deadline);
    // Once the program has ended nothing new can come but what is still in the pipes: wait
    // only a short grace for that, not the whole output timeout.
    if (!grace_started && (ctx.disconnected || program_ended(ctx, scanned))) {
      grace_started = true;
      deadline = deadline.min(util::Deadline::after(util::Duration(300)));
    }
    // The program wrote its output before it ended: once that is read, the pipes hold it all.
    if (grace_started) ctx.catch_up_output(deadline);
    std::string text = collected_output(ctx, expect.category);
    auto unmatched = expect.text ? std::nullopt : first_unmatched(expect.in_order, lines_of(text));
    if (expect.text ? expect.text->matches(text) : !unmatched) return std::nullopt;
    if (deadline.expired() || ctx.output_complete) {
      Checks checks;
      if (expect.text) {
        checks.check(expect.text, text, path);
      } else {
        const auto& [matcher, after] = *unmatched;
        checks.fail(expect.in_order[matcher].loc(), in_order_failure(expect, text, matcher, after));
      }
      return checks.result();
    }
    // Output arrives as DAP events or on dlv's pipes: wake on the next message, or re-read
    // the pipes after a short pause.
    auto next = util::Deadline::after(util::Duration(20)).min(deadline);
    if (ctx.session().closed()) {
      std::this_thread::sleep_until(next.when());
    } else {
      (void)ctx.session().wait([](const json&) { return true; }, ctx.session().received_count(),
                               next, "output");
    }
  }
}

}  // namespace runner
