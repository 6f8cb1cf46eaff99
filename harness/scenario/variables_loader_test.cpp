// Loader diagnostics of the variable keys (evaluate_name, absent, page), the `client:` map and
// the set_variable step.
#include <gtest/gtest.h>

#include "harness/scenario/loader.h"
#include "harness/scenario/loader_test_support.h"

namespace scenario {
namespace {

class VariablesLoaderTest : public testing::ScratchTree {
 protected:
  VariablesLoaderTest() : ScratchTree({"goprojects/kinds"}) {}

  // Loads `text` as scenarios/x.yaml; every diagnostic rendered, joined by blank lines.
  static std::string errors_of(std::string_view text) { return rendered(load_text(text)); }
  // Loads `text`, which must be valid.
  static Scenario valid(std::string_view text) { return only_scenario(load_text(text)); }
};

TEST_F(VariablesLoaderTest, ReadsEvaluateNameAbsentAndPage) {
  Scenario s = valid(
      "program: goprojects/kinds\n"
      "steps:\n"
      "  - expect_variables:\n"
      "      vars:\n"
      "        raw: {evaluate_name: raw, page: {filter: named}, count: 1}\n"
      "        nums:\n"
      "          page: {filter: indexed, start: 190, count: 10}\n"
      "          children:\n"
      "            \"[190]\": {value: \"570\"}\n"
      "            \"[63]\": {absent: true}\n"
      "        (shadow): {absent: true}\n");
  ASSERT_EQ(s.steps.size(), 1u);
  const auto& vars = std::get<ExpectVariables>(s.steps[0].kind).vars;
  ASSERT_EQ(vars.size(), 3u);
  ASSERT_TRUE(vars[0].evaluate_name);
  EXPECT_EQ(vars[0].evaluate_name->describe(), "\"raw\"");
  ASSERT_EQ(vars[0].pages.size(), 1u);
  EXPECT_EQ(vars[0].pages[0].filter, "named");
  EXPECT_EQ(vars[0].pages[0].start, 0);
  EXPECT_EQ(vars[0].pages[0].count, 0);
  ASSERT_EQ(vars[1].pages.size(), 1u);
  EXPECT_EQ(vars[1].pages[0].filter, "indexed");
  EXPECT_EQ(vars[1].pages[0].start, 190);
  EXPECT_EQ(vars[1].pages[0].count, 10);
  ASSERT_EQ(vars[1].children.size(), 2u);
  EXPECT_FALSE(vars[1].children[0].absent);
  EXPECT_TRUE(vars[1].children[1].absent);
  EXPECT_TRUE(vars[2].absent);
}

TEST_F(VariablesLoaderTest, PageMayBeAListOfPagesCountedTogether) {
  Scenario s = valid(
      "program: goprojects/kinds\n"
      "steps:\n"
      "  - expect_variables:\n"
      "      vars:\n"
      "        m:\n"
      "          page: [{filter: indexed, count: 33}, {filter: indexed, start: 33, count: 33}]\n"
      "          count: 66\n"
      "          distinct: 66\n");
  const auto& var = std::get<ExpectVariables>(s.steps[0].kind).vars.at(0);
  ASSERT_EQ(var.pages.size(), 2u);
  EXPECT_EQ(var.pages[1].start, 33);
  ASSERT_TRUE(var.distinct);
  EXPECT_TRUE(var.distinct->matches(66));
  EXPECT_EQ(errors_of("program: goprojects/kinds\n"
                      "steps:\n"
                      "  - expect_variables: {vars: {m: {page: [], count: 1}}}\n"),
            "scenarios/x.yaml:3:41: error: 'page' needs at least one page\n"
            "  - expect_variables: {vars: {m: {page: [], count: 1}}}\n"
            "                                        ^");
}

TEST_F(VariablesLoaderTest, AbsentTakesNoOtherExpectation) {
  EXPECT_EQ(errors_of("program: goprojects/kinds\n"
                      "steps:\n"
                      "  - expect_variables:\n"
                      "      vars:\n"
                      "        x: {absent: true, type: int, children: {a: {}}}\n"),
            "scenarios/x.yaml:5:27: error: variable 'x' is expected to be absent: 'type' cannot "
            "be checked\n"
            "        x: {absent: true, type: int, children: {a: {}}}\n"
            "                          ^\n\n"
            "scenarios/x.yaml:5:38: error: variable 'x' is expected to be absent: 'children' "
            "cannot be checked\n"
            "        x: {absent: true, type: int, children: {a: {}}}\n"
            "                                     ^");
}

TEST_F(VariablesLoaderTest, AbsentIsABoolean) {
  EXPECT_EQ(errors_of("program: goprojects/kinds\n"
                      "steps:\n"
                      "  - expect_variables: {vars: {x: {absent: yes}}}\n"),
            "scenarios/x.yaml:3:43: error: 'absent' must be true or false, got string \"yes\"\n"
            "  - expect_variables: {vars: {x: {absent: yes}}}\n"
            "                                          ^");
}

TEST_F(VariablesLoaderTest, VariableKeyTypoGetsASuggestion) {
  EXPECT_EQ(errors_of("program: goprojects/kinds\n"
                      "steps:\n"
                      "  - expect_variables: {vars: {x: {evaluateName: x}}}\n"),
            "scenarios/x.yaml:3:35: error: unknown key 'evaluateName' (did you mean "
            "'evaluate_name'?)\n"
            "  - expect_variables: {vars: {x: {evaluateName: x}}}\n"
            "                                  ^");
}

TEST_F(VariablesLoaderTest, PageNeedsAFilterAndValidNumbers) {
  EXPECT_EQ(errors_of("program: goprojects/kinds\n"
                      "steps:\n"
                      "  - expect_variables:\n"
                      "      vars:\n"
                      "        a: {page: {start: 1}, count: 1}\n"
                      "        b: {page: {filter: indexed, start: -1, count: 0}, count: 1}\n"
                      "        c: {page: {filter: indexed, cnt: 2}, count: 1}\n"),
            "scenarios/x.yaml:5:19: error: missing required key 'filter' in 'page'\n"
            "        a: {page: {start: 1}, count: 1}\n"
            "                  ^\n\n"
            "scenarios/x.yaml:6:44: error: 'start' must be at least 0, got -1\n"
            "        b: {page: {filter: indexed, start: -1, count: 0}, count: 1}\n"
            "                                           ^\n\n"
            "scenarios/x.yaml:6:55: error: 'count' must be at least 1, got 0\n"
            "        b: {page: {filter: indexed, start: -1, count: 0}, count: 1}\n"
            "                                                      ^\n\n"
            "scenarios/x.yaml:7:37: error: unknown key 'cnt' (did you mean 'count'?)\n"
            "        c: {page: {filter: indexed, cnt: 2}, count: 1}\n"
            "                                    ^");
}

TEST_F(VariablesLoaderTest, ReadsClientCapabilities) {
  Scenario s = valid(
      "program: goprojects/kinds\n"
      "client: {supportsVariablePaging: false, supportsMemoryReferences: true}\n");
  EXPECT_EQ(s.client_capabilities,
            (std::map<std::string, bool>{{"supportsMemoryReferences", true},
                                         {"supportsVariablePaging", false}}));
}

TEST_F(VariablesLoaderTest, ClientCapabilityMustBeABoolean) {
  EXPECT_EQ(
      errors_of("program: goprojects/kinds\n"
                "client: {supportsVariablePaging: off}\n"),
      "scenarios/x.yaml:2:34: error: 'supportsVariablePaging' must be true or false, got string "
      "\"off\"\n"
      "client: {supportsVariablePaging: off}\n"
      "                                 ^");
}

TEST_F(VariablesLoaderTest, ReadsSetVariableWithItsExpectation) {
  Scenario s = valid(
      "program: goprojects/kinds\n"
      "steps:\n"
      "  - set_variable: {name: cfg.Name, value: '\"x\"', scope: Locals, frame: 1}\n"
      "    expect: {value: '\"x\"', type: string}\n"
      "  - set_variable: {name: n, value: abc}\n"
      "    expect: {error: {contains: abc}}\n");
  ASSERT_EQ(s.steps.size(), 2u);
  const auto& set = std::get<SetVariable>(s.steps[0].kind);
  EXPECT_EQ(set.name, "cfg.Name");
  EXPECT_EQ(set.value, "\"x\"");
  EXPECT_EQ(set.scope, "Locals");
  EXPECT_EQ(set.frame, 1);
  ASSERT_TRUE(set.result && set.type);
  EXPECT_EQ(set.result->describe(), "\"\\\"x\\\"\"");
  EXPECT_FALSE(set.error);
  const auto& failing = std::get<SetVariable>(s.steps[1].kind);
  EXPECT_EQ(failing.frame, 0);
  ASSERT_TRUE(failing.error);
  EXPECT_EQ(failing.error->describe(), "contains \"abc\"");
}

TEST_F(VariablesLoaderTest, SetVariableNeedsNameAndValue) {
  EXPECT_EQ(errors_of("program: goprojects/kinds\n"
                      "steps:\n"
                      "  - set_variable: {}\n"
                      "  - set_variable: {name: n, vlaue: 1}\n"),
            "scenarios/x.yaml:3:19: error: missing required key 'name' in 'set_variable'\n"
            "  - set_variable: {}\n"
            "                  ^\n\n"
            "scenarios/x.yaml:3:19: error: missing required key 'value' in 'set_variable'\n"
            "  - set_variable: {}\n"
            "                  ^\n\n"
            "scenarios/x.yaml:4:19: error: missing required key 'value' in 'set_variable'\n"
            "  - set_variable: {name: n, vlaue: 1}\n"
            "                  ^\n\n"
            "scenarios/x.yaml:4:29: error: unknown key 'vlaue' (did you mean 'value'?)\n"
            "  - set_variable: {name: n, vlaue: 1}\n"
            "                            ^");
}

TEST_F(VariablesLoaderTest, SetVariableExpectHoldsValueOrError) {
  EXPECT_EQ(errors_of("program: goprojects/kinds\n"
                      "steps:\n"
                      "  - set_variable: {name: n, value: 1}\n"
                      "    expect: {value: 1, error: x}\n"
                      "  - set_variable: {name: n, value: 1}\n"
                      "    expect: {result: 1}\n"),
            "scenarios/x.yaml:4:24: error: 'expect' holds either 'error' or 'value'/'type', not "
            "'value' and 'error'\n"
            "    expect: {value: 1, error: x}\n"
            "                       ^\n\n"
            "scenarios/x.yaml:6:14: error: unknown key 'result'; allowed keys: value, type, error\n"
            "    expect: {result: 1}\n"
            "             ^");
}

TEST_F(VariablesLoaderTest, ExpectBelongsToEvaluateAndSetVariable) {
  EXPECT_EQ(errors_of("program: goprojects/kinds\n"
                      "steps:\n"
                      "  - {continue: {}, expect: {value: 1}}\n"),
            "scenarios/x.yaml:3:20: error: 'expect' is only allowed with 'evaluate', "
            "'set_variable' and 'request'\n"
            "  - {continue: {}, expect: {value: 1}}\n"
            "                   ^");
}

}  // namespace
}  // namespace scenario
