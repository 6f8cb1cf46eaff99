// Loader diagnostics of what dlv answers about breakpoints: `resolved` on a breakpoint entry and
// `hit_breakpoint_ids` on expect_stop.
#include <gtest/gtest.h>

#include "harness/scenario/loader.h"
#include "harness/scenario/loader_test_support.h"

namespace scenario {
namespace {

class BreakpointResponsesLoaderTest : public testing::ScratchTree {
 protected:
  BreakpointResponsesLoaderTest() : ScratchTree({"goprojects/basics"}) {}

  // Loads "program: goprojects/basics\n" + `rest`; every diagnostic rendered.
  static std::string errors_of(std::string_view rest) {
    return rendered(load_text(std::string(kHead) + std::string(rest)));
  }
  // Loads "program: goprojects/basics\n" + `rest`, which must be valid.
  static Scenario valid(std::string_view rest) {
    return only_scenario(load_text(std::string(kHead) + std::string(rest)));
  }

  static constexpr std::string_view kHead = "program: goprojects/basics\n";
};

TEST_F(BreakpointResponsesLoaderTest, ResolvedOnLineAndFunctionBreakpoints) {
  Scenario s = valid(
      "breakpoints:\n"
      "  main.go: [{line: 3, resolved: {file: main.go, line: 3}}]\n"
      "function_breakpoints:\n"
      "  - {function: fmt.Println, resolved: {file: {contains: fmt/print.go}}}\n");
  const auto& line = s.breakpoints.at(0).breakpoints.at(0).verification.resolved;
  ASSERT_TRUE(line);
  EXPECT_EQ(line->file->describe(), "\"main.go\"");
  EXPECT_EQ(line->line->describe(), "3");
  const auto& function = s.function_breakpoints.at(0).verification.resolved;
  ASSERT_TRUE(function);
  EXPECT_EQ(function->file->describe(), "contains \"fmt/print.go\"");
  EXPECT_FALSE(function->line);
}

TEST_F(BreakpointResponsesLoaderTest, ResolvedNeedsAVerifiedBreakpoint) {
  EXPECT_EQ(errors_of("breakpoints:\n"
                      "  main.go: [{line: 2, verified: false, resolved: {line: 3}}]\n"),
            "scenarios/x.yaml:3:40: error: 'resolved' needs a verified breakpoint (dlv places no "
            "unverified one)\n"
            "  main.go: [{line: 2, verified: false, resolved: {line: 3}}]\n"
            "                                       ^");
}

TEST_F(BreakpointResponsesLoaderTest, ResolvedNeedsFileOrLine) {
  EXPECT_EQ(errors_of("function_breakpoints:\n"
                      "  - {function: main.main, resolved: {}}\n"),
            "scenarios/x.yaml:3:37: error: 'resolved' needs 'file' or 'line'\n"
            "  - {function: main.main, resolved: {}}\n"
            "                                    ^");
}

TEST_F(BreakpointResponsesLoaderTest, ResolvedTakesOnlyFileAndLine) {
  EXPECT_EQ(errors_of("function_breakpoints:\n"
                      "  - {function: main.main, resolved: {name: main.main}}\n"),
            "scenarios/x.yaml:3:38: error: unknown key 'name'; allowed keys: file, line\n"
            "  - {function: main.main, resolved: {name: main.main}}\n"
            "                                     ^");
}

TEST_F(BreakpointResponsesLoaderTest, HitBreakpointIdsListOrAbsent) {
  Scenario s = valid(
      "steps:\n"
      "  - expect_stop: {hit_breakpoint_ids: [-1, {matches: '^[0-9]+$'}]}\n"
      "  - expect_stop: {hit_breakpoint_ids: []}\n"
      "  - expect_stop: {hit_breakpoint_ids: {absent: true}}\n");
  const auto& list = std::get<ExpectStop>(s.steps.at(0).kind).hit_breakpoint_ids;
  ASSERT_TRUE(list);
  EXPECT_FALSE(list->absent);
  ASSERT_EQ(list->ids.size(), 2u);
  EXPECT_EQ(list->ids[0].describe(), "-1");
  EXPECT_EQ(list->ids[1].describe(), "matches /^[0-9]+$/");
  const auto& empty = std::get<ExpectStop>(s.steps.at(1).kind).hit_breakpoint_ids;
  ASSERT_TRUE(empty);
  EXPECT_FALSE(empty->absent);
  EXPECT_TRUE(empty->ids.empty());
  const auto& absent = std::get<ExpectStop>(s.steps.at(2).kind).hit_breakpoint_ids;
  ASSERT_TRUE(absent);
  EXPECT_TRUE(absent->absent);
}

TEST_F(BreakpointResponsesLoaderTest, HitBreakpointIdsRejectsOtherShapes) {
  EXPECT_EQ(errors_of("steps:\n"
                      "  - expect_stop: {hit_breakpoint_ids: 0}\n"
                      "  - expect_stop: {hit_breakpoint_ids: {absent: false}}\n"
                      "  - expect_stop: {hit_breakpoint_ids: {eq: 0}}\n"
                      "  - expect_stop: {hit_breakpoint_ids: {}}\n"
                      "  - expect_stop: {hit_breakpoint_ids: [{eq: [0]}]}\n"),
            "scenarios/x.yaml:3:39: error: 'hit_breakpoint_ids' must be a list of matchers or "
            "{absent: true}, got number 0\n"
            "  - expect_stop: {hit_breakpoint_ids: 0}\n"
            "                                      ^\n"
            "\n"
            "scenarios/x.yaml:4:48: error: 'absent' must be true\n"
            "  - expect_stop: {hit_breakpoint_ids: {absent: false}}\n"
            "                                               ^\n"
            "\n"
            "scenarios/x.yaml:5:40: error: unknown key 'eq'; allowed keys: absent\n"
            "  - expect_stop: {hit_breakpoint_ids: {eq: 0}}\n"
            "                                       ^\n"
            "\n"
            "scenarios/x.yaml:6:39: error: 'hit_breakpoint_ids' must be a list of matchers or "
            "{absent: true}, got map\n"
            "  - expect_stop: {hit_breakpoint_ids: {}}\n"
            "                                      ^\n"
            "\n"
            "scenarios/x.yaml:7:45: error: operand of 'eq' must be a scalar, got list\n"
            "  - expect_stop: {hit_breakpoint_ids: [{eq: [0]}]}\n"
            "                                            ^");
}

}  // namespace
}  // namespace scenario
