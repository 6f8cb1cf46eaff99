#include "harness/gotool/build_cache.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "harness/process/child.h"
#include "harness/util/strings.h"

namespace gotool {
namespace {

util::Deadline build_deadline() {
  return util::Deadline::after(util::Duration(180000));
}

class BuildCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto go = find_go(std::nullopt);
    if (!go) GTEST_SKIP() << go.error().message;
    go_ = *go;
    root_ = std::filesystem::temp_directory_path() /
            ("build_cache_test_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
  }
  void TearDown() override {
    if (!root_.empty()) std::filesystem::remove_all(root_);
  }

  // A tiny Go module printing `message`.
  std::filesystem::path write_program(const std::string& name, const std::string& message) {
    auto dir = root_ / name;
    std::filesystem::create_directories(dir);
    write(dir / "go.mod", "module t\n\ngo 1.21\n");
    write(dir / "main.go", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"" +
                               message + "\")\n}\n");
    return dir;
  }
  static void write(const std::filesystem::path& path, const std::string& text) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << text;
  }
  std::string run_binary(const std::filesystem::path& binary) {
    process::SpawnOptions options;
    options.argv = {binary.string()};
    auto result = process::run(options, util::Deadline::after(util::Duration(30000)));
    return result.ok() ? result->out : "run failed: " + result.error().message;
  }
  BuildRequest request(const std::filesystem::path& dir) {
    BuildRequest r;
    r.program_dir = dir;
    return r;
  }

  GoToolchain go_;
  std::filesystem::path root_;
};

TEST_F(BuildCacheTest, FirstBuildMissesThenHits) {
  auto program = write_program("hello", "hi there");
  BuildCache cache(root_ / "cache", go_);
  auto first = cache.build(request(program), build_deadline());
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_FALSE(first->cache_hit);
  EXPECT_EQ(first->binary, root_ / "cache" / first->key / "hello");
  EXPECT_EQ(first->key.size(), 64u);
  EXPECT_EQ(run_binary(first->binary), "hi there\n");

  auto second = cache.build(request(program), build_deadline());
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_TRUE(second->cache_hit);
  EXPECT_EQ(second->binary, first->binary);
  EXPECT_EQ(second->key, first->key);
  // No temporary files are left next to the binary.
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry :
       std::filesystem::directory_iterator(root_ / "cache" / first->key)) {
    ++entries;
  }
  EXPECT_EQ(entries, 1u);
}

TEST_F(BuildCacheTest, ChangingASourceChangesTheKeyAndRebuilds) {
  auto program = write_program("prog", "one");
  BuildCache cache(root_ / "cache", go_);
  auto first = cache.build(request(program), build_deadline());
  ASSERT_TRUE(first.ok()) << first.error().message;

  write_program("prog", "two");
  auto second = cache.build(request(program), build_deadline());
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_NE(second->key, first->key);
  EXPECT_FALSE(second->cache_hit);
  EXPECT_EQ(run_binary(second->binary), "two\n");
}

TEST_F(BuildCacheTest, KeyDependsOnFlagsAndFilesButNotHiddenDirectories) {
  auto program = write_program("prog", "x");
  BuildCache cache(root_ / "cache", go_);
  auto base = cache.key(request(program));
  ASSERT_TRUE(base.ok()) << base.error().message;

  write(program / ".git" / "HEAD", "ref: refs/heads/main\n");
  EXPECT_EQ(*cache.key(request(program)), *base);

  BuildRequest optimized = request(program);
  optimized.flags = {};
  EXPECT_NE(*cache.key(optimized), *base);

  write(program / "data" / "extra.txt", "more");
  EXPECT_NE(*cache.key(request(program)), *base);

  GoToolchain other_go = go_;
  other_go.version_text = "go1.0.0 plan9/386";
  std::filesystem::remove_all(program / "data");
  EXPECT_NE(*BuildCache(root_ / "cache", other_go).key(request(program)), *base);
  EXPECT_EQ(*cache.key(request(program)), *base);
}

TEST_F(BuildCacheTest, SyntaxErrorIsABuildErrorWithGosMessage) {
  auto program = write_program("broken", "x");
  write(program / "main.go", "package main\n\nfunc main() {\n");
  BuildCache cache(root_ / "cache", go_);
  auto result = cache.build(request(program), build_deadline());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, util::ErrorKind::Build);
  EXPECT_TRUE(util::starts_with(result.error().message,
                                "go build in " + program.string() + " failed (exit status 1):\n"))
      << result.error().message;
  EXPECT_NE(result.error().message.find("main.go:4:1: syntax error: unexpected EOF"),
            std::string::npos)
      << result.error().message;
}

TEST_F(BuildCacheTest, ConcurrentBuildsOfTheSameProgramBuildOnce) {
  auto program = write_program("together", "both");
  BuildCache cache(root_ / "cache", go_);
  std::optional<util::Expected<BuildResult>> results[2];
  std::thread threads[2];
  for (int i = 0; i < 2; ++i) {
    threads[i] = std::thread(
        [&, i] { results[i].emplace(cache.build(request(program), build_deadline())); });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_TRUE(results[0]->ok()) << results[0]->error().message;
  ASSERT_TRUE(results[1]->ok()) << results[1]->error().message;
  EXPECT_EQ((*results[0])->binary, (*results[1])->binary);
  EXPECT_EQ(int((*results[0])->cache_hit) + int((*results[1])->cache_hit), 1);
  EXPECT_EQ(run_binary((*results[0])->binary), "both\n");
}

TEST_F(BuildCacheTest, MissingProgramDirectory) {
  BuildCache cache(root_ / "cache", go_);
  auto result = cache.build(request(root_ / "nope"), build_deadline());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, util::ErrorKind::Io);
  EXPECT_EQ(result.error().message,
            "program directory " + (root_ / "nope").string() + " does not exist");
}

}  // namespace
}  // namespace gotool
