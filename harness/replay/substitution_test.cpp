#include "harness/replay/substitution.h"

#include <gtest/gtest.h>

namespace replay {
namespace {

using dap::json;

TEST(ParseSubstitution, SplitsAtTheFirstEquals) {
  auto sub = parse_substitution("/a=b=/c");
  ASSERT_TRUE(sub);
  EXPECT_EQ(sub->from, "/a");
  EXPECT_EQ(sub->to, "b=/c");
  EXPECT_FALSE(parse_substitution("/a"));
  EXPECT_FALSE(parse_substitution("=/b"));
}

TEST(SubstitutePrefixes, RewritesStringsThatStartWithFromAtAnyDepth) {
  std::vector<Substitution> subs = {{"/home/ci/src", "/work/src"}, {"/home/ci", "/root"}};
  json arguments = json::parse(R"({"program":"/home/ci/src/app","cwd":"/home/ci",
      "source":{"path":"/home/ci/src/main.go"},"args":["x/home/ci/src"],"line":3})");
  EXPECT_EQ(substitute_prefixes(arguments, subs), json::parse(R"({"program":"/work/src/app",
      "cwd":"/root","source":{"path":"/work/src/main.go"},"args":["x/home/ci/src"],"line":3})"));
}

TEST(SubstituteAll, ReplacesEveryOccurrence) {
  EXPECT_EQ(substitute_all("at /home/ci/a.go and /home/ci/b.go", {{"/home/ci", "/w"}}),
            "at /w/a.go and /w/b.go");
  EXPECT_EQ(substitute_all("nothing here", {{"/home/ci", "/w"}}), "nothing here");
}

}  // namespace
}  // namespace replay
