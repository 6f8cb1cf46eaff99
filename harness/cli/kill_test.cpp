// SIGKILL of the harness (a cancelled CI job, the OOM killer, `timeout -s KILL`) at the moments
// that used to leave dlv, a build or a debuggee running: nothing the harness started may outlive
// it. Every run carries a marker variable of its own in its environment, which everything it
// starts inherits; after the kill, no living process may carry it. Then a terminal's Ctrl-C and
// Ctrl-Z, which signal the harness's process group.
#include <dirent.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "harness/gotool/toolchain.h"
#include "harness/process/child.h"
#include "harness/util/strings.h"
#include "harness/util/test_support.h"

namespace cli {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = HARNESS_SOURCE_DIR;
const fs::path kHarness = fs::path(HARNESS_BINARY_DIR) / "bin" / "harness";
constexpr const char* kMarkerVariable = "HARNESS_KILL_TEST";
// How long what the harness started may take to end after the harness was killed.
constexpr util::Duration kCleanupTime{10'000};
// How long a run may take to reach the moment a test kills it at (a cold build included).
constexpr util::Duration kReachTime{180'000};

// A living process as /proc shows it.
struct Proc {
  int pid = 0;
  int ppid = 0;
  char state = '?';
  std::string comm;
  std::vector<std::string> argv;
};

std::string proc_file(int pid, const char* name) {
  return util::testing::read_file("/proc/" + std::to_string(pid) + "/" + name);
}

std::optional<Proc> read_proc(int pid) {
  std::string stat = proc_file(pid, "stat");
  auto open = stat.find('('), close = stat.rfind(')');
  if (open == std::string::npos || close == std::string::npos) return std::nullopt;
  Proc proc;
  proc.pid = pid;
  proc.comm = stat.substr(open + 1, close - open - 1);
  std::istringstream rest(stat.substr(close + 1));
  if (!(rest >> proc.state >> proc.ppid)) return std::nullopt;
  proc.argv = util::split(proc_file(pid, "cmdline"), '\0');
  return proc;
}

std::vector<int> all_pids() {
  std::vector<int> pids;
  DIR* dir = ::opendir("/proc");
  if (!dir) return pids;
  while (dirent* entry = ::readdir(dir)) {
    if (int pid = std::atoi(entry->d_name); pid > 0) pids.push_back(pid);
  }
  ::closedir(dir);
  return pids;
}

// The living processes (zombies aside) whose environment holds `entry` ("NAME=value").
std::vector<Proc> processes_carrying(const std::string& entry) {
  std::vector<Proc> found;
  for (int pid : all_pids()) {
    auto environment = util::split(proc_file(pid, "environ"), '\0');
    if (std::find(environment.begin(), environment.end(), entry) == environment.end()) continue;
    auto proc = read_proc(pid);
    if (proc && proc->state != 'Z' && proc->state != 'X') found.push_back(*proc);
  }
  return found;
}

std::string describe(const std::vector<Proc>& procs) {
  std::string text;
  for (const auto& p : procs) {
    text += "\n  pid " + std::to_string(p.pid) + " (" + p.comm + ", state " + p.state +
            "): " + util::join(p.argv, " ");
  }
  return text;
}

std::string random_hex() {
  std::random_device device;
  std::ostringstream text;
  text << std::hex << device() << device();
  return text.str();
}

// `harness ARGS`, started from the source folder with a marker of its own in its environment.
// Whatever happens in the test, the destructor SIGKILLs every process still carrying the marker,
// so that a failing test leaves nothing behind.
class MarkedRun {
 public:
  // `launcher`: a command that runs the harness, e.g. {"setsid", "-w"}.
  explicit MarkedRun(std::vector<std::string> args, std::vector<std::string> launcher = {})
      : marker_(std::string(kMarkerVariable) + "=" + random_hex()) {
    process::SpawnOptions options;
    options.argv = std::move(launcher);
    options.argv.push_back(kHarness.string());
    options.argv.insert(options.argv.end(), args.begin(), args.end());
    options.cwd = kSource;
    options.env_overrides = {{kMarkerVariable, marker_.substr(marker_.find('=') + 1)}};
    auto child = process::Child::spawn(options);
    EXPECT_TRUE(child.ok()) << child.error().str();
    if (child.ok()) child_ = std::move(*child);
  }

  ~MarkedRun() {
    auto until = util::Deadline::after(kCleanupTime);
    for (auto left = processes(); !left.empty() && !until.expired(); left = processes()) {
      for (const auto& proc : left) ::kill(proc.pid, SIGKILL);
      std::this_thread::sleep_for(util::Duration(20));
    }
    process::reap_adopted();  // orphans re-parented to this test binary if it is a subreaper
  }
  MarkedRun(const MarkedRun&) = delete;
  MarkedRun& operator=(const MarkedRun&) = delete;

  bool started() const { return child_ != nullptr; }
  // The process started (without a launcher, the one a user, CI or `timeout` would signal).
  int pid() const { return child_->pid(); }
  process::Child& child() { return *child_; }

  // The run's living processes, the harness included.
  std::vector<Proc> processes() const { return processes_carrying(marker_); }

  // Polls until `ready` holds; false when the harness ended first or `budget` passed.
  bool wait_until(const std::function<bool()>& ready, util::Duration budget = kReachTime) const {
    auto until = util::Deadline::after(budget);
    while (!until.expired() && !child_->exit_status()) {
      if (ready()) return true;
      std::this_thread::sleep_for(util::Duration(10));
    }
    return false;
  }

  // The first of the run's processes that satisfies `wanted`, once there is one (see wait_until).
  std::optional<Proc> wait_for_process(const std::function<bool(const Proc&)>& wanted) const {
    std::optional<Proc> found;
    wait_until([&] {
      for (const auto& proc : processes())
        if (wanted(proc)) found = proc;
      return found.has_value();
    });
    return found;
  }

  // Polls until none of the run's processes is alive; those still alive after kCleanupTime.
  std::vector<Proc> survivors() const {
    auto until = util::Deadline::after(kCleanupTime);
    auto left = processes();
    while (!left.empty() && !until.expired()) {
      std::this_thread::sleep_for(util::Duration(20));
      left = processes();
    }
    return left;
  }

 private:
  std::string marker_;
  std::unique_ptr<process::Child> child_;
};

// How a scenario reaches dlv (see docs/scenarios.md, Topologies): its launch mapping.
struct Topology {
  std::string name;
  std::string launch;
};

const Topology kDap{"dap", "{mode: exec}"};
const Topology kHeadless{"headless", "{mode: exec, topology: headless}"};
const Topology kAttach{"attach", "{mode: exec, topology: attach, ready_output: ticker ready}"};

void PrintTo(const Topology& topology, std::ostream* out) {
  *out << topology.name;
}

std::string topology_name(const ::testing::TestParamInfo<Topology>& info) {
  return info.param.name;
}

// A scenario of goprojects/ticker (which ticks until it is killed, calling tick at line 13)
// started as `topology` says, with `rest` (breakpoints, steps) after its launch.
std::string ticker_scenario(const Topology& topology, const std::string& rest) {
  return "name: killed\nprogram: " + (kSource / "goprojects/ticker").string() +
         "\nlaunch: " + topology.launch + "\n" + rest;
}

// The steps of a run that lasts until it is stopped from outside.
constexpr const char* kEndlessSteps =
    "steps:\n"
    "  - continue: {}\n"
    "  - expect_exit: {code: 0}\n"
    "    timeout: 100\n";

// A run of one endless scenario written into `dir`, with `more` arguments.
std::vector<std::string> endless_run_args(const fs::path& dir, const Topology& topology,
                                          std::vector<std::string> more = {}) {
  util::testing::write_file(dir / "ticks.yaml", ticker_scenario(topology, kEndlessSteps));
  more.insert(more.begin(), {"run", (dir / "ticks.yaml").string(), "--timeout", "150", "--reports",
                             (dir / "reports").string()});
  return more;
}

// Whether `proc` runs under a debugger (ptrace).
bool is_traced(const Proc& proc) {
  std::string status = proc_file(proc.pid, "status");
  auto at = status.find("TracerPid:");
  return at != std::string::npos && std::atoi(status.c_str() + at + 10) != 0;
}

// Waits until `count` tickers run (not stopped) under dlv.
void reach_running_tickers(MarkedRun& run, std::size_t count) {
  ASSERT_TRUE(run.started());
  ASSERT_TRUE(run.wait_until([&] {
    std::size_t running = 0;
    for (const auto& p : run.processes())
      running += p.comm == "ticker" && p.state != 't' && is_traced(p);
    return running == count;
  })) << "the debuggees never ran under dlv; harness output:\n"
      << run.child().stdout_text() << run.child().stderr_text();
}

// The harness's process under the one started: the worker, which runs the harness.
std::optional<Proc> worker_of(const MarkedRun& run) {
  return run.wait_for_process(
      [&](const Proc& p) { return p.ppid == run.pid() && p.comm == "harness"; });
}

// A dlv that hands its listen line on (dlv writes it to fd 3, its --log-dest) only once
// `dir`/release exists, and says so by creating `dir`/holding: the harness has started dlv,
// which listens, but does not know where yet. Other subcommands (version) run the real dlv.
fs::path write_holding_dlv(const fs::path& dir) {
  constexpr const char* kScript = R"(#!/bin/bash
real='@DLV@'
dir=$(dirname "$0")
[ "$1" = dap ] || exec "$real" "$@"
log="$dir/log.$$"
mkfifo "$log"
"$real" "$@" 3>"$log" &
exec 4<"$log"
lines=
while IFS= read -r line <&4; do
  lines+="$line"$'\n'
  case $line in *'listening at:'*) break ;; esac
done
touch "$dir/holding"
for _ in $(seq 600); do [ -e "$dir/release" ] && break; sleep 0.1; done
printf '%s' "$lines" >&3
cat <&4 >&3
wait
)";
  auto wrapper = dir / "holding-dlv";
  util::testing::write_file(
      wrapper, util::testing::replace_first(kScript, "@DLV@", util::testing::dlv_for_tests()));
  fs::permissions(wrapper, fs::perms::owner_all);
  return wrapper;
}

// Waits until the wrapper of write_holding_dlv holds dlv's listen line.
void reach_held_listen_line(MarkedRun& run, const fs::path& dir) {
  ASSERT_TRUE(run.started());
  ASSERT_TRUE(run.wait_until([&] { return fs::exists(dir / "holding"); }))
      << "the wrapper never got dlv's listen line; harness output:\n"
      << run.child().stdout_text() << run.child().stderr_text();
}

// The transcript of a real run of fixtures/cli/passes.yaml, for replay.
fs::path real_transcript(const fs::path& dir) {
  process::SpawnOptions options;
  options.argv = {kHarness.string(), "run", "fixtures/cli/passes.yaml", "--reports",
                  (dir / "first").string()};
  options.cwd = kSource;
  auto r = process::run(options, util::Deadline::after(kReachTime));
  EXPECT_TRUE(r.ok() && r->status.success()) << (r.ok() ? r->out + r->err : r.error().str());
  return dir / "first/artifacts/fixtures_cli_passes.yaml/transcript.txt";
}

// The arguments of a subcommand that starts `dlv dap`, with the dlv of write_holding_dlv; run
// and record last until they are stopped from outside.
std::vector<std::string> held_command_args(const std::string& command, const fs::path& dir) {
  auto dlv = write_holding_dlv(dir).string();
  if (command == "run") return endless_run_args(dir, kDap, {"--dlv", dlv});
  if (command == "record") {
    util::testing::write_file(dir / "skeleton.yaml", ticker_scenario(kDap, "timeout: 100\n"));
    return {"record",    (dir / "skeleton.yaml").string(),
            "-o",        (dir / "recorded.yaml").string(),
            "--dlv",     dlv,
            "--reports", (dir / "reports").string()};
  }
  if (command == "replay") return {"replay", real_transcript(dir).string(), "--dlv", dlv};
  return {"doctor", "--dlv", dlv};
}

// A go whose `build` waits, as a long (cold) build would, until `dir`/release exists, and says
// it has begun by creating `dir`/building. Other subcommands run the real go. It is named go, in
// a folder of its own, so that dlv finds it first on the PATH the harness gives it.
fs::path write_holding_go(const fs::path& dir) {
  constexpr const char* kScript = R"(#!/bin/bash
dir=$(dirname "$0")/..
if [ "$1" = build ]; then
  touch "$dir/building"
  for _ in $(seq 600); do [ -e "$dir/release" ] && break; sleep 0.1; done
fi
exec '@GO@' "$@"
)";
  auto go = gotool::find_go(std::nullopt);
  EXPECT_TRUE(go.ok()) << go.error().str();
  fs::create_directories(dir / "go-bin");
  auto wrapper = dir / "go-bin" / "go";
  util::testing::write_file(
      wrapper, util::testing::replace_first(kScript, "@GO@", go.ok() ? go->go.string() : "go"));
  fs::permissions(wrapper, fs::perms::owner_all);
  return wrapper;
}

