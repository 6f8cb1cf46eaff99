#include "harness/record/generalize.h"

#include <gtest/gtest.h>

namespace record {
namespace {

std::string shown(const Expectation& e) {
  return e.op.empty() ? e.operand : e.op + " " + e.operand;
}

TEST(Generalize, EqualValuesAreLiterals) {
  EXPECT_EQ(shown(expectation_for({"3", "3", "3"})), "3");
  EXPECT_EQ(shown(expectation_for({"\"world\""})), "\"world\"");
}

TEST(Generalize, AddressesGoroutinesTempPathsAndDurationsAreAlwaysPatterns) {
  // Equal in every run here, but by chance: they are patterns all the same.
  EXPECT_EQ(shown(expectation_for({"*main.Node {Next: *(*main.Node)(0xc000012345)}"})),
            "matches ^\\*main\\.Node \\{Next: \\*\\(\\*main\\.Node\\)\\(0x[0-9a-f]+\\)\\}$");
  EXPECT_EQ(shown(expectation_for({"goroutine 18 [running]:"})),
            "matches ^goroutine [0-9]+ \\[running\\]:$");
  EXPECT_EQ(shown(expectation_for({"wrote /tmp/go-build123/x.txt in 1.5ms"})),
            "matches ^wrote /tmp/[^\\s\"',;)\\]}]* in [0-9.]+(ns|µs|us|ms|s|m|h)$");
  // Short hex numbers are values, not addresses.
  EXPECT_EQ(shown(expectation_for({"2 = 0x2"})), "2 = 0x2");
}

TEST(Generalize, MapsWithSeveralEntriesArePrefixes) {
  EXPECT_EQ(shown(expectation_for({"map[string]int [\"a\": 1, \"b\": 2, ]"})),
            "prefix map[string]int [");
  EXPECT_EQ(shown(expectation_for({"map[string]int [\"a\": 1, ]"})), "map[string]int [\"a\": 1, ]");
}

TEST(Generalize, ValuesCutShortAfterAnAddressMatchUpToTheLastWholeField) {
  auto e = expectation_for({"T {sp: unsafe.Pointer(0x2801c14ce20), lr: 0, fp: *u...",
                            "T {sp: unsafe.Pointer(0x2a5bf38b0e20), lr: 0, fp:..."});
  EXPECT_EQ(shown(e), "matches ^T \\{sp: unsafe\\.Pointer\\(0x[0-9a-f]+\\), lr: 0");
}

TEST(Generalize, DifferingValuesBecomeNumberPatternsPrefixesOrNothing) {
  EXPECT_EQ(shown(expectation_for({"worker w0", "worker w2"})), "matches ^worker w[0-9]+$");
  EXPECT_EQ(shown(expectation_for({"order: apples", "order: pears"})), "prefix order: ");
  EXPECT_TRUE(expectation_for({"apples", "pears"}).none());
}

TEST(Generalize, LocalPathsAndTimingDependentNumbers) {
  Variance variance{{"/home/me/proj"}, false};
  EXPECT_EQ(shown(expectation_for({"\t/home/me/proj/main.go:9 +0xb9"}, variance)),
            "matches ^\t.*/main\\.go:9 \\+0xb9$");
  variance.numbers = true;
  EXPECT_EQ(shown(expectation_for({"14"}, variance)), "matches ^[0-9]+$");
  EXPECT_EQ(shown(expectation_for({"ready"}, variance)), "ready");
}

}  // namespace
}  // namespace record
