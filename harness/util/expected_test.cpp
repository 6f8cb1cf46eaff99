#include "harness/util/expected.h"

#include <gtest/gtest.h>

#include "harness/util/deadline.h"

namespace util {
namespace {

Expected<int> parse_positive(int v) {
  if (v <= 0) return fail(ErrorKind::Usage, "must be positive", SourceLoc{"a.yaml", 3, 7});
  return v;
}

TEST(Expected, HoldsAValueOrAnError) {
  auto ok = parse_positive(4);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 4);
  auto bad = parse_positive(-1);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, ErrorKind::Usage);
  EXPECT_EQ(bad.error().str(), "a.yaml:3:7: must be positive");
}

TEST(Expected, VoidCarriesOnlyTheError) {
  Expected<void> fine;
  EXPECT_TRUE(fine.ok());
  Expected<void> broken = fail(ErrorKind::Io, "disk full");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().str(), "disk full");
}

TEST(SourceLoc, PrintsOnlyKnownParts) {
  EXPECT_EQ((SourceLoc{"f.yaml", 2, 5}).str(), "f.yaml:2:5");
  EXPECT_EQ((SourceLoc{"f.yaml", 2, 0}).str(), "f.yaml:2");
  EXPECT_EQ((SourceLoc{"f.yaml", 0, 0}).str(), "f.yaml");
  EXPECT_FALSE(SourceLoc{}.known());
}

TEST(Deadline, ExpiresAndNeverReportsNegativeTime) {
  auto past = Deadline::after(Duration(-5));
  EXPECT_TRUE(past.expired());
  EXPECT_EQ(past.remaining().count(), 0);
  auto future = Deadline::after(Duration(60'000));
  EXPECT_FALSE(future.expired());
  EXPECT_EQ(future.min(past).when(), past.when());
  EXPECT_EQ(format_seconds(Duration(1250)), "1.250s");
}

}  // namespace
}  // namespace util
