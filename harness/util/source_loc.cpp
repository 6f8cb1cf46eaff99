#include "harness/util/source_loc.h"

namespace util {

std::string SourceLoc::str() const {
  std::string out = file;
  if (line > 0) {
    out += ":" + std::to_string(line);
    if (col > 0) out += ":" + std::to_string(col);
  }
  return out;
}

}  // namespace util
