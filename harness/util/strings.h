#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace util {

// Levenshtein distance between two strings (bytes).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` if it is close enough to be a plausible typo, else "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// Joins with a separator.
std::string join(const std::vector<std::string>& parts, std::string_view sep);

// Strips ASCII whitespace at both ends.
std::string_view trim(std::string_view s);

// True if s starts/ends with the given affix.
inline bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}
inline bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// Splits on a single character; keeps empty fields.
std::vector<std::string> split(std::string_view s, char sep);

// The last `n` lines of a text (all of it if shorter).
std::string tail_lines(std::string_view text, std::size_t n);

// Makes arbitrary bytes printable on one line for messages: quotes, escapes control bytes.
std::string quote(std::string_view s);

// Where text stops being UTF-8 text: the first NUL byte or byte that is not valid UTF-8 (RFC 3629:
// no overlong forms, no surrogates, nothing past U+10FFFF, as nlohmann::json requires to dump
// it), with its line and column (1-based, columns count characters).
struct NotText {
  std::size_t offset = 0;
  int line = 1;
  int col = 1;
  const char* what = "";  // "a NUL byte" or "invalid UTF-8"
};
std::optional<NotText> find_not_text(std::string_view text);

}  // namespace util
