#pragma once
#include <string>

namespace process {

// How a child process ended: an exit code, or the signal that killed it.
struct ExitStatus {
  int code = 0;    // exit code; meaningful only when not signaled()
  int signal = 0;  // terminating signal, 0 when the process exited normally

  // True if the process was killed by a signal.
  bool signaled() const { return signal != 0; }
  // True if the process exited normally with code 0.
  bool success() const { return !signaled() && code == 0; }
  // "exit status 3" or "killed by signal 9 (SIGKILL)".
  std::string str() const;
};

}  // namespace process
