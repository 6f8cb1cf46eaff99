#include "harness/scenario/scalar_edit.h"

#include <gtest/gtest.h>

namespace scenario {
namespace {

util::SourceLoc at(int line, int col) {
  return util::SourceLoc{"s.yaml", line, col};
}

constexpr const char* kFile =
    "# a comment that stays\n"
    "steps:\n"
    "  - expect_stop: {reason: breakpoint, line: 12}   # trailing comment\n"
    "  - expect_variables:\n"
    "      vars:\n"
    "        a: {value: \"[3]int [1,2,4]\", type: '[3]int'}\n"
    "        b:\n"
    "          value: plain text # note\n"
    "  - expect_exit: {code: 0}\n";

TEST(ScalarEdit, ReplacesOnlyTheNamedScalarsInTheirOwnStyle) {
  auto outcome = edit_scalars(kFile, {{at(3, 45), "12", 13},
                                      {at(6, 20), "[3]int [1,2,4]", "[3]int [1,2,3]"},
                                      {at(6, 44), "[3]int", "[3]int's"},
                                      {at(8, 18), "plain text", "other text"},
                                      {at(9, 25), "0", 2}});
  EXPECT_TRUE(outcome.refused.empty());
  EXPECT_EQ(outcome.text,
            "# a comment that stays\n"
            "steps:\n"
            "  - expect_stop: {reason: breakpoint, line: 13}   # trailing comment\n"
            "  - expect_variables:\n"
            "      vars:\n"
            "        a: {value: \"[3]int [1,2,3]\", type: '[3]int''s'}\n"
            "        b:\n"
            "          value: other text # note\n"
            "  - expect_exit: {code: 2}\n");
  EXPECT_EQ(outcome.applied, 5);
}

TEST(ScalarEdit, PlainBecomesQuotedWhenTheValueWouldNotReadBack) {
  auto outcome = edit_scalars(
      kFile, {{at(8, 18), "plain text", "a: b # c"}, {at(3, 27), "breakpoint", "x, y"}});
  ASSERT_TRUE(outcome.refused.empty());
  EXPECT_NE(outcome.text.find("value: \"a: b # c\" # note"), std::string::npos) << outcome.text;
  EXPECT_NE(outcome.text.find("{reason: \"x, y\", line: 12}"), std::string::npos) << outcome.text;
}

TEST(ScalarEdit, EscapesControlCharactersAndKeepsUtf8) {
  auto outcome = edit_scalars(kFile, {{at(6, 20), "[3]int [1,2,4]", "tab\there\n\"é\""}});
  ASSERT_TRUE(outcome.refused.empty());
  EXPECT_NE(outcome.text.find(R"(value: "tab\there\n\"é\"")"), std::string::npos);
}

TEST(ScalarEdit, RefusesWhatItCannotRewriteSafely) {
  std::string file =
      "a: |\n"
      "  block\n"
      "b: \"${saved}\"\n"
      "c: \"multi\n"
      "  line\"\n"
      "d: 5\n";
  auto outcome = edit_scalars(file, {{at(1, 4), "block\n", "x"},
                                     {at(3, 4), "${saved}", "x"},
                                     {at(4, 4), "multi line", "x"},
                                     {at(6, 4), "6", 7},
                                     {at(40, 1), "x", "y"}});
  EXPECT_EQ(outcome.text, file);
  ASSERT_EQ(outcome.refused.size(), 5u);
  std::vector<std::string> why;
  for (const auto& [edit, reason] : outcome.refused) why.push_back(reason);
  EXPECT_EQ(why, (std::vector<std::string>{
                     "no such position", "the file no longer holds \"6\" there",
                     "a quoted value that spans lines is left as written",
                     "holds a ${name} placeholder", "a block scalar (| or >) is left as written"}));
}

ScalarEdit appended(int line, int col, nlohmann::json value) {
  return {at(line, col), "any_of", std::move(value), R"({dlv: "==1.27.2"})", true};
}

// A value that already has alternatives gets dlv's answer as the last one, in the list's own form.
TEST(ScalarEdit, AddsAnAlternativeToAFlowList) {
  std::string file =
      "a: {any_of: [\"x, ]\", {eq: 'y]'}]}  # stays\n"
      "b:\n"
      "  any_of: [1,\n"
      "    2  # a comment with ] in it\n"
      "  ]\n";
  auto outcome = edit_scalars(file, {appended(1, 5, "z"), appended(3, 3, 3)});
  ASSERT_TRUE(outcome.refused.empty());
  EXPECT_EQ(outcome.applied, 2);
  EXPECT_EQ(outcome.text,
            "a: {any_of: [\"x, ]\", {eq: 'y]'}, {eq: z, when: {dlv: \"==1.27.2\"}}]}  # stays\n"
            "b:\n"
            "  any_of: [1,\n"
            "    2, {eq: 3, when: {dlv: \"==1.27.2\"}}  # a comment with ] in it\n"
            "  ]\n");
}

TEST(ScalarEdit, AddsAnAlternativeAfterTheLastItemOfABlockList) {
  std::string file =
      "function:\n"
      "  any_of:   # why\n"
      "    - {eq: main.main.func1, when: {go: \"<1.22\"}}\n"
      "\n"
      "    - eq: main.main.gowrap1\n"
      "      when: {go: \">=1.22\"}\n"
      "  # trailing comment\n"
      "type:\n"
      "  any_of:\n"
      "  - int\n"
      "  - \"a: b\"\n"
      "next: 1";
  auto outcome = edit_scalars(file, {appended(2, 3, "main.main.f"), appended(9, 3, "a: c")});
  ASSERT_TRUE(outcome.refused.empty());
  EXPECT_EQ(outcome.text,
            "function:\n"
            "  any_of:   # why\n"
            "    - {eq: main.main.func1, when: {go: \"<1.22\"}}\n"
            "\n"
            "    - eq: main.main.gowrap1\n"
            "      when: {go: \">=1.22\"}\n"
            "    - {eq: main.main.f, when: {dlv: \"==1.27.2\"}}\n"
            "  # trailing comment\n"
            "type:\n"
            "  any_of:\n"
            "  - int\n"
            "  - \"a: b\"\n"
            "  - {eq: \"a: c\", when: {dlv: \"==1.27.2\"}}\n"
            "next: 1");
}

TEST(ScalarEdit, RefusesAnAlternativeWhereThereIsNoAnyOfList) {
  std::string file =
      "a: {all_of: [x]}\n"
      "b: {any_of: [x, y}\n"
      "c:\n"
      "  any_of: *alias\n"
      "d:\n"
      "  any_of:\n"
      "  e: 1\n";
  auto outcome = edit_scalars(
      file, {appended(1, 5, 1), appended(2, 5, 1), appended(4, 3, 1), appended(6, 3, 1)});
  EXPECT_EQ(outcome.text, file);
  std::vector<std::string> why;
  for (const auto& [edit, reason] : outcome.refused) why.push_back(reason);
  EXPECT_EQ(why, (std::vector<std::string>{"no list after 'any_of'",
                                           "the any_of list is neither [ ] nor a block list",
                                           "the any_of list is not closed",
                                           "no 'any_of' key there"}));
}

}  // namespace
}  // namespace scenario
