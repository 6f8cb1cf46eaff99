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

// "-L,N" with diff(1)'s conventions: ",1" left out, an empty range starts at the line before.
std::string range(char sign, std::size_t first, std::size_t count) {
  std::string out(1, sign);
  out += std::to_string(count == 0 ? first : first + 1);
  if (count != 1) out += "," + std::to_string(count);
  return out;
}

}  // namespace

CommonSubsequence common_subsequence(const std::vector<std::string_view>& a,
                                     const std::vector<std::string_view>& b) {
  const std::size_t n = a.size(), m = b.size();
  CommonSubsequence kept{std::vector<bool>(n, false), std::vector<bool>(m, false)};
  if (n * m > kMaxTableCells) return kept;
  // suffix[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  std::vector<std::vector<int>> suffix(n + 1, std::vector<int>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      suffix[i][j] =
          a[i] == b[j] ? suffix[i + 1][j + 1] + 1 : std::max(suffix[i + 1][j], suffix[i][j + 1]);
  for (std::size_t i = 0, j = 0; i < n && j < m;) {
    if (a[i] == b[j]) {
      kept.in_a[i++] = kept.in_b[j++] = true;
    } else if (suffix[i + 1][j] >= suffix[i][j + 1]) {
      ++i;
    } else {
      ++j;
    }
  }
  return kept;
}

std::string line_diff(std::string_view before, std::string_view after, std::string_view old_name,
                      std::string_view new_name) {
  auto a = lines_of(before), b = lines_of(after);
  std::size_t common = 0;
  while (common < a.size() && common < b.size() && a[common] == b[common]) ++common;
  std::size_t end_a = a.size(), end_b = b.size();
  while (end_a > common && end_b > common && a[end_a - 1] == b[end_b - 1]) --end_a, --end_b;
  if (common == end_a && common == end_b) return "";
  // The middle, where the texts differ, matched by a longest common subsequence.
  auto middle = common_subsequence({a.begin() + common, a.begin() + end_a},
                                   {b.begin() + common, b.begin() + end_b});
  CommonSubsequence kept{std::vector<bool>(a.size(), true), std::vector<bool>(b.size(), true)};
  std::copy(middle.in_a.begin(), middle.in_a.end(), kept.in_a.begin() + common);
  std::copy(middle.in_b.begin(), middle.in_b.end(), kept.in_b.begin() + common);

  std::string out = "--- " + std::string(old_name) + "\n+++ " + std::string(new_name) + "\n";
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && kept.in_a[i] && kept.in_b[j]) {
      ++i, ++j;
      continue;
    }
    std::size_t first_a = i, first_b = j;
    while (i < a.size() && !kept.in_a[i]) ++i;
    while (j < b.size() && !kept.in_b[j]) ++j;
    out +=
        "@@ " + range('-', first_a, i - first_a) + " " + range('+', first_b, j - first_b) + " @@\n";
    for (std::size_t k = first_a; k < i; ++k) out += "-" + std::string(a[k]) + "\n";
    for (std::size_t k = first_b; k < j; ++k) out += "+" + std::string(b[k]) + "\n";
  }
  return out;
}

}  // namespace util
