#pragma once
// Child processes, written directly against POSIX (posix_spawn, pipes, poll, eventfd, /proc,
// prctl) rather than Boost.Process v1. We need things Boost.Process does not give us cleanly:
// the child in its own process group (POSIX_SPAWN_SETPGROUP), an extra output pipe on fd 3
// (dlv's `--log-dest 3`), a subreaper so a debuggee orphaned by a dying dlv is still ours to
// find and kill, and reader threads that can be stopped even while a grandchild keeps a pipe
// open. Commands are argv arrays only; nothing ever goes through a shell.
//
// Reaping: every Child has a waiter thread that reads its exit status with waitid(WNOWAIT) and
// leaves the zombie until terminate_tree() (also run by ~Child) has signalled the process group,
// so the group id cannot have been reused by then. A Child never reaps another process. Processes
// that are not a Child (debuggees re-parented to us after become_subreaper()) are reaped by
// reap_adopted(), which terminate_tree() calls itself.

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "harness/process/exit_status.h"
#include "harness/util/deadline.h"
#include "harness/util/expected.h"

namespace process {

// What to start and how.
struct SpawnOptions {
  // argv[0] is a path (contains '/') or a name looked up in PATH (the PATH of env_overrides if
  // set there, else ours). Never interpreted by a shell.
  std::vector<std::string> argv;
  // Working directory of the child; ours when unset.
  std::optional<std::filesystem::path> cwd;
  // Added to (or replacing entries of) the inherited environment.
  std::map<std::string, std::string> env_overrides;
  // Removed from the inherited environment.
  std::vector<std::string> env_remove;
  // When set, only these inherited variables are passed on (env_overrides are always added).
  std::optional<std::vector<std::string>> env_keep;
  // When true the child also gets a pipe on fd 3, captured like stdout/stderr (see fd3_text()).
  bool capture_fd3 = false;
  // With capture_fd3: every byte read from fd 3 is also written to this file (truncated first)
  // as it arrives, so the file is complete even if the harness is killed.
  std::optional<std::filesystem::path> fd3_copy_to;
};

// The output channels of a Child.
enum class Stream { Stdout = 0, Stderr = 1, Fd3 = 2 };

// A running (or finished) child process in its own process group, stdin from /dev/null, its
// stdout/stderr (and optionally fd 3) captured by reader threads. Thread-safe.
class Child {
 public:
  // Starts a process. Errors: Process "cannot start <argv0>: <reason>", Io for the fd 3 file.
  static util::Expected<std::unique_ptr<Child>> spawn(const SpawnOptions& options);

  // Kills the whole tree (short grace) if still running, and joins all threads.
  ~Child();
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  // Process id, also the process group id.
  int pid() const { return pid_; }
  // argv[0] as given, for messages.
  const std::string& program() const { return program_; }

  // Everything captured so far on a stream.
  std::string stdout_text() const { return text(Stream::Stdout); }
  std::string stderr_text() const { return text(Stream::Stderr); }
  std::string fd3_text() const { return text(Stream::Fd3); }
  std::string text(Stream stream) const;

  // The first complete line (without its line ending) on any captured stream, including lines
  // that arrived before this call, that satisfies `pred`. A final line without '\n' counts once
  // the stream is closed. `pred` runs on the calling thread, outside any lock.
  // Errors: Process "<argv0> exited (<status>) before printing the expected line; stderr: <tail>",
  // Timeout "<argv0> did not print the expected line within <s>".
  util::Expected<std::string> wait_for_line(const std::function<bool(std::string_view)>& pred,
                                            util::Deadline deadline);

  // Waits for the process to exit and for its output to be read.
  // Errors: Timeout "<argv0> (pid N) did not exit within <s>" (the process keeps running).
  util::Expected<ExitStatus> wait(util::Deadline deadline);

  // Waits (at most until `deadline`) until everything written to the captured pipes before
  // this call has been read and appended: no pipe holds unread bytes and no reader is between
  // reading and appending. For "the program has exited, is all its output in?" while the
  // process that shares its pipes (dlv) lives on. True when caught up.
  bool catch_up(util::Deadline deadline);

