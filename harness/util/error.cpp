#include "harness/util/error.h"

namespace util {

const char* kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Usage:
      return "usage";
    case ErrorKind::InvalidScenario:
      return "invalid scenario";
    case ErrorKind::MissingTool:
      return "missing tool";
    case ErrorKind::Io:
      return "io";
    case ErrorKind::Transport:
      return "transport";
    case ErrorKind::Protocol:
      return "protocol";
    case ErrorKind::Timeout:
      return "timeout";
    case ErrorKind::Process:
      return "process";
    case ErrorKind::Build:
      return "build";
  }
  return "unknown";
}

std::string Error::str() const {
  if (where && where->known()) return where->str() + ": " + message;
  return message;
}

}  // namespace util
