#include "harness/report/xml_text.h"

namespace report {

namespace {

constexpr const char* kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the ANSI escape sequence starting at s[i] (s[i] == ESC), at least 1.
std::size_t ansi_length(std::string_view s, std::size_t i) {
  if (i + 1 < s.size() && s[i + 1] == '[') {  // CSI: ESC [ params final-byte
    std::size_t j = i + 2;
    while (j < s.size() &&
           (static_cast<unsigned char>(s[j]) < 0x40 || static_cast<unsigned char>(s[j]) > 0x7e)) {
      ++j;
    }
    return j < s.size() ? j - i + 1 : s.size() - i;
  }
  return i + 1 < s.size() ? 2 : 1;
}

// Decodes one UTF-8 sequence at s[i]; returns its length and code point, or length 0 if invalid.
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b0 = byte(i);
  std::size_t len = b0 < 0x80           ? 1
                    : (b0 >> 5) == 0x6  ? 2
                    : (b0 >> 4) == 0xe  ? 3
                    : (b0 >> 3) == 0x1e ? 4
                                        : 0;
  if (len == 0 || i + len > s.size()) return 0;
  cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1f) : len == 3 ? (b0 & 0x0f) : (b0 & 0x07);
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3f);
  }
  static const char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10ffff) return 0;  // overlong or out of range
  return len;
}

bool xml_allowed(char32_t cp) {
  if (cp == 0x9 || cp == 0xa || cp == 0xd) return true;
  if (cp < 0x20) return false;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  if (cp == 0xfffe || cp == 0xffff) return false;
  return true;
}

}  // namespace

std::string xml_escape(std::string_view s, bool attribute) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '\x1b') {
      i += ansi_length(s, i);
      continue;
    }
    char32_t cp = 0;
    std::size_t len = decode_utf8(s, i, cp);
    if (len == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    if (!xml_allowed(cp)) {
      out += kReplacement;
    } else if (len > 1) {
      out.append(s.substr(i, len));
    } else {
      switch (s[i]) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += attribute ? "&quot;" : "\"";
          break;
        case '\'':
          out += attribute ? "&apos;" : "'";
          break;
        case '\n':
          out += attribute ? "&#10;" : "\n";
          break;
        case '\t':
          out += attribute ? "&#9;" : "\t";
          break;
        case '\r':
          out += "&#13;";
          break;
        default:
          out += s[i];
      }
    }
    i += len;
  }
  return out;
}

}  // namespace report
