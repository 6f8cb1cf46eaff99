#include "harness/process/child.h"

#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>
#include "harness/util/test_support.h"

#include <fstream>
#include <sstream>
#include <thread>

#include "harness/process/path_lookup.h"
#include "harness/util/strings.h"

namespace process {
namespace {

// Prefix and substring checks that print the actual text on failure (no gmock on this system).
#define EXPECT_STARTS_WITH(text, prefix) \
  EXPECT_TRUE(util::starts_with(text, prefix)) << "actual: " << (text)
#define EXPECT_CONTAINS(text, part) \
  EXPECT_NE(std::string(text).find(part), std::string::npos) << "actual: " << (text)

SpawnOptions cmd(std::vector<std::string> argv) {
  SpawnOptions options;
  options.argv = std::move(argv);
  return options;
}

util::Deadline soon() {
  return util::Deadline::after(util::Duration(10000));
}

std::unique_ptr<Child> must_spawn(const SpawnOptions& options) {
  auto child = Child::spawn(options);
  EXPECT_TRUE(child.ok()) << (child.ok() ? "" : child.error().message);
  return child.ok() ? std::move(*child) : nullptr;
}

// Polls until `pid` has at least `count` living descendants.
std::vector<int> wait_for_descendants(int pid, std::size_t count) {
  auto deadline = soon();
  std::vector<int> found = descendants(pid);
  while (found.size() < count && !deadline.expired()) {
    std::this_thread::sleep_for(util::Duration(10));
    found = descendants(pid);
  }
  return found;
}

std::filesystem::path temp_dir() {
  return util::testing::scratch_dir();
}

using util::testing::read_file;

TEST(ExitStatusTest, DescribesExitCodesAndSignals) {
  EXPECT_EQ((ExitStatus{3, 0}).str(), "exit status 3");
  EXPECT_EQ((ExitStatus{0, 9}).str(), "killed by signal 9 (SIGKILL)");
  EXPECT_EQ((ExitStatus{0, 15}).str(), "killed by signal 15 (SIGTERM)");
  EXPECT_TRUE((ExitStatus{0, 0}).success());
  EXPECT_FALSE((ExitStatus{0, 9}).success());
  EXPECT_TRUE((ExitStatus{0, 9}).signaled());
}

TEST(RunTest, CapturesStdoutOfEcho) {
  auto result = run(cmd({"/bin/echo", "hello", "world"}), soon());
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->out, "hello world\n");
  EXPECT_EQ(result->err, "");
  EXPECT_EQ(result->status.str(), "exit status 0");
}

TEST(RunTest, LooksUpNamesInPath) {
  auto result = run(cmd({"echo", "via PATH"}), soon());
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->out, "via PATH\n");
}

TEST(RunTest, CapturesStderrAndExitCode) {
  auto result = run(cmd({"/bin/sh", "-c", "echo out; echo err >&2; exit 3"}), soon());
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->out, "out\n");
  EXPECT_EQ(result->err, "err\n");
  EXPECT_EQ(result->status.code, 3);
  EXPECT_EQ(result->status.str(), "exit status 3");
}

TEST(RunTest, ReportsDeathBySignal) {
  auto result = run(cmd({"/bin/sh", "-c", "kill -9 $$"}), soon());
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->status.signal, SIGKILL);
  EXPECT_EQ(result->status.str(), "killed by signal 9 (SIGKILL)");
}

TEST(RunTest, AppliesCwdAndEnvironment) {
  ::setenv("PROCESS_TEST_REMOVE_ME", "present", 1);
  SpawnOptions options =
      cmd({"/bin/sh", "-c", "pwd; echo $FOO; echo ${PROCESS_TEST_REMOVE_ME-unset}"});
  options.cwd = "/tmp";
  options.env_overrides = {{"FOO", "bar"}};
  options.env_remove = {"PROCESS_TEST_REMOVE_ME"};
  auto result = run(options, soon());
  ::unsetenv("PROCESS_TEST_REMOVE_ME");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->out, "/tmp\nbar\nunset\n");
}

TEST(RunTest, ChildDoesNotInheritIgnoredSigpipe) {
  auto previous = ::signal(SIGPIPE, SIG_IGN);
  auto result = run(cmd({"/bin/grep", "^SigIgn:", "/proc/self/status"}), soon());
  ::signal(SIGPIPE, previous);
  ASSERT_TRUE(result.ok()) << result.error().message;
  std::string mask(util::trim(result->out.substr(result->out.find(':') + 1)));
  unsigned long long bits = std::stoull(mask, nullptr, 16);
  EXPECT_EQ(bits & (1ULL << (SIGPIPE - 1)), 0u) << result->out;
}

