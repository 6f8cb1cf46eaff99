#include "harness/process/exit_status.h"

#include <string.h>

namespace process {

std::string ExitStatus::str() const {
  if (!signaled()) return "exit status " + std::to_string(code);
  std::string text = "killed by signal " + std::to_string(signal);
  if (const char* abbrev = sigabbrev_np(signal)) text += std::string(" (SIG") + abbrev + ")";
  return text;
}

}  // namespace process
