#include "harness/doctor/ptrace_probe.h"

#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>

namespace doctor {

std::optional<std::string> probe_ptrace() {
  pid_t child = fork();
  if (child < 0) return std::string("cannot start a child: ") + std::strerror(errno);
  if (child == 0) {
    for (;;) pause();  // until the parent ends it
  }
  std::optional<std::string> refusal;
  if (ptrace(PTRACE_ATTACH, child, nullptr, nullptr) == -1) {
    refusal = std::strerror(errno);
  } else {
    int status = 0;
    waitpid(child, &status, 0);  // the stop the attach caused
    ptrace(PTRACE_DETACH, child, nullptr, nullptr);
  }
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  return refusal;
}

Check check_ptrace_probe(const std::optional<std::string>& refusal) {
  if (!refusal) return {"ptrace-probe", Level::Ok, "this process may ptrace a child it starts", ""};
  return {"ptrace-probe", Level::Fail,
          "ptrace of a child this process started was refused (" + *refusal +
              "): dlv cannot debug here",
          "in a container: run it with --cap-add=SYS_PTRACE (and --security-opt "
          "seccomp=unconfined on old Docker); else see the ptrace check"};
}

}  // namespace doctor
