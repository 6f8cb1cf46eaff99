#include "harness/gotool/build_cache.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

#include "harness/process/child.h"
#include "harness/util/strings.h"

namespace gotool {
namespace {

util::Deadline build_deadline() {
  return util::Deadline::after(util::Duration(180000));
}

// Sets an environment variable of this process for the lifetime of the object.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

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
  static std::string read(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  // A main package printing what `package_path`.Text() returns.
  static std::string main_printing_text_of(const std::string& package_path) {
    return "package main\n\nimport (\n\t\"fmt\"\n\n\t\"" + package_path +
           "\"\n)\n\nfunc main() {\n\tfmt.Println(" +
           package_path.substr(package_path.rfind('/') + 1) + ".Text())\n}\n";
  }
  // A package whose Text() returns `text`.
  static std::string package_returning(const std::string& name, const std::string& text) {
    return "package " + name + "\n\nfunc Text() string { return \"" + text + "\" }\n";
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
  EXPECT_EQ(first->key.size(), 32u);
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

// A folder of several `package main` files (as Delve's _fixtures): each file is a program of
// its own, keyed by that file and what it imports, not by its neighbours.
TEST_F(BuildCacheTest, ASingleFileProgramIsKeyedByItsFileNotItsFolder) {
  auto dir = write_program("many", "unused");
  std::filesystem::remove(dir / "main.go");
  auto program = [](const std::string& text) {
    return "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"" + text + "\")\n}\n";
  };
  write(dir / "one.go", program("one"));
  write(dir / "two.go", program("two"));
  BuildCache cache(root_ / "cache", go_);
  BuildRequest one = request(dir);
  one.file = "one.go";
  auto first = cache.build(one, build_deadline());
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->binary.filename(), "one");
  EXPECT_EQ(run_binary(first->binary), "one\n");

  write(dir / "two.go", program("two, changed"));  // the neighbour: still a hit
  auto again = cache.build(one, build_deadline());
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_TRUE(again->cache_hit);

  BuildRequest two = request(dir);
  two.file = "two.go";
  auto other = cache.build(two, build_deadline());
  ASSERT_TRUE(other.ok()) << other.error().message;
  EXPECT_NE(other->key, first->key);
  EXPECT_EQ(run_binary(other->binary), "two, changed\n");

  write(dir / "one.go", program("one, changed"));  // its own file: rebuilt
  auto changed = cache.build(one, build_deadline());
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_FALSE(changed->cache_hit);
  EXPECT_EQ(run_binary(changed->binary), "one, changed\n");
}

// `test_binary`: `go test -c` of the package, cached apart from the program and rebuilt when a
// _test.go file (which a program's key ignores) changes.
TEST_F(BuildCacheTest, ATestBinaryIsKeyedApartAndByItsTestFiles) {
  auto dir = write_program("tested", "program");
  auto test_file = [](const std::string& text) {
    return "package main\n\nimport (\n\t\"fmt\"\n\t\"testing\"\n)\n\nfunc TestIt(t "
           "*testing.T) {\n\tfmt.Println(\"" +
           text + "\")\n}\n";
  };
  write(dir / "main_test.go", test_file("one"));
  BuildCache cache(root_ / "cache", go_);
  auto program = cache.build(request(dir), build_deadline());
  ASSERT_TRUE(program.ok()) << program.error().message;
  BuildRequest tests = request(dir);
  tests.test_binary = true;
  auto first = cache.build(tests, build_deadline());
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_NE(first->key, program->key);
  EXPECT_EQ(first->binary.filename(), "tested.test");
  EXPECT_TRUE(util::starts_with(run_binary(first->binary), "one\n"));

  write(dir / "main_test.go", test_file("two"));
  auto changed = cache.build(tests, build_deadline());
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_FALSE(changed->cache_hit);
  EXPECT_TRUE(util::starts_with(run_binary(changed->binary), "two\n"));
  auto program_again = cache.build(request(dir), build_deadline());
  ASSERT_TRUE(program_again.ok()) << program_again.error().message;
  EXPECT_TRUE(program_again->cache_hit);
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

TEST_F(BuildCacheTest, KeyDependsOnFlagsGoAndSourcesButNotOnOtherFiles) {
  auto program = write_program("prog", "x");
  BuildCache cache(root_ / "cache", go_);
  auto base = cache.key(request(program), build_deadline());
  ASSERT_TRUE(base.ok()) << base.error().message;

  write(program / ".git" / "HEAD", "ref: refs/heads/main\n");
  write(program / "data" / "extra.txt", "more");
  EXPECT_EQ(*cache.key(request(program), build_deadline()), *base);

  BuildRequest optimized = request(program);
  optimized.flags = {};
  EXPECT_NE(*cache.key(optimized, build_deadline()), *base);

  GoToolchain other_go = go_;
  other_go.version_text = "go1.0.0 plan9/386";
  EXPECT_NE(*BuildCache(root_ / "cache", other_go).key(request(program), build_deadline()), *base);

  write(program / "helper.go", "package main\n");
  EXPECT_NE(*cache.key(request(program), build_deadline()), *base);
  std::filesystem::remove(program / "helper.go");
  EXPECT_EQ(*cache.key(request(program), build_deadline()), *base);
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

// Issue 14: a `replace` to a sibling folder makes that folder's sources inputs of the build.
TEST_F(BuildCacheTest, ChangeInAReplacedSiblingModuleRebuilds) {
  write(root_ / "lib" / "go.mod", "module example.com/lib\n\ngo 1.21\n");
  write(root_ / "lib" / "lib.go", package_returning("lib", "one"));
  auto program = root_ / "prog";
  write(program / "go.mod",
        "module t\n\ngo 1.21\n\nrequire example.com/lib v0.0.0\n\n"
        "replace example.com/lib => ../lib\n");
  write(program / "main.go", main_printing_text_of("example.com/lib"));
  BuildCache cache(root_ / "cache", go_);
  auto first = cache.build(request(program), build_deadline());
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(run_binary(first->binary), "one\n");

  write(root_ / "lib" / "lib.go", package_returning("lib", "two"));
  auto second = cache.build(request(program), build_deadline());
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_FALSE(second->cache_hit);
  EXPECT_NE(second->key, first->key);
  EXPECT_EQ(run_binary(second->binary), "two\n");
}

// Issue 14: a program that is one package of a larger module depends on its sibling packages.
TEST_F(BuildCacheTest, ChangeInASiblingPackageOfTheEnclosingModuleRebuilds) {
  write(root_ / "big" / "go.mod", "module big\n\ngo 1.21\n");
  write(root_ / "big" / "text" / "text.go", package_returning("text", "one"));
  auto program = root_ / "big" / "cmd" / "app";
  write(program / "main.go", main_printing_text_of("big/text"));
  BuildCache cache(root_ / "cache", go_);
  auto first = cache.build(request(program), build_deadline());
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(run_binary(first->binary), "one\n");

  write(root_ / "big" / "text" / "text.go", package_returning("text", "two"));
  auto second = cache.build(request(program), build_deadline());
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_FALSE(second->cache_hit);
  EXPECT_EQ(run_binary(second->binary), "two\n");
}

// Issue 14: files `go build` does not read (reports written into the program folder, a README)
// keep the hit; a new .go file does not.
TEST_F(BuildCacheTest, FilesTheBuildDoesNotReadKeepTheHit) {
  auto program = write_program("prog", "x");
  BuildCache cache(root_ / "cache", go_);
  auto first = cache.build(request(program), build_deadline());
  ASSERT_TRUE(first.ok()) << first.error().message;

  write(program / "reports" / "x.txt", "a report");
  write(program / "README.md", "# prog\n");
  auto second = cache.build(request(program), build_deadline());
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_TRUE(second->cache_hit);
  EXPECT_EQ(second->key, first->key);

  write(program / "extra.go",
        "package main\n\nimport \"fmt\"\n\nfunc init() {\n\tfmt.Println(\"extra\")\n}\n");
  auto third = cache.build(request(program), build_deadline());
  ASSERT_TRUE(third.ok()) << third.error().message;
  EXPECT_FALSE(third->cache_hit);
  EXPECT_EQ(run_binary(third->binary), "extra\nx\n");
}

// Embedded files are inputs too, including a file added to an embedded folder.
TEST_F(BuildCacheTest, ChangedOrAddedEmbeddedFileRebuilds) {
  auto program = root_ / "prog";
  write(program / "go.mod", "module t\n\ngo 1.21\n");
  write(program / "main.go",
        "package main\n\nimport (\n\t\"embed\"\n\t\"fmt\"\n)\n\n//go:embed data\n"
        "var data embed.FS\n\nfunc main() {\n\tentries, _ := data.ReadDir(\"data\")\n"
        "\tfor _, e := range entries {\n\t\ttext, _ := data.ReadFile(\"data/\" + e.Name())\n"
        "\t\tfmt.Print(string(text))\n\t}\n}\n");
  write(program / "data" / "a.txt", "one\n");
  BuildCache cache(root_ / "cache", go_);
  auto first = cache.build(request(program), build_deadline());
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(run_binary(first->binary), "one\n");

  write(program / "data" / "a.txt", "two\n");
  auto changed = cache.build(request(program), build_deadline());
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_FALSE(changed->cache_hit);
  EXPECT_EQ(run_binary(changed->binary), "two\n");

  write(program / "data" / "b.txt", "three\n");
  auto added = cache.build(request(program), build_deadline());
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_FALSE(added->cache_hit);
  EXPECT_EQ(run_binary(added->binary), "two\nthree\n");
}

// Issue 14: settings made with `go env -w` live in the GOENV file, which the build reads.
TEST_F(BuildCacheTest, SettingMadeWithGoEnvWRebuilds) {
  auto program = root_ / "prog";
  write(program / "go.mod", "module t\n\ngo 1.21\n");
  write(program / "main.go",
        "package main\n\nimport \"fmt\"\n\nvar message = \"one\"\n\n"
        "func main() {\n\tfmt.Println(message)\n}\n");
  ScopedEnv goenv("GOENV", (root_ / "goenv").string());
  BuildCache cache(root_ / "cache", go_);
  auto first = cache.build(request(program), build_deadline());
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(run_binary(first->binary), "one\n");

  process::SpawnOptions env_w;
  env_w.argv = {go_.go.string(), "env", "-w", "GOFLAGS=-ldflags=-X=main.message=two"};
  auto set = process::run(env_w, build_deadline());
  ASSERT_TRUE(set.ok() && set->status.success()) << (set.ok() ? set->err : set.error().message);
  auto second = cache.build(request(program), build_deadline());
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_FALSE(second->cache_hit);
  EXPECT_EQ(run_binary(second->binary), "two\n");
}

// The documented promise: a hit starts no process; a miss asks `go list` what the build reads,
// then builds.
TEST_F(BuildCacheTest, AHitRunsNoGoProcess) {
  auto program = write_program("prog", "x");
  auto runs = root_ / "go-runs.txt";
  auto wrapper = root_ / "bin" / "go";
  write(wrapper, "#!/bin/sh\necho \"$1\" >> '" + runs.string() + "'\nexec '" + go_.go.string() +
                     "' \"$@\"\n");
  std::filesystem::permissions(wrapper, std::filesystem::perms::owner_exec,
                               std::filesystem::perm_options::add);
  GoToolchain recorded = go_;
  recorded.go = wrapper;
  BuildCache cache(root_ / "cache", recorded);
  auto first = cache.build(request(program), build_deadline());
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_FALSE(first->cache_hit);
  EXPECT_EQ(read(runs), "list\nbuild\n");

  auto second = cache.build(request(program), build_deadline());
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_TRUE(second->cache_hit);
  EXPECT_EQ(read(runs), "list\nbuild\n");
}

// Issue 14: each entry records the folder it was built from; a binary recorded for another
// folder, or with no record (an older harness's entry), is rebuilt rather than used.
TEST_F(BuildCacheTest, AnEntryRecordedForAnotherFolderIsRebuilt) {
  auto program = write_program("prog", "x");
  BuildCache cache(root_ / "cache", go_);
  auto first = cache.build(request(program), build_deadline());
  ASSERT_TRUE(first.ok()) << first.error().message;
  const auto record = root_ / "cache" / (first->key + ".source");
  EXPECT_EQ(read(record), program.string());

  write(record, (root_ / "elsewhere" / "prog").string());
  auto second = cache.build(request(program), build_deadline());
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_FALSE(second->cache_hit);
  EXPECT_EQ(second->binary, first->binary);
  EXPECT_EQ(read(record), program.string());

  std::filesystem::remove(record);
  auto third = cache.build(request(program), build_deadline());
  ASSERT_TRUE(third.ok()) << third.error().message;
  EXPECT_FALSE(third->cache_hit);
  EXPECT_EQ(run_binary(third->binary), "x\n");
}

// Issue 14: Go records a program's real folder in the binary, so the cache keys and records it
// under that folder whichever symlink led to it.
TEST_F(BuildCacheTest, AProgramReachedThroughASymlinkIsKeyedUnderItsRealFolder) {
  auto program = write_program("real", "x");
  std::filesystem::create_directory_symlink(program, root_ / "link");
  BuildCache cache(root_ / "cache", go_);
  auto via_link = cache.build(request(root_ / "link"), build_deadline());
  ASSERT_TRUE(via_link.ok()) << via_link.error().message;
  EXPECT_FALSE(via_link->cache_hit);
  EXPECT_EQ(read(root_ / "cache" / (via_link->key + ".source")), program.string());

  auto direct = cache.build(request(program), build_deadline());
  ASSERT_TRUE(direct.ok()) << direct.error().message;
  EXPECT_TRUE(direct->cache_hit);
  EXPECT_EQ(direct->key, via_link->key);
}

// When `go list` cannot read the module, go build still runs and reports what is wrong.
TEST_F(BuildCacheTest, BrokenGoModIsABuildErrorWithGosMessage) {
  auto program = write_program("badmod", "x");
  write(program / "go.mod", "module t\n\ngo 1.21\n\nrequire (\n");
  BuildCache cache(root_ / "cache", go_);
  auto result = cache.build(request(program), build_deadline());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, util::ErrorKind::Build);
  EXPECT_NE(result.error().message.find("go.mod:"), std::string::npos) << result.error().message;
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
