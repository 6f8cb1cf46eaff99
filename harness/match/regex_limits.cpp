#include "harness/match/regex_limits.h"

#include <cctype>
#include <vector>

namespace match {
namespace {

bool is_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// The value of the digit run starting at `at` (nullopt if there is none), capped above `cap`;
// `at` ends past the run.
std::optional<long> number_at(std::string_view pattern, std::size_t& at, long cap) {
  if (at >= pattern.size() || !is_digit(pattern[at])) return std::nullopt;
  long value = 0;
  for (; at < pattern.size() && is_digit(pattern[at]); ++at)
    value = std::min(cap + 1, value * 10 + (pattern[at] - '0'));
  return value;
}

// Size estimate of a pattern, one element per atom, a `{n,m}` multiplying its atom by its
// largest bound. Groups nest on `sizes`; `last` is the size of the atom a count would repeat.
class SizeEstimate {
 public:
  void atom(long size) {
    last_ = size;
    add(size);
  }
  void open() { sizes_.push_back(0); }
  void close() {
    if (sizes_.size() < 2) return atom(1);  // an unbalanced ')' is std::regex's to report
    long group = sizes_.back();
    sizes_.pop_back();
    atom(group);
  }
  void repeat(long count) { add(last_ * (count - 1)); }
  bool too_large() const { return total_ > kMaxRegexStates; }

 private:
  void add(long size) {
    sizes_.back() = std::min(kMaxRegexStates + 1, sizes_.back() + size);
    total_ = std::min(kMaxRegexStates + 1, total_ + std::max(0L, size));
    for (long s : sizes_) total_ = std::max(total_, s);
  }
  std::vector<long> sizes_{0};
  long last_ = 0;
  long total_ = 0;
};

// `{n}`, `{n,}` or `{n,m}` at `at` (just past the '{'): the largest bound, 0 if none.
long largest_bound(std::string_view pattern, std::size_t& at) {
  long largest = number_at(pattern, at, kMaxRegexStates).value_or(0);
  if (at < pattern.size() && pattern[at] == ',') {
    ++at;
    largest = std::max(largest, number_at(pattern, at, kMaxRegexStates).value_or(0));
  }
  return largest;
}

}  // namespace

std::optional<std::string> regex_count_problem(std::string_view pattern) {
  SizeEstimate size;
  for (std::size_t at = 0; at < pattern.size();) {
    char c = pattern[at++];
    if (c == '\\' && at < pattern.size() && is_digit(pattern[at])) {
      if (*number_at(pattern, at, kMaxRegexBackReference) > kMaxRegexBackReference)
        return "back-reference larger than " + std::to_string(kMaxRegexBackReference);
      size.atom(1);
    } else if (c == '\\') {
      ++at;
      size.atom(1);
    } else if (c == '[') {
      if (at < pattern.size() && pattern[at] == ']') ++at;  // `[]...]`: a literal ']'
      while (at < pattern.size() && pattern[at] != ']') at += pattern[at] == '\\' ? 2 : 1;
      ++at;
      size.atom(1);
    } else if (c == '(') {
      size.open();
    } else if (c == ')') {
      size.close();
    } else if (c == '{') {
      size.repeat(largest_bound(pattern, at));
    } else {
      size.atom(1);
    }
    if (size.too_large())
      return "its repetitions unroll into more than " + std::to_string(kMaxRegexStates) +
             " elements";
  }
  return std::nullopt;
}

}  // namespace match
