#include "harness/scenario/model.h"

namespace scenario {

const char* mode_name(LaunchMode mode) {
  switch (mode) {
    case LaunchMode::Debug:
      return "debug";
    case LaunchMode::Exec:
      return "exec";
    case LaunchMode::Test:
      return "test";
  }
  return "exec";
}

}  // namespace scenario