TEST(RunTest, TimeoutKillsTheCommand) {
  auto result = run(cmd({"/bin/sh", "-c", "sleep 100 & sleep 100"}),
                    util::Deadline::after(util::Duration(300)));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, util::ErrorKind::Timeout);
  EXPECT_STARTS_WITH(result.error().message,
                     "`/bin/sh -c sleep 100 & sleep 100` did not "
                     "finish within 0.");
  EXPECT_CONTAINS(result.error().message, "; killed it");
  EXPECT_EQ(descendants(::getpid()), std::vector<int>{});
}

TEST(SpawnTest, MissingBinaryNamesItAndTheReason) {
  auto child = Child::spawn(cmd({"/nonexistent/dlv", "dap"}));
  ASSERT_FALSE(child.ok());
  EXPECT_EQ(child.error().kind, util::ErrorKind::Process);
  EXPECT_EQ(child.error().message, "cannot start /nonexistent/dlv: No such file or directory");
}

TEST(SpawnTest, UnknownNameIsNotFoundInPath) {
  auto child = Child::spawn(cmd({"no-such-tool-for-process-test"}));
  ASSERT_FALSE(child.ok());
  EXPECT_EQ(child.error().message, "cannot start no-such-tool-for-process-test: not found in PATH");
}

TEST(SpawnTest, MissingWorkingDirectory) {
  SpawnOptions options = cmd({"/bin/true"});
  options.cwd = "/nonexistent/dir";
  auto child = Child::spawn(options);
  ASSERT_FALSE(child.ok());
  EXPECT_EQ(child.error().message,
            "cannot start /bin/true: working directory /nonexistent/dir does not exist");
}

TEST(SpawnTest, ChildLeadsItsOwnProcessGroup) {
  auto child = must_spawn(cmd({"/bin/sleep", "100"}));
  ASSERT_TRUE(child);
  EXPECT_EQ(::getpgid(child->pid()), child->pid());
  EXPECT_NE(::getpgid(child->pid()), ::getpgrp());
}

TEST(SpawnTest, CapturesFd3AndCopiesItToAFile) {
  auto dir = temp_dir();
  SpawnOptions options = cmd({"/bin/sh", "-c", "echo to-fd3 >&3; echo out"});
  options.capture_fd3 = true;
  options.fd3_copy_to = dir / "fd3.log";
  auto child = must_spawn(options);
  ASSERT_TRUE(child);
  auto line = child->wait_for_line([](std::string_view l) { return l == "to-fd3"; }, soon());
  ASSERT_TRUE(line.ok()) << line.error().message;
  auto status = child->wait(soon());
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(child->fd3_text(), "to-fd3\n");
  EXPECT_EQ(child->stdout_text(), "out\n");
  EXPECT_EQ(read_file(dir / "fd3.log"), "to-fd3\n");
}

TEST(SpawnTest, Fd3CopyFileThatCannotBeOpened) {
  SpawnOptions options = cmd({"/bin/true"});
  options.capture_fd3 = true;
  options.fd3_copy_to = "/nonexistent/dir/log";
  auto child = Child::spawn(options);
  ASSERT_FALSE(child.ok());
  EXPECT_EQ(child.error().kind, util::ErrorKind::Io);
  EXPECT_EQ(child.error().message,
            "cannot open /nonexistent/dir/log for writing: No such file or directory");
}

TEST(WaitForLineTest, FindsLinesOnBothStreamsIncludingEarlierOnes) {
  auto child =
      must_spawn(cmd({"/bin/sh", "-c", "echo first; echo 'ready on stderr' >&2; sleep 100"}));
  ASSERT_TRUE(child);
  auto ready =
      child->wait_for_line([](std::string_view l) { return l == "ready on stderr"; }, soon());
  ASSERT_TRUE(ready.ok()) << ready.error().message;
  EXPECT_EQ(*ready, "ready on stderr");
  auto first =
      child->wait_for_line([](std::string_view l) { return util::starts_with(l, "fir"); }, soon());
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(*first, "first");
}

TEST(WaitForLineTest, FinalLineWithoutNewlineCounts) {
  auto child = must_spawn(cmd({"/usr/bin/printf", "a\\r\\nno newline"}));
  ASSERT_TRUE(child);
  auto line = child->wait_for_line([](std::string_view l) { return l == "no newline"; }, soon());
  ASSERT_TRUE(line.ok()) << line.error().message;
  auto crlf = child->wait_for_line([](std::string_view l) { return l == "a"; }, soon());
  EXPECT_TRUE(crlf.ok());
}

