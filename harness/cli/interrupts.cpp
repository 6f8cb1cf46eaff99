#include "harness/cli/interrupts.h"

#include <unistd.h>

#include <csignal>
#include <cstring>

#include "harness/process/child.h"

namespace cli {

namespace {

volatile std::sig_atomic_t received_signal = 0;

extern "C" void on_signal(int signo) {
  received_signal = signo;
}

// Ends every process the harness started; their scenarios' teardown reaps them.
void terminate_descendants() {
  for (int pid : process::descendants(::getpid())) ::kill(pid, SIGTERM);
}

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", seconds);
  return text;
}

}  // namespace

InterruptWatch::InterruptWatch(runner::StopFlag& stop, std::optional<util::Deadline> run_deadline,
                               std::optional<double> run_timeout_seconds)
    : stop_(stop), deadline_(run_deadline), timeout_seconds_(run_timeout_seconds) {
  received_signal = 0;
  struct sigaction action;
  std::memset(&action, 0, sizeof action);
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &previous_sigint_);
  sigaction(SIGTERM, &action, &previous_sigterm_);
  thread_ = std::thread([this] { watch(); });
}

InterruptWatch::~InterruptWatch() {
  {
    std::lock_guard<std::mutex> lock(done_mutex_);
    done_ = true;
  }
  done_changed_.notify_all();
  thread_.join();
  sigaction(SIGINT, &previous_sigint_, nullptr);
  sigaction(SIGTERM, &previous_sigterm_, nullptr);
}

void InterruptWatch::watch() {
  bool deadline_hit = false;
  while (!done_) {
    if (int signo = received_signal; signo != 0) {
      received_signal = 0;
      if (signal_ == 0) signal_ = signo;
      stop_.request(std::string("interrupted by ") + (signo == SIGINT ? "SIGINT" : "SIGTERM"),
                    true);
    }
    if (deadline_ && !deadline_hit && deadline_->expired()) {
      deadline_hit = true;
      stop_.request(
          "the run's deadline (--run-timeout " + seconds_text(*timeout_seconds_) + " s) passed",
          true);
    }
    // A run under way may still start a process (a build, dlv) after the first sweep.
    if (stop_.aborted()) terminate_descendants();
    // Signals are polled (a handler may only set a flag); the end of the run is not waited for.
    std::unique_lock<std::mutex> lock(done_mutex_);
    done_changed_.wait_for(lock, util::Duration(20), [this] { return done_.load(); });
  }
}

}  // namespace cli
