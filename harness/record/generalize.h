#pragma once
#include <string>
#include <vector>

// Turning the values several runs of a program showed into expectations that hold on every run.
namespace record {

// An expectation on one scalar as a scenario writes it: a literal (op ""), or one operator
// (prefix, matches) with its operand. op "none": nothing stable to expect.
struct Expectation {
  std::string op;
  std::string operand;

  bool none() const { return op == "none"; }
};

// What is known to vary for one recording beyond the built-in kinds.
struct Variance {
  std::vector<std::string> local_paths;  // the program's folder, GOROOT: differ between machines
  // Numbers depend on timing (topology attach: the program ran for a while before dlv came).
  bool numbers = false;
};

// The expectation that every one of `values` (one per run, at least one) satisfies:
// - values known to vary are patterns, even when the runs happened to agree: heap addresses
//   (0x and 8+ hex digits), goroutine ids ("goroutine 7", "[Go 7]"), temporary paths (/tmp/...),
//   durations ("1.25ms"), `variance.local_paths` -> `matches`, a value dlv cut short ("...") only
//   up to its last whole field before the cut; a map value with two or more entries (dlv shows them
//   in hash order, different every run) -> `prefix` up to its first entry;
// - values equal in every run -> the literal;
// - values that differ only in numbers (or hold numbers, with variance.numbers) -> `matches`
//   with [0-9]+ in their place;
// - otherwise the longest common prefix, or none.
Expectation expectation_for(const std::vector<std::string>& values, const Variance& variance = {});

// `text` with the characters of an RE2 regular expression escaped.
std::string regex_escaped(const std::string& text);

}  // namespace record