TEST(WaitForLineTest, ProcessExitingFirstIsAProcessError) {
  auto child = must_spawn(cmd({"/bin/sh", "-c", "echo oops >&2; exit 4"}));
  ASSERT_TRUE(child);
  auto line = child->wait_for_line([](std::string_view l) { return l == "never"; }, soon());
  ASSERT_FALSE(line.ok());
  EXPECT_EQ(line.error().kind, util::ErrorKind::Process);
  EXPECT_EQ(line.error().message,
            "/bin/sh exited (exit status 4) before printing the expected line; stderr: oops");
}

TEST(WaitForLineTest, DeadlineIsATimeoutError) {
  auto child = must_spawn(cmd({"/bin/sleep", "100"}));
  ASSERT_TRUE(child);
  auto line = child->wait_for_line([](std::string_view) { return true; },
                                   util::Deadline::after(util::Duration(200)));
  ASSERT_FALSE(line.ok());
  EXPECT_EQ(line.error().kind, util::ErrorKind::Timeout);
  EXPECT_STARTS_WITH(line.error().message, "/bin/sleep did not print the expected line within 0.");
  EXPECT_FALSE(child->exit_status().has_value());
}

TEST(WaitTest, DeadlineLeavesTheProcessRunning) {
  auto child = must_spawn(cmd({"/bin/sleep", "100"}));
  ASSERT_TRUE(child);
  auto status = child->wait(util::Deadline::after(util::Duration(100)));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().kind, util::ErrorKind::Timeout);
  EXPECT_STARTS_WITH(status.error().message, "/bin/sleep (pid " + std::to_string(child->pid()) +
                                                 ") did not exit within 0.");
  EXPECT_TRUE(is_alive(child->pid()));
}

TEST(WaitTest, ReturnsEvenWhenADetachedGrandchildHoldsThePipe) {
  become_subreaper();
  auto child = must_spawn(cmd({"/bin/sh", "-c", "setsid sleep 100 & echo started"}));
  ASSERT_TRUE(child);
  auto status = child->wait(soon());
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_EQ(child->stdout_text(), "started\n");
  child->terminate_tree(util::Duration(1000));
  // The orphaned sleep was re-parented to us (subreaper) and ended with the tree.
  EXPECT_EQ(descendants(::getpid()), std::vector<int>{});
}

// dlv lives on after the program it ran has exited: catch_up says when all the program wrote
// to the shared pipes is in, without waiting for an end of stream that does not come.
TEST(CatchUpTest, EverythingWrittenBeforeTheCallIsReadWhileTheWriterLivesOn) {
  auto dir = util::testing::scratch_dir();
  const auto marker = dir / "written";
  for (int round = 0; round < 20; ++round) {
    std::filesystem::remove(marker);
    auto child = must_spawn(cmd({"sh", "-c",
                                 "head -c 300000 /dev/zero; printf end; head -c 1000 /dev/zero >&2;"
                                 " : > " +
                                     marker.string() + "; exec sleep 30"}));
    ASSERT_TRUE(child);
    auto until = soon();
    while (!std::filesystem::exists(marker) && !until.expired())
      std::this_thread::sleep_for(util::Duration(1));
    ASSERT_TRUE(std::filesystem::exists(marker));
    EXPECT_TRUE(child->catch_up(soon()));
    EXPECT_EQ(child->stdout_text().size(), 300003u) << "round " << round;
    EXPECT_EQ(child->stderr_text().size(), 1000u) << "round " << round;
    EXPECT_FALSE(child->exit_status());  // still running: no end of stream helped
    child->terminate_tree(util::Duration(100));
    EXPECT_TRUE(child->catch_up(soon()));  // after the end, trivially
  }
}

TEST(TerminateTreeTest, LeavesNoDescendantAlive) {
  auto child = must_spawn(cmd({"/bin/sh", "-c", "sleep 100 & sleep 100"}));
  ASSERT_TRUE(child);
  std::vector<int> tree = wait_for_descendants(child->pid(), 2);
  ASSERT_EQ(tree.size(), 2u);
  child->terminate_tree(util::Duration(2000));
  EXPECT_FALSE(std::filesystem::exists("/proc/" + std::to_string(child->pid()))) << "not reaped";
  for (int pid : tree) EXPECT_FALSE(is_alive(pid)) << "pid " << pid;
  ASSERT_TRUE(child->exit_status().has_value());
  EXPECT_EQ(child->exit_status()->str(), "killed by signal 15 (SIGTERM)");
  child->terminate_tree(util::Duration(2000));  // idempotent
  EXPECT_EQ(child->exit_status()->str(), "killed by signal 15 (SIGTERM)");
}