  // The exit status once the process has ended, else nullopt.
  std::optional<ExitStatus> exit_status() const;

  // Ends the process and all its descendants: collects the descendants (before signalling),
  // SIGTERMs the process group and each descendant, waits up to `grace` for the child, then
  // SIGKILLs everything still alive, reaps, and stops the reader threads. Orphans adopted by
  // this process (see become_subreaper) that descend from this child are ended with it, since
  // their parent is gone: every descendant inherits the child's DLV_HARNESS_OWNER tag, so the
  // orphans of another Child running at the same time are left to that Child's teardown.
  // Idempotent.
  void terminate_tree(util::Duration grace);

 private:
  Child() = default;
  void start_threads();
  void wait_loop();
  // Collects the zombie after its status was read; ends our ownership of the pid.
  void reap();
  void read_loop(Stream stream);
  void append(Stream stream, std::string_view data);
  void close_stream(Stream stream);
  // After the child exited: lets the readers reach EOF (at most until `deadline`, and briefly),
  // then makes them drain what is buffered and stop; joins them. Runs once.
  void settle_output(util::Deadline deadline);
  bool readers_done_locked() const;
  // No pipe holds unread bytes and no reader is busy (see catch_up).
  bool caught_up();
  std::string stderr_tail() const;

  int pid_ = -1;
  std::string owner_tag_;  // "DLV_HARNESS_OWNER=<harness pid>.<n>", in the child's environment
  std::string program_;

  mutable std::mutex mutex_;  // guards everything below up to status_
  std::condition_variable changed_;
  std::string captured_[3];
  std::string partial_[3];
  bool open_[3] = {false, false, false};
  std::vector<std::string> lines_;
  std::optional<ExitStatus> status_;

  int read_fds_[3] = {-1, -1, -1};
  int stop_fd_ = -1;         // eventfd: readable when readers must drain and stop
  int waiter_stop_fd_ = -1;  // eventfd: readable when the waiter must give up
  int fd3_copy_fd_ = -1;
  std::thread readers_[3];
  std::atomic<bool> reading_[3] = {false, false, false};  // a reader between read and append
  std::thread waiter_;

  std::mutex lifecycle_mutex_;  // serializes settle_output and terminate_tree
  bool settled_ = false;
  bool terminated_ = false;
  bool reaped_ = false;  // guarded by the pid registry's mutex
};

// Process ids of all living descendants of `pid` (children, grandchildren, ...), from the
// parent ids in /proc/*/stat. Does not include `pid` itself.
std::vector<int> descendants(int pid);

// True if `pid` exists and is not a zombie.
bool is_alive(int pid);

// Makes this process a child subreaper (prctl PR_SET_CHILD_SUBREAPER): orphaned descendants,
// such as a debuggee whose dlv died, are re-parented to us instead of init, so descendants()
// still finds them. Call once at startup.
void become_subreaper();

// Reaps zombie children of this process that no Child owns (adopted orphans). Only for use
// in programs that start all their processes through Child.
void reap_adopted();

// SIGKILLs every living descendant of this process, again and again as new ones appear (a fork
// under way, an orphan re-parented to a subreaper), until none is alive (zombies aside) or
// `deadline` passes. Returns the pids still alive then: empty when all ended. Reaps nothing.
std::vector<int> kill_descendants(util::Deadline deadline);

// From now on Child::spawn fails (Process "cannot start <argv0>: the harness is ending"); a spawn
// under way finishes first, so its process is a descendant by the time this returns.
void stop_spawning();

// The outcome of a short command.
struct RunResult {
  ExitStatus status;
  std::string out, err;
};

// Runs a command to completion. A non-zero exit is not an error (see status).
// Errors: those of spawn(); Timeout "`<argv>` did not finish within <s>" after killing its tree.
util::Expected<RunResult> run(const SpawnOptions& options, util::Deadline deadline);

}  // namespace process
