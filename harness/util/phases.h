#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "harness/util/deadline.h"

namespace util {

// One stretch of work and how long it took: a session's "dlv start", the process's "load"
// (harness run --timings).
struct Phase {
  std::string name;
  std::chrono::microseconds took{0};
};

// Times consecutive phases into a list: mark(name) ends the phase that ran since the clock was
// made or since the previous mark.
class PhaseClock {
 public:
  explicit PhaseClock(std::vector<Phase>& phases) : phases_(phases), last_(Clock::now()) {}
  void mark(const char* name) {
    auto now = Clock::now();
    phases_.push_back({name, std::chrono::duration_cast<std::chrono::microseconds>(now - last_)});
    last_ = now;
  }

 private:
  std::vector<Phase>& phases_;
  Clock::time_point last_;
};

// "build 0.3 ms, dlv start 41.0 ms": each phase with its time in milliseconds.
std::string phases_text(const std::vector<Phase>& phases);

}  // namespace util