TEST(TerminateTreeTest, KillsWhatIgnoresSigterm) {
  auto child = must_spawn(cmd({"/bin/sh", "-c", "trap '' TERM; echo trapped; sleep 100 & wait"}));
  ASSERT_TRUE(child);
  ASSERT_TRUE(child->wait_for_line([](std::string_view l) { return l == "trapped"; }, soon()).ok());
  std::vector<int> tree = wait_for_descendants(child->pid(), 1);
  child->terminate_tree(util::Duration(200));
  ASSERT_TRUE(child->exit_status().has_value());
  EXPECT_EQ(child->exit_status()->str(), "killed by signal 9 (SIGKILL)");
  for (int pid : tree) EXPECT_FALSE(is_alive(pid)) << "pid " << pid;
}

TEST(TerminateTreeTest, KillsDescendantsInOtherProcessGroups) {
  become_subreaper();
  auto child = must_spawn(cmd({"/bin/sh", "-c", "setsid sleep 100 & wait"}));
  ASSERT_TRUE(child);
  std::vector<int> tree = wait_for_descendants(child->pid(), 1);
  ASSERT_EQ(tree.size(), 1u);
  auto deadline = soon();  // until the forked shell has run setsid
  while (::getpgid(tree[0]) == child->pid() && !deadline.expired()) {
    std::this_thread::sleep_for(util::Duration(5));
  }
  ASSERT_NE(::getpgid(tree[0]), child->pid());
  child->terminate_tree(util::Duration(2000));
  EXPECT_FALSE(is_alive(tree[0]));
  EXPECT_EQ(descendants(::getpid()), std::vector<int>{});
}

TEST(TerminateTreeTest, EndsItsOwnOrphansAndNotAnotherChilds) {
  // Two children at once (as with `harness run -j 2`), each leaving an orphan in a session of its
  // own: each teardown must end its own orphan only.
  become_subreaper();
  auto start = [] {
    auto child = must_spawn(cmd({"/bin/sh", "-c", "setsid sleep 100 & echo $!"}));
    EXPECT_TRUE(child);
    EXPECT_TRUE(child->wait(soon()).ok());
    return child;
  };
  auto a = start(), b = start();
  ASSERT_TRUE(a && b);
  int orphan_a = std::stoi(a->stdout_text()), orphan_b = std::stoi(b->stdout_text());
  ASSERT_TRUE(is_alive(orphan_a) && is_alive(orphan_b));
  a->terminate_tree(util::Duration(500));
  EXPECT_FALSE(is_alive(orphan_a));
  EXPECT_TRUE(is_alive(orphan_b)) << "another child's orphan was ended";
  b->terminate_tree(util::Duration(500));
  EXPECT_FALSE(is_alive(orphan_b));
  EXPECT_EQ(descendants(::getpid()), std::vector<int>{});
}

TEST(TerminateTreeTest, DestructorEndsARunningChild) {
  auto child = must_spawn(cmd({"/bin/sleep", "100"}));
  ASSERT_TRUE(child);
  int pid = child->pid();
  child.reset();
  EXPECT_FALSE(is_alive(pid));
}

TEST(KillDescendantsTest, EndsEveryDescendantWhateverItsGroupOrParent) {
  become_subreaper();  // the orphaned sleep stays a descendant
  auto child = must_spawn(cmd({"/bin/sh", "-c", "trap '' TERM; setsid sleep 100 & sleep 100"}));
  ASSERT_TRUE(child);
  std::vector<int> tree = wait_for_descendants(child->pid(), 2);
  ASSERT_EQ(tree.size(), 2u);
  EXPECT_EQ(kill_descendants(soon()), std::vector<int>{});
  for (int pid : tree) EXPECT_FALSE(is_alive(pid)) << "pid " << pid;
  EXPECT_FALSE(is_alive(child->pid()));
  child.reset();
  reap_adopted();
}

TEST(KillDescendantsTest, ReturnsAtOnceWhenThereIsNone) {
  EXPECT_EQ(kill_descendants(util::Deadline::after(util::Duration(0))), std::vector<int>{});
}

// Forked: stop_spawning cannot be undone in the test binary.
TEST(StopSpawningDeathTest, LaterSpawnsFailAndSayWhy) {
  EXPECT_EXIT(
      {
        stop_spawning();
        auto child = Child::spawn(cmd({"/bin/true"}));
        bool refused =
            !child.ok() && child.error().message == "cannot start /bin/true: the harness is ending";
        std::_Exit(refused ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

TEST(PathLookupTest, FindsExecutablesInAGivenPath) {
  auto found = find_executable("sh", std::string("/nonexistent:/bin"));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, std::filesystem::path("/bin/sh"));
  EXPECT_FALSE(find_executable("sh", std::string("/nonexistent")).has_value());
  EXPECT_FALSE(find_executable("/etc/passwd").has_value());  // not executable
}

}  // namespace
}  // namespace process
