#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace match {

// How many pattern elements the repetitions of one regular expression may unroll into, and the
// largest back-reference number.
inline constexpr long kMaxRegexStates = 200000;
inline constexpr long kMaxRegexBackReference = 999;

// Why `pattern` must not reach std::regex, or nullopt. libstdc++ reads the numbers of `{n,m}`
// and `\N` without an overflow check (undefined behaviour) and unrolls `{n}` into n copies of
// its atom, so a long digit run crashes and nested counts exhaust memory; both are refused.
std::optional<std::string> regex_count_problem(std::string_view pattern);

}  // namespace match
