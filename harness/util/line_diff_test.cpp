#include "harness/util/line_diff.h"

#include <gtest/gtest.h>

namespace util {
namespace {

TEST(LineDiff, SameLinesGiveNoDiff) {
  EXPECT_EQ(line_diff("a\nb\n", "a\nb\n", "x", "y"), "");
  EXPECT_EQ(line_diff("", "", "x", "y"), "");
}

TEST(LineDiff, AChangedLineIsOneHunk) {
  EXPECT_EQ(line_diff("a\nb\nc\n", "a\nB\nc\n", "f", "f (updated)"),
            "--- f\n+++ f (updated)\n@@ -2 +2 @@\n-b\n+B\n");
}

// An inserted line shifts the lines after it, which are still the same lines.
TEST(LineDiff, AnInsertedLineShiftsNothingElse) {
  EXPECT_EQ(line_diff("a\nb\nc\nd\n", "a\nb\nnew\nc\nD\n", "f", "g"),
            "--- f\n+++ g\n@@ -2,0 +3 @@\n+new\n@@ -4 +5 @@\n-d\n+D\n");
}

TEST(LineDiff, RemovedLinesAndALastLineWithoutNewline) {
  EXPECT_EQ(line_diff("a\nb\nc", "a", "f", "g"), "--- f\n+++ g\n@@ -2,2 +1,0 @@\n-b\n-c\n");
  EXPECT_EQ(line_diff("", "x\ny\n", "f", "g"), "--- f\n+++ g\n@@ -0,0 +1,2 @@\n+x\n+y\n");
}

}  // namespace
}  // namespace util
