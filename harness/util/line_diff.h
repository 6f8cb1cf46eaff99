#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace util {

// The items of `a` and of `b` that a longest common subsequence keeps (`in_a[i]`: a[i] is matched
// with the next kept item of b, in order). Above a few million item pairs nothing is kept.
struct CommonSubsequence {
  std::vector<bool> in_a, in_b;
};
CommonSubsequence common_subsequence(const std::vector<std::string_view>& a,
                                     const std::vector<std::string_view>& b);

// The lines that differ between `before` and `after` as a unified diff without context lines:
// "--- OLD_NAME", "+++ NEW_NAME", then per hunk "@@ -L,N +L,M @@" and its "-" and "+" lines
// (a count of 1 is left out, as diff(1) does). Empty when the texts have the same lines. Lines
// are matched by a longest common subsequence, so an inserted line shifts no other line.
std::string line_diff(std::string_view before, std::string_view after, std::string_view old_name,
                      std::string_view new_name);

}  // namespace util