// Whether a dlv log under `reports` shows a stopped event at a breakpoint (dlv writes its log
// as it goes, and the harness copies it as it comes).
bool log_shows_breakpoint_stop(const fs::path& reports) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(reports, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->path().filename() != "dlv.log") continue;
    std::string log = util::testing::read_file(it->path());
    if (log.find("\"event\":\"stopped\",\"body\":{\"reason\":\"breakpoint\"") != std::string::npos)
      return true;
  }
  return false;
}

// Whether the process `pid` is stopped (job control).
bool is_stopped(int pid) {
  auto proc = read_proc(pid);
  return proc && proc->state == 'T';
}

// Killed after starting dlv, before dlv told it where it listens: dlv then waits for its one
// client forever. Every subcommand that starts dlv.
class KillWhileDlvListens : public ::testing::TestWithParam<std::string> {};

TEST_P(KillWhileDlvListens, LeavesNothing) {
  auto dir = util::testing::scratch_dir();
  MarkedRun run(held_command_args(GetParam(), dir));
  reach_held_listen_line(run, dir);
  ::kill(run.pid(), SIGKILL);
  util::testing::write_file(dir / "release", "");  // the wrapper then hands the line on
  auto left = run.survivors();
  EXPECT_TRUE(left.empty()) << "left behind:" << describe(left);
}

