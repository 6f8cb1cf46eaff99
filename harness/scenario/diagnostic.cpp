#include "harness/scenario/loader.h"

namespace scenario {

std::string Diagnostic::str() const {
  std::string out = loc.str() + ": error: " + message;
  if (source_line.empty() || loc.col < 1) return out;
  out += "\n" + source_line + "\n";
  // Spacing that lines up under the source line in a terminal: tabs stay tabs, and a multi-byte
  // UTF-8 character (yaml-cpp counts columns in bytes) takes one column.
  for (std::size_t i = 0; i + 1 < static_cast<std::size_t>(loc.col); ++i) {
    unsigned char c = i < source_line.size() ? static_cast<unsigned char>(source_line[i]) : ' ';
    if (c == '\t')
      out += '\t';
    else if ((c & 0xC0) != 0x80)
      out += ' ';
  }
  return out + "^";
}

}  // namespace scenario
