#pragma once
#include <string>

namespace util {

// A position in a scenario (or other input) file. line/col are 1-based; 0 means unknown.
struct SourceLoc {
  std::string file;
  int line = 0;
  int col = 0;

  bool known() const { return !file.empty(); }
  // "file:line:col", "file:line" or "file", whichever parts are known.
  std::string str() const;
};

}  // namespace util
