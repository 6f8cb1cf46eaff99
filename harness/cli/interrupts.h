#pragma once
#include <signal.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "harness/runner/suite.h"
#include "harness/util/deadline.h"

namespace cli {

// While alive, turns SIGINT/SIGTERM and the run's deadline into a stop of the suite: nothing new
// starts, and every process the harness started (dlv, debuggees, builds) gets SIGTERM so the
// runs under way end at once (processes started later are ended as they appear); their own
// teardown then makes sure nothing is left. A second
// signal is handled the same way (the first reason is kept). When the watch ends, the signals
// go back to the handlers they had before (see process::end_descendants_on_termination_signals).
class InterruptWatch {
 public:
  InterruptWatch(runner::StopFlag& stop, std::optional<util::Deadline> run_deadline,
                 std::optional<double> run_timeout_seconds);
  ~InterruptWatch();
  InterruptWatch(const InterruptWatch&) = delete;
  InterruptWatch& operator=(const InterruptWatch&) = delete;

  // The signal that stopped the run (SIGINT or SIGTERM), 0 if none did.
  int signal() const { return signal_.load(); }

 private:
  void watch();

  runner::StopFlag& stop_;
  std::optional<util::Deadline> deadline_;
  std::optional<double> timeout_seconds_;
  std::atomic<bool> done_{false};
  std::mutex done_mutex_;
  std::condition_variable done_changed_;  // wakes the watch at once when the run is over
  std::atomic<int> signal_{0};
  struct sigaction previous_sigint_, previous_sigterm_;
  std::thread thread_;
};

}  // namespace cli
