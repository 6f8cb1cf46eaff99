#include "harness/report/compare.h"

#include <gtest/gtest.h>

#include <fstream>

#include "harness/util/test_support.h"

namespace report {
namespace {

Case make(const std::string& key, Outcome outcome, const std::string& message = "",
          double seconds = 0.1) {
  return Case{key, outcome, message, seconds};
}

TEST(Compare, SortsEveryKindOfChange) {
  std::vector<Case> base = {make("a", Outcome::Pass),          make("b", Outcome::Fail, "x"),
                            make("c", Outcome::Pass),          make("d", Outcome::Fail, "old"),
                            make("e", Outcome::Pass, "", 0.2), make("gone", Outcome::Pass)};
  std::vector<Case> current = {make("a", Outcome::Fail, "boom"),  make("b", Outcome::Pass),
                               make("c", Outcome::Skip, "gate"),  make("d", Outcome::Fail, "new"),
                               make("e", Outcome::Pass, "", 0.9), make("new", Outcome::Pass)};
  auto c = compare(base, current);
  ASSERT_EQ(c.newly_failing.size(), 1u);
  EXPECT_EQ(c.newly_failing[0].second.key, "a");
  ASSERT_EQ(c.newly_passing.size(), 1u);
  ASSERT_EQ(c.newly_skipped.size(), 1u);
  ASSERT_EQ(c.changed_message.size(), 1u);
  ASSERT_EQ(c.slower.size(), 1u);
  ASSERT_EQ(c.missing.size(), 1u);
  ASSERT_EQ(c.added.size(), 1u);
  EXPECT_TRUE(c.regressed());
  EXPECT_NE(comparison_text(c).find("changed failure message (1):\n  d\n    was: old\n    now: "
                                    "new\n"),
            std::string::npos);
  EXPECT_NE(comparison_text(c).find("slower (1):\n  e\n    0.20s -> 0.90s\n"), std::string::npos);
}

TEST(Compare, SmallSlowdownsAreNoise) {
  auto c = compare({make("a", Outcome::Pass, "", 0.05)}, {make("a", Outcome::Pass, "", 0.2)});
  EXPECT_TRUE(c.slower.empty());
  EXPECT_FALSE(c.regressed());
}

TEST(Compare, BrokenReportsAreErrorsWithTheirPlace) {
  auto dir = util::testing::scratch_dir();
  std::ofstream(dir / "bad.xml") << "<testsuites>\n<testsuite>\n</testsuites>\n";
  auto xml = read_report(dir / "bad.xml");
  ASSERT_FALSE(xml.ok());
  EXPECT_NE(xml.error().message.find("bad.xml:4: not valid XML: unexpected end of data"),
            std::string::npos)
      << xml.error().message;
  std::ofstream(dir / "bad.json") << "{\"Action\":\"run\"}\nnot json\n";
  auto json = read_report(dir / "bad.json");
  ASSERT_FALSE(json.ok());
  EXPECT_NE(json.error().message.find("bad.json:2: not a JSON event: not json"), std::string::npos)
      << json.error().message;
}

// A --json report names a scenario by its folder's Package and file's Test; one from before
// that (the run as Package, the path as Test) names the same case.
TEST(Compare, JsonReportsOfBothNamingsNameTheSameCase) {
  auto dir = util::testing::scratch_dir();
  std::ofstream(dir / "old.json")
      << R"({"Action":"fail","Package":"dlv-harness","Test":"fixtures/cli/x.yaml","Elapsed":1})"
      << "\n";
  std::ofstream(dir / "new.json")
      << R"({"Action":"pass","Package":"dlv-harness/fixtures/cli","Test":"x.yaml","Elapsed":1})"
      << "\n";
  auto before = read_report(dir / "old.json");
  auto after = read_report(dir / "new.json");
  ASSERT_TRUE(before.ok() && after.ok());
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ(after->front().key, "dlv-harness / fixtures/cli/x.yaml");
  auto c = compare(*before, *after);
  EXPECT_EQ(c.newly_passing.size(), 1u);
  EXPECT_TRUE(c.added.empty());
}

}  // namespace
}  // namespace report
