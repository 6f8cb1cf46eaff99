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
  EXPECT_EQ(outcome.changed_lines, (std::vector<int>{3, 6, 8, 9}));
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

TEST(ScalarEdit, DiffShowsEachChangedLine) {
  auto outcome = edit_scalars(kFile, {{at(9, 25), "0", 3}});
  EXPECT_EQ(scalar_diff("s.yaml", kFile, outcome.text, outcome.changed_lines),
            "--- s.yaml\n+++ s.yaml (updated)\n@@ line 9 @@\n"
            "-  - expect_exit: {code: 0}\n+  - expect_exit: {code: 3}\n");
}

}  // namespace
}  // namespace scenario
