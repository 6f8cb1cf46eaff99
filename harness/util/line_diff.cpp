#include "harness/util/line_diff.h"

#include <algorithm>
#include <vector>

namespace util {

namespace {

// Above this many cells the middle of the texts is shown as one replaced block.
constexpr std::size_t kMaxTableCells = 4'000'000;

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = std::min(text.find('\n', at), text.size());
    lines.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return lines;
}

// Which lines of a and of b are kept (in the common subsequence), over a[from_a, to_a) and
// b[from_b, to_b).
struct Kept {
  std::vector<bool> a, b;
};

void mark_common(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b,
                 std::size_t from, std::size_t to_a, std::size_t to_b, Kept& kept) {
  const std::size_t n = to_a - from, m = to_b - from;
  if (n * m > kMaxTableCells) return;
  // suffix[i][j]: length of the longest common subsequence of a[from+i..] and b[from+j..].
  std::vector<std::vector<int>> suffix(n + 1, std::vector<int>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      suffix[i][j] = a[from + i] == b[from + j] ? suffix[i + 1][j + 1] + 1
                                                : std::max(suffix[i + 1][j], suffix[i][j + 1]);
  for (std::size_t i = 0, j = 0; i < n && j < m;) {
    if (a[from + i] == b[from + j]) {
      kept.a[from + i++] = kept.b[from + j++] = true;
    } else if (suffix[i + 1][j] >= suffix[i][j + 1]) {
      ++i;
    } else {
      ++j;
    }
  }
}

// "-L,N" with diff(1)'s conventions: ",1" left out, an empty range starts at the line before.
std::string range(char sign, std::size_t first, std::size_t count) {
  std::string out(1, sign);
  out += std::to_string(count == 0 ? first : first + 1);
  if (count != 1) out += "," + std::to_string(count);
  return out;
}

}  // namespace

std::string line_diff(std::string_view before, std::string_view after, std::string_view old_name,
                      std::string_view new_name) {
  auto a = lines_of(before), b = lines_of(after);
  std::size_t common = 0;
  while (common < a.size() && common < b.size() && a[common] == b[common]) ++common;
  std::size_t end_a = a.size(), end_b = b.size();
  while (end_a > common && end_b > common && a[end_a - 1] == b[end_b - 1]) --end_a, --end_b;
  if (common == end_a && common == end_b) return "";
  Kept kept{std::vector<bool>(a.size(), true), std::vector<bool>(b.size(), true)};
  std::fill(kept.a.begin() + common, kept.a.begin() + end_a, false);
  std::fill(kept.b.begin() + common, kept.b.begin() + end_b, false);
  mark_common(a, b, common, end_a, end_b, kept);

  std::string out = "--- " + std::string(old_name) + "\n+++ " + std::string(new_name) + "\n";
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && kept.a[i] && kept.b[j]) {
      ++i, ++j;
      continue;
    }
    std::size_t first_a = i, first_b = j;
    while (i < a.size() && !kept.a[i]) ++i;
    while (j < b.size() && !kept.b[j]) ++j;
    out +=
        "@@ " + range('-', first_a, i - first_a) + " " + range('+', first_b, j - first_b) + " @@\n";
    for (std::size_t k = first_a; k < i; ++k) out += "-" + std::string(a[k]) + "\n";
    for (std::size_t k = first_b; k < j; ++k) out += "+" + std::string(b[k]) + "\n";
  }
  return out;
}

}  // namespace util
