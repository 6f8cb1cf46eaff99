#include "harness/scenario/selection.h"

#include <gtest/gtest.h>

#include <set>

namespace scenario {
namespace {

std::vector<ScenarioEntry> corpus(std::size_t n) {
  std::vector<ScenarioEntry> all;
  for (std::size_t i = 0; i < n; ++i) {
    ScenarioEntry s;
    s.file = "scenarios/group" + std::to_string(i % 7) + "/s" + std::to_string(i) + ".yaml";
    s.name = "scenario " + std::to_string(i);
    s.tags = {i % 2 ? "odd" : "even"};
    all.push_back(s);
  }
  return all;
}

TEST(Selection, ShardsCoverEveryScenarioExactlyOnce) {
  auto all = corpus(500);
  for (std::size_t count = 1; count <= 8; ++count) {
    std::multiset<std::string> seen;
    for (std::size_t index = 0; index < count; ++index) {
      Selection selection;
      selection.shard = Shard{index, count};
      auto part = select(all, selection);
      if (count <= 4) {
        EXPECT_FALSE(part.empty()) << index << "/" << count;
      }
      for (const auto& s : part) seen.insert(s.file.string());
    }
    EXPECT_EQ(seen.size(), all.size()) << count << " shards";
    for (const auto& s : all) EXPECT_EQ(seen.count(s.file.string()), 1u) << s.file;
  }
}

TEST(Selection, ShardKeyIgnoresHowThePathIsWritten) {
  ScenarioEntry a, b;
  a.file = "scenarios/x.yaml";
  b.file = "./scenarios/../scenarios/x.yaml";
  EXPECT_EQ(shard_key(a), shard_key(b));
}

TEST(Selection, FilterSkipAndTagsCombine) {
  Selection selection;
  selection.filter = match::Regex::compile("group1/").value();
  selection.skip = match::Regex::compile("scenario 8$").value();
  selection.tags = {"even"};
  auto kept = select(corpus(30), selection);
  // group1 holds 1, 8, 15, 22, 29; even: 8, 22; 8 is skipped.
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].name, "scenario 22");
}

TEST(Selection, ShardTextIsOneBased) {
  auto shard = parse_shard("2/4");
  ASSERT_TRUE(shard.ok());
  EXPECT_EQ(shard->index, 1u);
  EXPECT_EQ(shard->count, 4u);
  for (const char* bad : {"0/4", "5/4", "1/0", "a/b", "3", "1/2/3", ""}) {
    EXPECT_FALSE(parse_shard(bad).ok()) << bad;
  }
}

TEST(Selection, ShardFromEnvironmentIsZeroBased) {
  ::setenv("HARNESS_SHARD_INDEX", "3", 1);
  ::setenv("HARNESS_TOTAL_SHARDS", "4", 1);
  auto shard = shard_from_environment();
  ASSERT_TRUE(shard.ok());
  ASSERT_TRUE(shard->has_value());
  EXPECT_EQ((*shard)->index, 3u);
  ::setenv("HARNESS_SHARD_INDEX", "4", 1);
  EXPECT_FALSE(shard_from_environment().ok());
  ::unsetenv("HARNESS_TOTAL_SHARDS");
  EXPECT_FALSE(shard_from_environment().ok());
  ::unsetenv("HARNESS_SHARD_INDEX");
  auto none = shard_from_environment();
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

}  // namespace
}  // namespace scenario
