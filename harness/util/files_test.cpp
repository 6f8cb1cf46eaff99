#include "harness/util/files.h"

#include <gtest/gtest.h>

namespace util {
namespace {

TEST(Files, AtomicWriteReplacesTheFileWhole) {
  auto file = std::filesystem::path(::testing::TempDir()) / "atomic" / "out.xml";
  ASSERT_TRUE(write_file_atomically(file, "first").ok());
  ASSERT_TRUE(write_file_atomically(file, "second").ok());
  auto text = read_file(file);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, "second");
  auto blocked = std::filesystem::path("/proc/version/cannot/write.xml");
  EXPECT_FALSE(write_file_atomically(blocked, "x").ok());
}

TEST(Files, ReadingAMissingFileSaysWhich) {
  auto text = read_file("/nonexistent/x.yaml");
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().message, "cannot read /nonexistent/x.yaml: No such file or directory");
}

}  // namespace
}  // namespace util
