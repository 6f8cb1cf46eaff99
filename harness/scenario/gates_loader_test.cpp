// Loader diagnostics of requires:, strict:, allow_events:, captures (save: / ${name}) and
// expect_output's in_order.
#include <gtest/gtest.h>

#include "harness/scenario/captures.h"
#include "harness/scenario/loader.h"
#include "harness/scenario/loader_test_support.h"

namespace scenario {
namespace {

class GatesLoaderTest : public testing::ScratchTree {
 protected:
  GatesLoaderTest() : ScratchTree({"goprojects/p"}) {}

  // The first line of every diagnostic of `text` (loaded as scenarios/x.yaml), one per line.
  static std::string errors_of(std::string_view text) { return first_lines(load_text(text)); }
  static Scenario valid(std::string_view text) { return only_scenario(load_text(text)); }
};

TEST_F(GatesLoaderTest, RequiresIsReadWithItsRanges) {
  auto s = valid(
      "program: goprojects/p\n"
      "requires:\n"
      "  dlv: '>=1.21.1, <1.30'\n"
      "  go: '==1.22'\n"
      "  os: linux\n"
      "  capabilities: [supportsLogPoints]\n");
  ASSERT_TRUE(s.requirements.dlv.has_value());
  EXPECT_EQ(s.requirements.dlv->text, ">=1.21.1, <1.30");
  EXPECT_TRUE(s.requirements.dlv->contains({1, 21, 1}));
  EXPECT_TRUE(s.requirements.dlv->contains({1, 29, 9}));
  EXPECT_FALSE(s.requirements.dlv->contains({1, 21, 0}));
  EXPECT_FALSE(s.requirements.dlv->contains({1, 30, 0}));
  ASSERT_TRUE(s.requirements.go.has_value());
  EXPECT_TRUE(s.requirements.go->contains({1, 22, 0}));
  EXPECT_FALSE(s.requirements.go->contains({1, 22, 1}));
  EXPECT_EQ(s.requirements.os, "linux");
  EXPECT_EQ(s.requirements.capabilities, std::vector<std::string>{"supportsLogPoints"});
}

TEST_F(GatesLoaderTest, RequiresProblems) {
  EXPECT_EQ(errors_of("program: goprojects/p\n"
                      "requires:\n"
                      "  dlv: '1.21'\n"
                      "  go: '>=1.x'\n"
                      "  os: linx\n"
                      "  capabilities: [supportsLogPoint]\n"
                      "  dvl: '>=1'\n"),
            "scenarios/x.yaml:3:8: error: version range '1.21': '1.21' needs a comparison (>=, >, "
            "<=, <, ==) before the version\n"
            "scenarios/x.yaml:4:7: error: version range '>=1.x': '1.x' is not a version (1 to 3 "
            "numbers such as 1.21.1)\n"
            "scenarios/x.yaml:5:7: error: unknown os 'linx' (did you mean 'linux'?)\n"
            "scenarios/x.yaml:6:18: error: unknown DAP capability 'supportsLogPoint' (did you "
            "mean 'supportsLogPoints'?)\n"
            "scenarios/x.yaml:7:3: error: unknown key 'dvl' (did you mean 'dlv'?)\n");
}

TEST_F(GatesLoaderTest, StrictAndAllowEvents) {
  auto s = valid("program: goprojects/p\nstrict: false\nallow_events: [invalidated]\n");
  EXPECT_EQ(s.strict, false);
  EXPECT_EQ(s.strict_loc.str(), "scenarios/x.yaml:2:1");
  EXPECT_EQ(s.allow_events, std::vector<std::string>{"invalidated"});
  EXPECT_EQ(
      errors_of("program: goprojects/p\nstrict: yes please\nalow_events: []\n"),
      "scenarios/x.yaml:2:9: error: 'strict' must be true or false, got string \"yes please\"\n"
      "scenarios/x.yaml:3:1: error: unknown key 'alow_events' (did you mean "
      "'allow_events'?)\n");
}

TEST_F(GatesLoaderTest, CapturesMustBeSavedByAnEarlierStep) {
  EXPECT_EQ(errors_of("program: goprojects/p\n"
                      "steps:\n"
                      "  - evaluate: {expr: 'x + ${later}', save: first}\n"
                      "  - evaluate: {expr: '${frist}'}\n"
                      "  - evaluate: {expr: '${later}', save: later}\n"
                      "  - expect_variables: {vars: {n: {value: '${nope}', save: 9lives}}}\n"),
            "scenarios/x.yaml:3:22: error: unknown capture '${later}': no earlier step saves "
            "'later'\n"
            "scenarios/x.yaml:4:22: error: unknown capture '${frist}': no earlier step saves "
            "'frist' (did you mean 'first'?)\n"
            "scenarios/x.yaml:5:22: error: unknown capture '${later}': no earlier step saves "
            "'later'; saved so far: first\n"
            "scenarios/x.yaml:6:42: error: unknown capture '${nope}': no earlier step saves "
            "'nope'; saved so far: first, later\n"
            "scenarios/x.yaml:6:59: error: capture name '9lives' must be letters, digits and "
            "'_', not starting with a digit\n");
}

TEST_F(GatesLoaderTest, CapturesOnlyInStepsThatSubstitute) {
  EXPECT_EQ(errors_of("program: goprojects/p\n"
                      "steps:\n"
                      "  - evaluate: {expr: 'x', save: x}\n"
                      "  - expect_exit: {code: '${x}'}\n"
                      "  - continue: {}\n"
                      "  - expect_threads: {count: '${x}'}\n"),
            "scenarios/x.yaml:6:5: error: 'expect_threads' takes no captures (${name} works in "
            "evaluate, set_variable, expect_stop, expect_variables, expect_output, "
            "expect_exit, request)\n");
}

TEST_F(GatesLoaderTest, PatternWithCaptureIsCheckedWithASampleAndKeptUncompiled) {
  auto s = valid(
      "program: goprojects/p\n"
      "steps:\n"
      "  - evaluate: {expr: 'x', save: addr}\n"
      "  - evaluate: {expr: 'y'}\n"
      "    expect: {result: {matches: '^${addr}$'}}\n");
  const auto& evaluate = std::get<Evaluate>(s.steps[1].kind);
  ASSERT_TRUE(evaluate.result.has_value());
  EXPECT_EQ(evaluate.result->describe(), "matches /^${addr}$/");
  EXPECT_FALSE(evaluate.result->matches("^${addr}$"));  // uncompiled: matches nothing
  EXPECT_EQ(errors_of("program: goprojects/p\n"
                      "steps:\n"
                      "  - evaluate: {expr: 'x', save: addr}\n"
                      "  - evaluate: {expr: 'y'}\n"
                      "    expect: {result: {matches: '(${addr}'}}\n"),
            "scenarios/x.yaml:5:32: error: invalid regular expression /(0/: missing )\n");
}

TEST_F(GatesLoaderTest, OutputInOrder) {
  auto s = valid(
      "program: goprojects/p\n"
      "steps:\n"
      "  - expect_output: {category: stderr, in_order: [a, {matches: '^b$'}]}\n");
  const auto& output = std::get<ExpectOutput>(s.steps[0].kind);
  EXPECT_FALSE(output.text.has_value());
  ASSERT_EQ(output.in_order.size(), 2u);
  EXPECT_EQ(output.in_order[1].describe(), "matches /^b$/");
  EXPECT_EQ(errors_of("program: goprojects/p\n"
                      "steps:\n"
                      "  - expect_output: {in_order: []}\n"
                      "  - expect_output: {in_order: [{prefx: a}]}\n"
                      "  - expect_output: {in_ordr: [a]}\n"),
            "scenarios/x.yaml:3:31: error: 'in_order' must be a non-empty list of matchers, got "
            "list\n"
            "scenarios/x.yaml:4:33: error: unknown matcher 'prefx' (did you mean 'prefix'?)\n"
            "scenarios/x.yaml:5:21: error: unknown key 'in_ordr' (did you mean 'in_order'?)\n");
}

TEST(Captures, PlaceholdersAndSubstitution) {
  auto found = find_placeholders("a ${x} $y ${2} ${_b1}${x");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].name, "x");
  EXPECT_EQ(found[0].offset, 2u);
  EXPECT_EQ(found[1].name, "_b1");
  EXPECT_EQ(*substitute("n - ${x}${x}", {{"x", "1"}}), "n - 11");
  auto missing = substitute("${y}", {{"x", "1"}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message,
            "capture 'y' has no value (the step that saves it did not run)");
}

TEST(Captures, DoubledDollarIsALiteralPlaceholderText) {
  auto found = find_placeholders("a $${x} ${y}");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_TRUE(found[0].escape);
  EXPECT_EQ(found[0].offset, 2u);
  EXPECT_EQ(found[1].name, "y");
  EXPECT_EQ(*substitute("a $${x} ${y}", {{"y", "1"}}), "a ${x} 1");
  EXPECT_EQ(*substitute("$${", {}), "${");
}

}  // namespace
}  // namespace scenario
