#include "harness/runner/steps.h"
#include "harness/util/strings.h"

namespace runner {

namespace {

// The threads (goroutines) dlv reports now.
util::Expected<std::vector<json>> fetch_threads(RunContext& ctx) {
  auto response = ctx.request("threads", json::object());
  if (!response) return util::fail(response.error());
  return (*response)["body"].value("threads", json::array()).get<std::vector<json>>();
}

std::vector<std::string> thread_names_of(const std::vector<json>& threads) {
  std::vector<std::string> names;
  for (const auto& t : threads) names.push_back(t.value("name", "?"));
  return names;
}

// "a", "b" ... at most `limit` names, then "... (N more)".
std::string listed(const std::vector<std::string>& names, std::size_t limit = 20) {
  std::vector<std::string> shown;
  for (std::size_t i = 0; i < names.size() && i < limit; ++i) shown.push_back('"' + names[i] + '"');
  std::string text = util::join(shown, ", ");
  if (names.size() > limit) text += ", ... (" + std::to_string(names.size() - limit) + " more)";
  return text.empty() ? "none" : text;
}

}  // namespace

std::variant<int, Problem> select_thread(RunContext& ctx, const util::SourceLoc& where,
                                         const match::Matcher& name) {
  auto threads = fetch_threads(ctx);
  if (!threads) return infrastructure(where, threads.error());
  std::vector<const json*> chosen;
  for (const auto& t : *threads)
    if (name.matches(t.value("name", ""))) chosen.push_back(&t);
  if (chosen.size() == 1) return chosen.front()->value("id", 0);
  std::string how =
      chosen.empty() ? "no thread matches" : std::to_string(chosen.size()) + " threads match";
  return failure(where, "thread: " + how + " " + name.describe() +
                            ", exactly one must\n  threads: " + listed(thread_names_of(*threads)));
}

StepResult run_expect_threads(RunContext& ctx, const scenario::Step& step,
                              const scenario::ExpectThreads& expect) {
  auto threads = fetch_threads(ctx);
  if (!threads) return infrastructure(step.loc, threads.error());
  std::vector<std::string> names = thread_names_of(*threads);
  Checks checks;
  if (expect.count) {
    if (auto mismatch = expect.count->check(static_cast<int>(names.size()), "threads.count")) {
      checks.fail(mismatch->where, mismatch->path + ": expected " + mismatch->expected + ", got " +
                                       mismatch->actual + "\n  threads: " + listed(names));
    }
  }
  for (const auto& wanted : expect.names) {
    bool found = false;
    for (const auto& n : names) found = found || wanted.matches(n);
    if (!found) {
      checks.fail(wanted.loc(), "threads.names: no thread matches " + wanted.describe() +
                                    "\n  threads: " + listed(names));
    }
  }
  for (const auto& [name, count] : expect.counts) {
    int matching = 0;
    for (const auto& n : names) matching += name.matches(n) ? 1 : 0;
    if (auto mismatch = count.check(matching, "threads.counts")) {
      checks.fail(mismatch->where, "threads.counts: expected " + mismatch->expected +
                                       " thread(s) matching " + name.describe() + ", got " +
                                       mismatch->actual + "\n  threads: " + listed(names));
    }
  }
  for (const auto& unwanted : expect.absent) {
    for (const auto& n : names) {
      if (unwanted.matches(n)) {
        checks.fail(unwanted.loc(), "threads.absent: thread \"" + n + "\" matches " +
                                        unwanted.describe() + ", none may");
        break;
      }
    }
  }
  return checks.result();
}

}  // namespace runner
