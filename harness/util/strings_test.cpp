#include "harness/util/strings.h"

#include <gtest/gtest.h>

namespace util {
namespace {

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("line", "line"), 0u);
  EXPECT_EQ(edit_distance("line", "linee"), 1u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
}

TEST(DidYouMean, SuggestsTheClosestPlausibleCandidate) {
  std::vector<std::string> keys = {"line", "condition", "hitCondition", "id"};
  EXPECT_EQ(did_you_mean("linee", keys), "line");
  EXPECT_EQ(did_you_mean("conditon", keys), "condition");
  EXPECT_EQ(did_you_mean("hitcondition", keys), "hitCondition");
  EXPECT_EQ(did_you_mean("zzzzzzzz", keys), "");
}

TEST(DidYouMean, AcceptsAPrefixRelation) {
  EXPECT_EQ(did_you_mean("expect_var", {"expect_variables", "evaluate"}), "expect_variables");
}

TEST(Strings, TrimSplitJoin) {
  EXPECT_EQ(trim("  a b \r\n"), "a b");
  EXPECT_EQ(trim(" \t "), "");
  EXPECT_EQ(split("a,,b", ','), (std::vector<std::string>{"a", "", "b"}));
  EXPECT_EQ(join({"a", "b", "c"}, ", "), "a, b, c");
}

TEST(Strings, TailLinesKeepsTheLastLines) {
  EXPECT_EQ(tail_lines("a\nb\nc\n", 2), "b\nc\n");
  EXPECT_EQ(tail_lines("a\nb\nc", 2), "b\nc");
  EXPECT_EQ(tail_lines("a\nb", 5), "a\nb");
  EXPECT_EQ(tail_lines("a\nb", 0), "");
}

TEST(Strings, QuoteEscapesControlBytes) {
  EXPECT_EQ(quote("a\"b\n\x01"), "\"a\\\"b\\n\\x01\"");
}

TEST(FindNotText, PointsAtTheFirstByteThatIsNotUtf8Text) {
  EXPECT_FALSE(find_not_text("plain\nand \xc3\xa9t\xc3\xa9 \xf0\x9f\x90\xb9\n").has_value());
  auto nul = find_not_text(std::string_view("ab\ncd\0", 6));
  ASSERT_TRUE(nul);
  EXPECT_EQ(nul->offset, 5u);
  EXPECT_EQ(nul->line, 2);
  EXPECT_EQ(nul->col, 3);
  EXPECT_STREQ(nul->what, "a NUL byte");
  // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8 either: nlohmann::json
  // throws when it has to write them.
  for (std::string_view bad : {"\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf0\x80\x80\xaf",
                               "\xf4\x90\x80\x80", "\xf7\x8f\x8d", "\xfe", "\xc3"}) {
    auto at = find_not_text(std::string("x") + std::string(bad));
    ASSERT_TRUE(at) << quote(bad);
    EXPECT_EQ(at->col, 2);
    EXPECT_STREQ(at->what, "invalid UTF-8");
  }
}

}  // namespace
}  // namespace util
