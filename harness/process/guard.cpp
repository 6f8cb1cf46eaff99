#include "harness/process/guard.h"

#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <optional>

#include "harness/process/child.h"
#include "harness/process/exit_status.h"

namespace process {
namespace {

// How long what the worker left may take to end after SIGKILL.
constexpr util::Duration kSweepTime{5000};

// The signals the guard takes with sigwaitinfo: the worker's end, and those it passes on.
sigset_t guard_signals() {
  sigset_t set;
  sigemptyset(&set);
  for (int sig : {SIGCHLD, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGCONT})
    sigaddset(&set, sig);
  return set;
}

volatile std::sig_atomic_t guard_pid = 0;

// The worker's parent-death signal is SIGCONT, not SIGTERM: a worker stopped by Ctrl-Z when the
// guard is killed would keep a SIGTERM pending forever (its new parent may be in its session, so
// the kernel need not continue an orphaned group). SIGCONT always resumes it; then, its guard
// gone, it ends the way SIGTERM ends it. A SIGCONT from `fg` finds the guard alive: nothing.
extern "C" void on_continue(int) {
  if (::getppid() != static_cast<pid_t>(guard_pid)) ::kill(::getpid(), SIGTERM);
}

// The worker's half of the split: see split_off_guard.
void become_worker(pid_t guard, const sigset_t& original_mask) {
  ::setpgid(0, 0);
  guard_pid = guard;
  struct sigaction action;
  std::memset(&action, 0, sizeof action);
  action.sa_handler = on_continue;
  action.sa_flags = SA_RESTART;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGCONT, &action, nullptr);
  ::prctl(PR_SET_PDEATHSIG, SIGCONT);
  if (::getppid() != guard) ::_exit(128 + SIGTERM);  // the guard died before prctl: as if SIGTERM
  ::sigprocmask(SIG_SETMASK, &original_mask, nullptr);
  for (int sig : {SIGPIPE, SIGTTIN, SIGTTOU}) std::signal(sig, SIG_IGN);
}

// Reaps the guard's exited children; the worker's wait status if it is among them.
std::optional<int> reap_children(pid_t worker) {
  std::optional<int> worker_status;
  int status;
  for (pid_t pid; (pid = ::waitpid(-1, &status, WNOHANG)) > 0;) {
    if (pid == worker) worker_status = status;
  }
  return worker_status;
}

// Passes a signal the guard got on to the worker. Ctrl-Z (SIGTSTP) stops both; fg or bg then
// continues the guard, whose SIGCONT continues the worker.
void pass_on(int sig, pid_t worker) {
  if (sig == SIGTSTP) {
    ::kill(worker, SIGSTOP);
    ::raise(SIGSTOP);
    return;
  }
  ::kill(worker, sig);
}

// Waits for the worker to end, passing signals on meanwhile; returns its wait status. No
// deadline: the worker's run has its own.
int wait_for_worker(pid_t worker, const sigset_t& signals) {
  for (;;) {
    int sig = ::sigwaitinfo(&signals, nullptr);
    if (sig == SIGCHLD) {
      if (auto status = reap_children(worker)) return *status;
    } else if (sig > 0) {
      pass_on(sig, worker);
    }
  }
}

// The worker's end as an ExitStatus, for messages.
ExitStatus status_of(int wait_status) {
  if (WIFSIGNALED(wait_status)) return ExitStatus{0, WTERMSIG(wait_status)};
  return ExitStatus{WEXITSTATUS(wait_status), 0};
}

// SIGKILLs every process left in the guard's subtree (the worker's orphans came to the guard, a
// subreaper) and reaps them; says on stderr how many there were.
void end_leftovers(int worker_status) {
  std::size_t left = descendants(::getpid()).size();
  auto stuck = kill_descendants(util::Deadline::after(kSweepTime));
  while (::waitpid(-1, nullptr, WNOHANG) > 0) {
  }
  if (left == 0) return;
  std::fprintf(stderr,
               "harness: the harness process ended (%s); its guard ended %zu process(es) "
               "it left\n",
               status_of(worker_status).str().c_str(), left);
  if (!stuck.empty())
    std::fprintf(stderr, "harness: %zu process(es) did not end within %s of SIGKILL\n",
                 stuck.size(), util::format_seconds(kSweepTime).c_str());
}

// Ends the guard as the worker ended: the same exit code, or killed by the same signal (without
// a second core dump).
[[noreturn]] void end_as(int worker_status) {
  if (WIFSIGNALED(worker_status)) {
    int sig = WTERMSIG(worker_status);
    struct rlimit no_core = {0, 0};
    ::setrlimit(RLIMIT_CORE, &no_core);
    std::signal(sig, SIG_DFL);
    sigset_t just_sig;
    sigemptyset(&just_sig);
    sigaddset(&just_sig, sig);
    ::sigprocmask(SIG_UNBLOCK, &just_sig, nullptr);
    ::raise(sig);
  }
  ::_exit(WIFEXITED(worker_status) ? WEXITSTATUS(worker_status) : 128 + WTERMSIG(worker_status));
}

}  // namespace

void split_off_guard() {
  const pid_t guard = ::getpid();
  // Inherited SIG_IGN would make the kernel reap the worker before the guard could wait for it.
  std::signal(SIGCHLD, SIG_DFL);
  sigset_t signals = guard_signals(), original_mask;
  ::sigprocmask(SIG_BLOCK, &signals, &original_mask);
  // Before the fork, so that no orphan of the worker can ever go past the guard.
  ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
  pid_t worker = ::fork();
  if (worker == 0) {
    become_worker(guard, original_mask);
    return;
  }
  if (worker < 0) {
    std::fprintf(stderr,
                 "harness: cannot start the guard process (fork: %s): processes the harness "
                 "starts may outlive it if it is killed\n",
                 std::strerror(errno));
    ::prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0);
    ::sigprocmask(SIG_SETMASK, &original_mask, nullptr);
    return;
  }
  int status = wait_for_worker(worker, signals);
  end_leftovers(status);
  end_as(status);
}

}  // namespace process
