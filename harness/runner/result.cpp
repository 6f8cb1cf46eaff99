#include "harness/runner/result.h"

namespace runner {

const char* status_name(Status status) {
  switch (status) {
    case Status::Pass:
      return "PASS";
    case Status::Fail:
      return "FAIL";
    case Status::Error:
      return "ERROR";
    case Status::Skip:
      return "SKIP";
  }
  return "?";
}

}  // namespace runner
