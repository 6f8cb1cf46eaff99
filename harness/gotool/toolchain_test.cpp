#include "harness/gotool/toolchain.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include "harness/util/test_support.h"

#include <fstream>

#include "harness/process/path_lookup.h"
#include "harness/util/strings.h"

namespace gotool {
namespace {

const std::filesystem::path kDlv = util::testing::dlv_for_tests();

std::filesystem::path temp_dir() {
  return util::testing::scratch_dir();
}

// Writes an executable shell script.
std::filesystem::path write_script(const std::filesystem::path& path, const std::string& body) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
  std::filesystem::permissions(path, std::filesystem::perms::owner_all);
  return path;
}

// Sets environment variables for one test and restores them afterwards.
class ScopedEnv {
 public:
  void set(const std::string& name, const std::optional<std::string>& value) {
    const char* old = std::getenv(name.c_str());
    saved_.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
    if (value) {
      ::setenv(name.c_str(), value->c_str(), 1);
    } else {
      ::unsetenv(name.c_str());
    }
  }
  ~ScopedEnv() {
    for (auto it = saved_.rbegin(); it != saved_.rend(); ++it) {
      if (it->second) {
        ::setenv(it->first.c_str(), it->second->c_str(), 1);
      } else {
        ::unsetenv(it->first.c_str());
      }
    }
  }

 private:
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

TEST(FindGoTest, FindsTheGoOnPath) {
  if (!process::find_executable("go")) GTEST_SKIP() << "no go on PATH";
  auto go = find_go(std::nullopt);
  ASSERT_TRUE(go.ok()) << go.error().message;
  EXPECT_EQ(go->go, *process::find_executable("go"));
  EXPECT_GE(go->version, (Version{1, 21, 0}));
  std::string major_minor =
      std::to_string(go->version.major) + "." + std::to_string(go->version.minor);
  EXPECT_TRUE(util::starts_with(go->version_text, "go" + major_minor)) << go->version_text;
  EXPECT_NE(go->version_text.find(" linux/"), std::string::npos) << go->version_text;
}

TEST(FindGoTest, ExplicitPathMustExist) {
  auto go = find_go(std::filesystem::path("/nonexistent/go"));
  ASSERT_FALSE(go.ok());
  EXPECT_EQ(go.error().kind, util::ErrorKind::MissingTool);
  EXPECT_EQ(go.error().message, "go /nonexistent/go does not exist");
  auto not_executable = find_go(std::filesystem::path("/etc/passwd"));
  ASSERT_FALSE(not_executable.ok());
  EXPECT_EQ(not_executable.error().message, "go /etc/passwd is not an executable file");
}

TEST(FindGoTest, UnreadableVersion) {
  auto fake = write_script(temp_dir() / "go", "echo 'something else'");
  auto go = find_go(fake);
  ASSERT_FALSE(go.ok());
  EXPECT_EQ(go.error().message,
            "cannot read the Go version from `" + fake.string() + " version`: \"something else\"");
}

TEST(FindGoTest, ParsesAFakeGo) {
  auto fake = write_script(temp_dir() / "go", "echo 'go version go1.22.3 linux/arm64'");
  auto go = find_go(fake);
  ASSERT_TRUE(go.ok()) << go.error().message;
  EXPECT_EQ(go->version, (Version{1, 22, 3}));
  EXPECT_EQ(go->version_text, "go1.22.3 linux/arm64");
}

TEST(FindDlvTest, ExplicitRealDlv) {
  if (!process::is_executable_file(kDlv)) GTEST_SKIP() << kDlv << " not installed";
  auto dlv = find_dlv(kDlv, nullptr);
  ASSERT_TRUE(dlv.ok()) << dlv.error().message;
  EXPECT_EQ(dlv->path, kDlv);
  EXPECT_EQ(dlv->version, (Version{1, 27, 2}));
}

TEST(FindDlvTest, ARelativePathIsMadeAbsolute) {
  // dlv runs in the program's folder: a path relative to the caller's folder must not reach it.
  auto dir = temp_dir();
  write_script(dir / "tools" / "dlv", "echo 'Delve Debugger'; echo 'Version: 1.27.2'");
  auto old = std::filesystem::current_path();
  std::filesystem::current_path(dir);
  auto dlv = find_dlv(std::filesystem::path("tools/../tools/dlv"), nullptr);
  std::filesystem::current_path(old);
  ASSERT_TRUE(dlv.ok()) << dlv.error().message;
  EXPECT_EQ(dlv->path, dir / "tools" / "dlv");
}

TEST(FindDlvTest, FindsDlvWithoutHelp) {
  if (!process::find_executable("dlv") && !process::is_executable_file(kDlv)) GTEST_SKIP();
  ScopedEnv env;
  env.set("DLV", std::nullopt);
  auto go = find_go(std::nullopt);
  auto dlv = find_dlv(std::nullopt, go.ok() ? &*go : nullptr);
  ASSERT_TRUE(dlv.ok()) << dlv.error().message;
  EXPECT_GE(dlv->version, (Version{1, 20, 0}));
}

TEST(FindDlvTest, UsesDlvEnvironmentVariable) {
  ScopedEnv env;
  env.set("DLV", "/nonexistent/dlv");
  auto dlv = find_dlv(std::nullopt, nullptr);
  ASSERT_FALSE(dlv.ok());
  EXPECT_EQ(dlv.error().message, "dlv from $DLV: /nonexistent/dlv does not exist");
}

TEST(FindDlvTest, LooksInGobin) {
  auto dir = temp_dir();
  auto fake = write_script(dir / "gobin" / "dlv", "echo 'Delve Debugger'; echo 'Version: 1.20.2'");
  ScopedEnv env;
  env.set("DLV", std::nullopt);
  env.set("PATH", "/nonexistent");
  env.set("GOBIN", (dir / "gobin").string());
  auto dlv = find_dlv(std::nullopt, nullptr);
  ASSERT_TRUE(dlv.ok()) << dlv.error().message;
  EXPECT_EQ(dlv->path, fake);
  EXPECT_EQ(dlv->version, (Version{1, 20, 2}));
}

TEST(FindDlvTest, NotFoundNamesWhereItLookedAndTheRemedy) {
  auto dir = temp_dir();
  ScopedEnv env;
  env.set("DLV", std::nullopt);
  env.set("GOBIN", std::nullopt);
  env.set("PATH", "/nonexistent");
  env.set("HOME", dir.string());
  auto dlv = find_dlv(std::nullopt, nullptr);
  ASSERT_FALSE(dlv.ok());
  EXPECT_EQ(dlv.error().kind, util::ErrorKind::MissingTool);
  EXPECT_EQ(dlv.error().message,
            "dlv not found (looked in PATH, " + (dir / "go" / "bin").string() +
                ")\n  remedy: go install github.com/go-delve/delve/cmd/dlv@v1.27.2, or set $DLV "
                "to the dlv binary");
}

TEST(FindDlvTest, FailingDlvVersion) {
  auto fake = write_script(temp_dir() / "dlv", "echo boom >&2; exit 1");
  auto dlv = find_dlv(fake, nullptr);
  ASSERT_FALSE(dlv.ok());
  EXPECT_EQ(dlv.error().message, "`" + fake.string() + " version` failed (exit status 1): boom");
}

}  // namespace
}  // namespace gotool

