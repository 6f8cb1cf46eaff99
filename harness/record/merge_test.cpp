#include "harness/record/merge.h"

#include <gtest/gtest.h>

namespace record {
namespace {

Recording run_with(int line, const std::string& out, const std::string& value) {
  Recording r;
  RecordedStop stop;
  stop.action = "continue";
  stop.reason = "breakpoint";
  stop.breakpoint = "bp";
  stop.file = "main.go";
  stop.line = line;
  stop.function = "main.main";
  RecordedVar v{"m", value, "map[string]int", "m", 0, 2, 3, {}};
  v.children = {{"len()", "2", "int", "len(m)", 0, 0, std::nullopt, {}},
                {"\"a\"", "1", "string: int", "m[\"a\"]", 0, 0, std::nullopt, {}}};
  stop.locals = {v};
  r.stops = {stop};
  r.final_action = "continue";
  r.exit_code = 0;
  r.stdout_text = out;
  return r;
}

TEST(Merge, StepsFollowTheStopsAndOutputOrderThatVariesBecomesContains) {
  auto steps = merged_steps(
      {run_with(7, "start\nw1 done\nw2 done\n", "map[string]int [\"a\": 1, \"b\": 2, ]"),
       run_with(7, "start\nw2 done\nw1 done\n", "map[string]int [\"b\": 2, \"a\": 1, ]")},
      {});
  ASSERT_TRUE(steps.ok()) << steps.error().message;
  EXPECT_EQ(
      yaml_text(*steps, 2),
      "  - continue: {}\n"
      "  - expect_stop: {reason: breakpoint, at: bp, file: main.go, line: 7, function: main.main}\n"
      "  - expect_variables:\n"
      "      vars:\n"
      "        m:\n"
      "          value: {prefix: \"map[string]int [\"}\n"
      "          type: map[string]int\n"
      "          named: 2\n"
      "          count: 3\n"
      "          children:\n"
      "            len(): {value: 2, type: int, evaluate_name: len(m)}\n"
      "            \"\\\"a\\\"\": {value: 1, type: \"string: int\", evaluate_name: "
      "\"m[\\\"a\\\"]\"}\n"
      "  - continue: {}\n"
      "  - expect_output: {category: stdout, contains: start}\n"
      "  - expect_output: {category: stdout, contains: w1 done}\n"
      "  - expect_output: {category: stdout, contains: w2 done}\n"
      "  - expect_exit: {code: 0}\n");
}

TEST(Merge, RunsThatStopDifferentlyCannotBeRecorded) {
  auto steps = merged_steps({run_with(7, "", "1"), run_with(9, "", "1")}, {});
  ASSERT_FALSE(steps.ok());
  EXPECT_EQ(steps.error().message,
            "run 1 and run 2 differ at stop 1 (breakpoint at main.go:7 in main.main) versus stop 1 "
            "(breakpoint at main.go:9 in main.main): the program does not stop the same way every "
            "run");
}

}  // namespace
}  // namespace record
