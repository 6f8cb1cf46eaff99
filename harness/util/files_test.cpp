#include "harness/util/files.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

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

// Threads of one process writing the same file (the build cache's manifest) each replace it whole.
TEST(Files, AtomicWritesFromThreadsOfOneProcessEachReplaceTheFileWhole) {
  auto file = std::filesystem::path(::testing::TempDir()) / "atomic-threads" / "manifest.json";
  const std::string texts[2] = {std::string(100'000, 'a'), std::string(50'000, 'b')};
  std::vector<int> failures(2, 0);
  std::vector<std::thread> writers;
  for (int w = 0; w < 2; ++w) {
    writers.emplace_back([&, w] {
      for (int round = 0; round < 200; ++round)
        failures[w] += !write_file_atomically(file, texts[w]).ok();
    });
  }
  for (auto& writer : writers) writer.join();
  EXPECT_EQ(failures, std::vector<int>({0, 0}));
  auto text = read_file(file);
  ASSERT_TRUE(text.ok());
  EXPECT_TRUE(*text == texts[0] || *text == texts[1]) << text->size() << " bytes";
}

TEST(Files, ReadingAMissingFileSaysWhich) {
  auto text = read_file("/nonexistent/x.yaml");
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().message, "cannot read /nonexistent/x.yaml: No such file or directory");
}

}  // namespace
}  // namespace util
