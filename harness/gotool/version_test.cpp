#include "harness/gotool/version.h"

#include <gtest/gtest.h>

namespace gotool {
namespace {

TEST(VersionTest, ParsesTheUsualSpellings) {
  EXPECT_EQ(Version::parse("1.27.2"), (Version{1, 27, 2}));
  EXPECT_EQ(Version::parse("v1.27.2"), (Version{1, 27, 2}));
  EXPECT_EQ(Version::parse("go1.26.8"), (Version{1, 26, 8}));
  EXPECT_EQ(Version::parse("1.21"), (Version{1, 21, 0}));
  EXPECT_EQ(Version::parse("go1.27rc1"), (Version{1, 27, 0}));
  EXPECT_EQ(Version::parse("1.2.3-dev"), (Version{1, 2, 3}));
}

TEST(VersionTest, RejectsOtherText) {
  EXPECT_FALSE(Version::parse("").has_value());
  EXPECT_FALSE(Version::parse("go").has_value());
  EXPECT_FALSE(Version::parse("1").has_value());
  EXPECT_FALSE(Version::parse("1.").has_value());
  EXPECT_FALSE(Version::parse("1.2.3.4").has_value());
  EXPECT_FALSE(Version::parse("devel").has_value());
  EXPECT_FALSE(Version::parse("x1.2.3").has_value());
}

TEST(VersionTest, ComparesNumerically) {
  EXPECT_LT(*Version::parse("1.9.0"), *Version::parse("1.10.0"));
  EXPECT_LT(*Version::parse("1.27.1"), *Version::parse("1.27.2"));
  EXPECT_GT(*Version::parse("2.0"), *Version::parse("1.99.99"));
  EXPECT_EQ(*Version::parse("go1.21"), *Version::parse("v1.21.0"));
}

TEST(VersionTest, PrintsThreeNumbers) {
  EXPECT_EQ((Version{1, 21, 0}).str(), "1.21.0");
  EXPECT_EQ(Version::parse("go1.26.8")->str(), "1.26.8");
}

}  // namespace
}  // namespace gotool
