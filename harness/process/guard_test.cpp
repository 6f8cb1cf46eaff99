// The guard splits the test's forked death-test child in two, as it does the harness: each test
// runs the worker's part in the child of the death test and checks how the guard ended. Then the
// worker's last resort (signal_exit.h), also in forked children: it lasts for a process's life.
#include "harness/process/guard.h"

#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <thread>

#include "harness/process/child.h"
#include "harness/process/signal_exit.h"
#include "harness/util/strings.h"
#include "harness/util/test_support.h"

namespace process {
namespace {

// Closes what the worker inherited beyond stdio, among it the death test's pipe, which
// EXPECT_EXIT reads until every holder is gone: it then returns when the guard ends, not when
// the worker's children do. First thing in the worker.
void close_inherited_descriptors() {
  for (int fd = 3; fd < 1024; ++fd) ::close(fd);
}

// Starts `sleep 30` (longer than any test waits) as a Child the worker never ends, and writes
// "<worker pid> <sleep pid>" to `file`.
void leave_a_sleep(const std::filesystem::path& file) {
  SpawnOptions options;
  options.argv = {"/bin/sleep", "30"};
  auto sleep = Child::spawn(options);
  if (!sleep.ok()) std::_Exit(90);
  util::testing::write_file(
      file, std::to_string(::getpid()) + " " + std::to_string((*sleep)->pid()) + "\n");
  (void)sleep->release();  // the worker never ends it itself
}

// The pids leave_a_sleep wrote.
std::vector<int> pids_in(const std::filesystem::path& file) {
  std::vector<int> pids;
  for (const auto& word : util::split(util::trim(util::testing::read_file(file)), ' '))
    pids.push_back(std::atoi(word.c_str()));
  return pids;
}

// Expects every one of `pids` to end within 10 s; SIGKILLs those that do not, so that a failing
// test leaves nothing behind.
void expect_ended(const std::vector<int>& pids) {
  auto until = util::Deadline::after(util::Duration(10'000));
  std::vector<int> alive = pids;
  while (!alive.empty() && !until.expired()) {
    std::this_thread::sleep_for(util::Duration(20));
    std::erase_if(alive, [](int pid) { return !is_alive(pid); });
  }
  EXPECT_EQ(alive, std::vector<int>{});
  for (int pid : alive) ::kill(pid, SIGKILL);
}

TEST(GuardDeathTest, EndsWithTheWorkersExitCode) {
  EXPECT_EXIT(
      {
        split_off_guard();
        std::_Exit(7);
      },
      ::testing::ExitedWithCode(7), "");
}

TEST(GuardDeathTest, DiesOfTheSignalThatKilledTheWorker) {
  EXPECT_EXIT(
      {
        split_off_guard();
        ::raise(SIGKILL);
      },
      ::testing::KilledBySignal(SIGKILL), "");
}

TEST(GuardDeathTest, KillsWhatTheWorkerLeft) {
  auto file = util::testing::scratch_dir() / "pids";
  EXPECT_EXIT(
      {
        split_off_guard();
        close_inherited_descriptors();
        leave_a_sleep(file);
        ::raise(SIGKILL);  // as the OOM killer would
      },
      ::testing::KilledBySignal(SIGKILL), "its guard ended 1 process\\(es\\) it left");
  auto pids = pids_in(file);
  ASSERT_EQ(pids.size(), 2u);
  expect_ended(pids);
}

TEST(GuardDeathTest, PassesSigtermOnToTheWorker) {
  auto file = util::testing::scratch_dir() / "pids";
  EXPECT_EXIT(
      {
        split_off_guard();
        close_inherited_descriptors();
        end_descendants_on_termination_signals();
        leave_a_sleep(file);
        ::kill(::getppid(), SIGTERM);
        std::this_thread::sleep_for(std::chrono::seconds(20));  // the signal ends the worker
        std::_Exit(99);
      },
      ::testing::ExitedWithCode(128 + SIGTERM), "");
  auto pids = pids_in(file);
  ASSERT_EQ(pids.size(), 2u);
  expect_ended(pids);
}

TEST(GuardDeathTest, AWorkerWhoseGuardIsKilledEndsWhatItStarted) {
  auto file = util::testing::scratch_dir() / "pids";
  EXPECT_EXIT(
      {
        split_off_guard();
        close_inherited_descriptors();
        end_descendants_on_termination_signals();
        leave_a_sleep(file);
        ::kill(::getppid(), SIGKILL);
        std::this_thread::sleep_for(std::chrono::seconds(20));  // SIGTERM, its parent-death
        std::_Exit(99);                                         // signal, ends the worker
      },
      ::testing::KilledBySignal(SIGKILL), "");
  auto pids = pids_in(file);
  ASSERT_EQ(pids.size(), 2u);
  expect_ended(pids);
}

TEST(GuardDeathTest, TheWorkerIsInAProcessGroupOfItsOwn) {
  EXPECT_EXIT(
      {
        split_off_guard();
        std::_Exit(::getpgrp() == ::getpid() && ::getpgid(::getppid()) != ::getpid() ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

// The worker is not in the terminal's foreground group (SIGTTIN, SIGTTOU), and the reader of
// its output may die with the guard (SIGPIPE): none of these may stop or end it.
TEST(GuardDeathTest, TheWorkerIgnoresTerminalAndPipeSignals) {
  EXPECT_EXIT(
      {
        int fds[2];
        if (::pipe(fds) != 0) std::_Exit(2);
        ::close(fds[0]);
        split_off_guard();
        bool ignored = true;
        for (int sig : {SIGPIPE, SIGTTIN, SIGTTOU}) {
          struct sigaction action;
          ::sigaction(sig, nullptr, &action);
          ignored = ignored && action.sa_handler == SIG_IGN;
        }
        bool wrote_to_nobody = ::write(fds[1], "x", 1) < 0 && errno == EPIPE;
        std::_Exit(ignored && wrote_to_nobody ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

TEST(SignalExitDeathTest, ASignalEndsTheDescendantsAndThenTheProcess) {
  auto file = util::testing::scratch_dir() / "pids";
  EXPECT_EXIT(
      {
        close_inherited_descriptors();
        end_descendants_on_termination_signals();
        leave_a_sleep(file);
        ::raise(SIGHUP);
        std::this_thread::sleep_for(std::chrono::seconds(20));  // the signal ends the process
        std::_Exit(99);
      },
      ::testing::ExitedWithCode(128 + SIGHUP), "");
  auto pids = pids_in(file);
  ASSERT_EQ(pids.size(), 2u);
  expect_ended(pids);
}

TEST(SignalExitDeathTest, SighupIgnoredAsUnderNohupStaysIgnored) {
  EXPECT_EXIT(
      {
        std::signal(SIGHUP, SIG_IGN);
        end_descendants_on_termination_signals();
        ::raise(SIGHUP);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));  // time to end, if it would
        std::_Exit(0);
      },
      ::testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace process