INSTANTIATE_TEST_SUITE_P(KillHarness, KillWhileDlvListens,
                         ::testing::Values("run", "record", "replay", "doctor"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

// Killed while a build runs: the harness's own (mode exec), dlv dap's or a headless dlv's (mode
// debug).
class KillDuringBuild : public ::testing::TestWithParam<Topology> {};

TEST_P(KillDuringBuild, LeavesNothing) {
  auto dir = util::testing::scratch_dir();
  auto go = write_holding_go(dir);
  MarkedRun run(endless_run_args(dir, GetParam(),
                                 {"--go", go.string(), "--cache", (dir / "cache").string()}));
  ASSERT_TRUE(run.started());
  ASSERT_TRUE(run.wait_until([&] { return fs::exists(dir / "building"); }))
      << "no build began; harness output:\n"
      << run.child().stdout_text() << run.child().stderr_text();
  ::kill(run.pid(), SIGKILL);
  auto left = run.survivors();
  EXPECT_TRUE(left.empty()) << "left behind:" << describe(left);
}

INSTANTIATE_TEST_SUITE_P(
    KillHarness, KillDuringBuild,
    ::testing::Values(Topology{"harness", "{mode: exec}"}, Topology{"dlv", "{mode: debug}"},
                      Topology{"headless_dlv", "{mode: debug, topology: headless}"}),
    topology_name);

// Killed while the debuggee is stopped at a breakpoint, for each way of reaching dlv.
class KillAtBreakpoint : public ::testing::TestWithParam<Topology> {};

TEST_P(KillAtBreakpoint, LeavesNothing) {
  auto dir = util::testing::scratch_dir();
  auto reports = dir / "reports";
  util::testing::write_file(dir / "stops.yaml",
                            ticker_scenario(GetParam(),
                                            "breakpoints:\n"
                                            "  main.go:\n"
                                            "    - {id: tick, line: 13}\n"
                                            "steps:\n"
                                            "  - continue: {}\n"
                                            "  - expect_stop: {reason: breakpoint, at: tick}\n"
                                            "  - expect_output: {contains: never printed}\n"
                                            "    timeout: 100\n"));
  MarkedRun run(
      {"run", (dir / "stops.yaml").string(), "--reports", reports.string(), "--timeout", "150"});
  ASSERT_TRUE(run.started());
  ASSERT_TRUE(run.wait_until([&] {
    if (!log_shows_breakpoint_stop(reports)) return false;
    for (const auto& p : run.processes())
      if (p.comm == "ticker" && p.state == 't' && is_traced(p)) return true;
    return false;
  })) << "the debuggee never stopped at its breakpoint; harness output:\n"
      << run.child().stdout_text() << run.child().stderr_text();
  ::kill(run.pid(), SIGKILL);
  auto left = run.survivors();
  EXPECT_TRUE(left.empty()) << "left behind:" << describe(left);
}

INSTANTIATE_TEST_SUITE_P(KillHarness, KillAtBreakpoint, ::testing::Values(kDap, kHeadless, kAttach),
                         topology_name);

// Killed while two debuggees run under dlv (a parallel run), for each way of reaching dlv.
class KillWhileRunning : public ::testing::TestWithParam<Topology> {};

TEST_P(KillWhileRunning, LeavesNothing) {
  auto dir = util::testing::scratch_dir();
  std::string text = ticker_scenario(GetParam(), kEndlessSteps);
  util::testing::write_file(dir / "a.yaml", text);
  util::testing::write_file(dir / "b.yaml", text);
  MarkedRun run({"run", (dir / "a.yaml").string(), (dir / "b.yaml").string(), "-j", "2",
                 "--timeout", "150", "--reports", (dir / "reports").string()});
  reach_running_tickers(run, 2);
  ::kill(run.pid(), SIGKILL);
  auto left = run.survivors();
  EXPECT_TRUE(left.empty()) << "left behind:" << describe(left);
}

INSTANTIATE_TEST_SUITE_P(KillHarness, KillWhileRunning, ::testing::Values(kDap, kHeadless, kAttach),
                         topology_name);

// The OOM killer picks the process that uses the memory: the one doing the work, not the one
// started. What it leaves must end too, and the started process must end as it did.
TEST(KillHarness, TheWorkingProcessKilledAloneLeavesNothingAndItsStatusIsPassedOn) {
  auto dir = util::testing::scratch_dir();
  MarkedRun run(held_command_args("run", dir));
  reach_held_listen_line(run, dir);
  auto worker = worker_of(run);
  ASSERT_TRUE(worker) << "no harness process under the started one:" << describe(run.processes());
  ::kill(worker->pid, SIGKILL);
  util::testing::write_file(dir / "release", "");
  auto status = run.child().wait(util::Deadline::after(kCleanupTime));
  ASSERT_TRUE(status.ok()) << status.error().str();
  EXPECT_EQ(status->str(), "killed by signal 9 (SIGKILL)");
  EXPECT_NE(run.child().stderr_text().find("harness: the harness process ended (killed by signal "
                                           "9 (SIGKILL)); its guard ended "),
            std::string::npos)
      << run.child().stderr_text();
  auto left = run.survivors();
  EXPECT_TRUE(left.empty()) << "left behind:" << describe(left);
}

// `timeout -s KILL` signals its whole process group, and CI runners often do the same.
TEST(KillHarness, ItsWholeProcessGroupKilled) {
  auto dir = util::testing::scratch_dir();
  MarkedRun run(held_command_args("run", dir));
  reach_held_listen_line(run, dir);
  ::kill(-run.pid(), SIGKILL);  // the harness was started in a process group of its own
  util::testing::write_file(dir / "release", "");
  auto left = run.survivors();
  EXPECT_TRUE(left.empty()) << "left behind:" << describe(left);
}

// Suspended (Ctrl-Z), then killed. The stopped worker is then left in an orphaned process group
// (its new parent is in another session), so the kernel sends it SIGHUP and SIGCONT.
TEST(KillHarness, WhileSuspended) {
  auto dir = util::testing::scratch_dir();
  MarkedRun run(endless_run_args(dir, kAttach), {"setsid", "-w"});  // a session of its own
  reach_running_tickers(run, 1);
  auto guard = run.wait_for_process(
      [&](const Proc& p) { return p.ppid == run.pid() && p.comm == "harness"; });
  ASSERT_TRUE(guard) << "no harness under setsid:" << describe(run.processes());
  auto worker = run.wait_for_process(
      [&](const Proc& p) { return p.ppid == guard->pid && p.comm == "harness"; });
  ASSERT_TRUE(worker) << "no harness process under the started one:" << describe(run.processes());
  ::kill(guard->pid, SIGTSTP);
  ASSERT_TRUE(run.wait_until([&] { return is_stopped(guard->pid) && is_stopped(worker->pid); },
                             kCleanupTime));
  ::kill(guard->pid, SIGKILL);
  auto left = run.survivors();
  EXPECT_TRUE(left.empty()) << "left behind:" << describe(left);
}

// Suspended, then killed, where the kernel does not continue the stopped worker: its new parent
// (this test binary, made a subreaper) is in its session, so its group is not orphaned (CI saw
// this: the worker stayed stopped with dlv and the program). The worker's parent-death signal
// (SIGCONT) resumes it, and it ends everything.
TEST(KillHarness, WhileSuspendedUnderASubreaperOfItsSession) {
  process::become_subreaper();
  auto dir = util::testing::scratch_dir();
  MarkedRun run(endless_run_args(dir, kAttach));
  reach_running_tickers(run, 1);
  auto worker = run.wait_for_process(
      [&](const Proc& p) { return p.ppid == run.pid() && p.comm == "harness"; });
  ASSERT_TRUE(worker) << "no harness process under the started one:" << describe(run.processes());
  ::kill(run.pid(), SIGTSTP);
  ASSERT_TRUE(run.wait_until([&] { return is_stopped(run.pid()) && is_stopped(worker->pid); },
                             kCleanupTime));
  ::kill(run.pid(), SIGKILL);
  auto left = run.survivors();
  EXPECT_TRUE(left.empty()) << "left behind:" << describe(left);
}

// A terminal's Ctrl-C signals its foreground process group, the harness's: the run still ends as
// interrupted, with a partial report, and leaves nothing.
TEST(TerminalSignals, CtrlCEndsTheRunAsInterruptedAndLeavesNothing) {
  auto dir = util::testing::scratch_dir();
  MarkedRun run(endless_run_args(dir, kDap));
  reach_running_tickers(run, 1);
  ::kill(-run.pid(), SIGINT);
  auto status = run.child().wait(util::Deadline::after(util::Duration(60'000)));
  ASSERT_TRUE(status.ok()) << status.error().str();
  EXPECT_EQ(status->str(), "exit status 130");
  EXPECT_NE(run.child().stdout_text().find("harness: stopped: interrupted by SIGINT"),
            std::string::npos)
      << run.child().stdout_text();
  EXPECT_NE(util::testing::read_file(dir / "reports/junit.xml")
                .find("name=\"partial\" value=\"true: interrupted by SIGINT\""),
            std::string::npos);
  auto left = run.survivors();
  EXPECT_TRUE(left.empty()) << "left behind:" << describe(left);
}

// Ctrl-Z (SIGTSTP to the foreground group) stops the harness, fg (SIGCONT to it) continues it:
// the process doing the work as well as the one started.
TEST(TerminalSignals, CtrlZStopsTheWholeHarnessAndFgContinuesIt) {
  auto dir = util::testing::scratch_dir();
  MarkedRun run(endless_run_args(dir, kDap));
  reach_running_tickers(run, 1);
  auto worker = worker_of(run);
  ASSERT_TRUE(worker) << "no harness process under the started one:" << describe(run.processes());
  ::kill(-run.pid(), SIGTSTP);
  EXPECT_TRUE(run.wait_until([&] { return is_stopped(run.pid()) && is_stopped(worker->pid); },
                             kCleanupTime));
  ::kill(-run.pid(), SIGCONT);
  EXPECT_TRUE(run.wait_until([&] { return !is_stopped(run.pid()) && !is_stopped(worker->pid); },
                             kCleanupTime));
  ::kill(run.pid(), SIGTERM);
  auto status = run.child().wait(util::Deadline::after(util::Duration(60'000)));
  ASSERT_TRUE(status.ok()) << status.error().str();
  EXPECT_EQ(status->str(), "exit status 143");
  auto left = run.survivors();
  EXPECT_TRUE(left.empty()) << "left behind:" << describe(left);
}

}  // namespace
}  // namespace cli
