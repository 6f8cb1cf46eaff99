#include "harness/process/signal_exit.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <thread>

#include "harness/process/child.h"

namespace process {
namespace {

// How long the descendants may take to end after SIGKILL (one stuck in uninterruptible sleep may
// not end at all; the process exits anyway).
constexpr util::Duration kKillTime{5000};

// The pipe the handler writes the signal number to; the ending thread reads it.
int signal_pipe[2] = {-1, -1};

extern "C" void on_termination_signal(int signo) {
  int saved_errno = errno;  // of the thread the signal interrupted
  unsigned char byte = static_cast<unsigned char>(signo);
  (void)!::write(signal_pipe[1], &byte, 1);
  errno = saved_errno;
}

// Waits for the first termination signal, then ends the descendants and the process. The wait
// has no deadline: it lasts as long as the process, which may never get such a signal.
void end_on_first_signal() {
  unsigned char signo = 0;
  ssize_t n;
  do {
    n = ::read(signal_pipe[0], &signo, 1);
  } while (n < 0 && errno == EINTR);
  if (n != 1) return;  // the pipe failed: nothing to wait for
  stop_spawning();
  kill_descendants(util::Deadline::after(kKillTime));
  ::_exit(128 + signo);
}

}  // namespace

void end_descendants_on_termination_signals() {
  if (::pipe2(signal_pipe, O_CLOEXEC) != 0) return;
  // A burst of signals must not block the handler on a full pipe: the first one is enough.
  ::fcntl(signal_pipe[1], F_SETFL, ::fcntl(signal_pipe[1], F_GETFL) | O_NONBLOCK);
  std::thread(end_on_first_signal).detach();
  struct sigaction action;
  std::memset(&action, 0, sizeof action);
  action.sa_handler = on_termination_signal;
  action.sa_flags = SA_RESTART;
  sigemptyset(&action.sa_mask);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction inherited;
    sigaction(sig, nullptr, &inherited);
    if (sig == SIGHUP && inherited.sa_handler == SIG_IGN) continue;  // nohup
    sigaction(sig, &action, nullptr);
  }
}

}  // namespace process
