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

}  // namespace
}  // namespace util
