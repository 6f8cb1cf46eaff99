#include "harness/report/timings.h"

#include <gtest/gtest.h>

namespace report {
namespace {

using std::chrono::microseconds;

runner::ScenarioResult session(std::vector<util::Phase> phases) {
  runner::ScenarioResult r;
  r.phases = std::move(phases);
  return r;
}

// Medians and totals per phase in the order sessions reach them; a session that ended early
// (no steps) counts only for the phases it reached; a skipped one (no phases) not at all.
TEST(Timings, MedianAndTotalPerPhaseThenTheProcess) {
  std::vector<runner::ScenarioResult> results = {
      session({{"build", microseconds(300)},
               {"dlv start", microseconds(40000)},
               {"steps", microseconds(9000)}}),
      session({{"build", microseconds(500)},
               {"dlv start", microseconds(42000)},
               {"steps", microseconds(11000)}}),
      session({{"build", microseconds(100)}, {"dlv start", microseconds(41000)}}),
      session({}),
  };
  std::string text =
      timings_text(results, {{"load", microseconds(2500)}, {"tools", microseconds(21000)}});
  EXPECT_EQ(text,
            "harness: timings of 3 session(s): phase, median, total (sessions)\n"
            "  build              0.3 ms         0.9 ms  (3)\n"
            "  dlv start         41.0 ms       123.0 ms  (3)\n"
            "  steps             10.0 ms        20.0 ms  (2)\n"
            "  session           49.3 ms       143.9 ms  (3)\n"
            "harness: timings of this process: load 2.5 ms, tools 21.0 ms\n");
}

TEST(Timings, NothingTimedIsNoText) {
  EXPECT_EQ(timings_text({session({})}, {}), "");
}

}  // namespace
}  // namespace report