namespace gotool {
namespace {

// `dlv version` runs once per binary: the next harness remembers it (version_memo.h); a binary
// rewritten in place is asked again.
TEST(FindDlvTest, DlvVersionIsRememberedPerBinaryUntilItChanges) {
  auto dir = temp_dir();
  ScopedEnv env;
  env.set("XDG_CACHE_HOME", (dir / "cache").string());
  auto runs = dir / "runs";
  auto dlv = write_script(dir / "dlv", "echo run >> " + runs.string() +
                                           "; echo 'Delve Debugger'; echo 'Version: 1.27.2'");
  auto count_runs = [&] { return util::split(util::testing::read_file(runs), '\n').size() - 1; };
  ASSERT_TRUE(find_dlv(dlv, nullptr));
  auto again = find_dlv(dlv, nullptr);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->version.str(), "1.27.2");
  EXPECT_EQ(count_runs(), 1u);
  write_script(dlv, "echo run >> " + runs.string() + "; echo 'Version: 1.28.0'");
  auto changed = find_dlv(dlv, nullptr);
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->version.str(), "1.28.0");
  EXPECT_EQ(count_runs(), 2u);
}

}  // namespace
}  // namespace gotool

namespace gotool {
namespace {

// `go version` is remembered too, but its answer also depends on what selects the toolchain:
// GOTOOLCHAIN and the other GO* variables, GOROOT/go.env, the GOENV file, go.mod up from here.
// Each change asks the go command again.
TEST(FindGoTest, GoVersionIsRememberedUntilWhatSelectsTheToolchainChanges) {
  auto dir = temp_dir();
  ScopedEnv env;
  env.set("XDG_CACHE_HOME", (dir / "cache").string());
  env.set("GOTOOLCHAIN", std::nullopt);
  env.set("GOENV", (dir / "goenv").string());
  auto runs = dir / "runs";
  auto go =
      write_script(dir / "goroot" / "bin" / "go",
                   "echo run >> " + runs.string() + "; echo 'go version go1.26.8 linux/amd64'");
  auto count_runs = [&] { return util::split(util::testing::read_file(runs), '\n').size() - 1; };
  auto work = dir / "module" / "inner";
  std::filesystem::create_directories(work);
  auto old_cwd = std::filesystem::current_path();
  std::filesystem::current_path(work);
  auto found = [&] {
    auto result = find_go(go);
    EXPECT_TRUE(result.ok()) << result.error().message;
    return count_runs();
  };
  EXPECT_EQ(found(), 1u);
  EXPECT_EQ(found(), 1u) << "remembered";
  env.set("GOTOOLCHAIN", "go1.27.3");
  EXPECT_EQ(found(), 2u) << "GOTOOLCHAIN";
  std::ofstream(dir / "module" / "go.mod") << "module m\n\ngo 1.27\n";
  EXPECT_EQ(found(), 3u) << "a go.mod above the current folder";
  std::ofstream(dir / "goenv") << "GOTOOLCHAIN=local\n";
  EXPECT_EQ(found(), 4u) << "the GOENV file";
  std::ofstream(dir / "goroot" / "go.env") << "GOTOOLCHAIN=auto\n";
  EXPECT_EQ(found(), 5u) << "GOROOT/go.env";
  EXPECT_EQ(found(), 5u) << "remembered again";
  std::filesystem::current_path(old_cwd);
}

}  // namespace
}  // namespace gotool
