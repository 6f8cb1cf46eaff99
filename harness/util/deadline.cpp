#include "harness/util/deadline.h"

#include <cstdio>

namespace util {

Duration Deadline::remaining() const {
  auto left = std::chrono::duration_cast<Duration>(when_ - Clock::now());
  return left.count() < 0 ? Duration(0) : left;
}

std::string format_seconds(Duration d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3fs", static_cast<double>(d.count()) / 1000.0);
  return buf;
}

}  // namespace util
