#pragma once
#include <chrono>
#include <string>

namespace util {

using Clock = std::chrono::steady_clock;
using Duration = std::chrono::milliseconds;

// A point in time after which a wait gives up. Every blocking call in the harness takes one.
class Deadline {
 public:
  // Expires `d` from now.
  static Deadline after(Duration d) { return Deadline(Clock::now() + d); }
  static Deadline at(Clock::time_point t) { return Deadline(t); }

  bool expired() const { return Clock::now() >= when_; }
  // Time left, never negative.
  Duration remaining() const;
  Clock::time_point when() const { return when_; }
  // The earlier of the two.
  Deadline min(const Deadline& other) const { return when_ < other.when_ ? *this : other; }

 private:
  explicit Deadline(Clock::time_point t) : when_(t) {}
  Clock::time_point when_;
};

// Seconds with millisecond precision, e.g. "1.250s".
std::string format_seconds(Duration d);

}  // namespace util
