#include "harness/util/phases.h"

#include <cstdio>

namespace util {

std::string phases_text(const std::vector<Phase>& phases) {
  std::string text;
  for (const auto& phase : phases) {
    char took[32];
    std::snprintf(took, sizeof took, " %.1f ms", phase.took.count() / 1000.0);
    text += (text.empty() ? "" : ", ") + phase.name + took;
  }
  return text;
}

}  // namespace util
