#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/match/regex.h"
#include "harness/util/expected.h"
#include "harness/util/source_loc.h"

namespace match {

// Why an actual value differs from what a scenario expected, and where that expectation is.
struct Mismatch {
  util::SourceLoc where;  // the expectation's position in the scenario file
  std::string path;       // where the actual value sits, e.g. "Locals.cfg.Name.value"
  std::string expected;   // the matcher, described: prefix "main.Config {"
  std::string actual;     // the actual value as text (quoted if it was a string)
  // For `harness run --update`: the operand of an eq expectation (null for other operators)
  // and the actual value itself (null when there was none).
  nlohmann::json literal;
  nlohmann::json actual_value;
  // The expectation is an `any_of` list (`where` is its key): --update may add an alternative.
  bool alternatives = false;

  // "file:line:col: Locals.cfg.Name.value: expected prefix "x", got "y""
  std::string str() const;
};

// The closed set of operators a scenario may use on a value: four on its text (op_names()), and
// four that combine or replace them: `absent` (no value at all), `any_of`, `all_of`, `none_of`.
enum class Op { Eq, Matches, Prefix, Contains, Absent, AnyOf, AllOf, NoneOf };

// One compiled expectation on a scalar (string, number or bool) value.
class Matcher {
 public:
  // Compiles `op` (one of op_names()) with its operand. Errors: unknown operator (with a
  // did-you-mean suggestion), an operand that is not a scalar, an invalid regular expression.
  static util::Expected<Matcher> make(std::string_view op, const nlohmann::json& operand,
                                      util::SourceLoc loc);
  // Exact equality with a scalar.
  static Matcher eq(const nlohmann::json& operand, util::SourceLoc loc);
  // A matcher whose operand is kept as written and not compiled: a scenario's `${name}`
  // placeholders make a pattern valid only once they are replaced (make() then compiles the
  // result). An uncompiled `matches` matches nothing.
  static Matcher uncompiled(Op op, const nlohmann::json& operand, util::SourceLoc loc);
  // Matches a missing (null) value only.
  static Matcher absent(util::SourceLoc loc);
  // Matches when one of `parts` matches. Empty `parts`: matches nothing, and describe() says
  // `unmet` (why no alternative applies, e.g. none is for this dlv version).
  static Matcher any_of(std::vector<Matcher> parts, util::SourceLoc loc, std::string unmet = {});
  // Matches when every one of `parts` matches (not empty).
  static Matcher all_of(std::vector<Matcher> parts, util::SourceLoc loc);
  // Matches a value (not a missing one) when no one of `parts` matches (not empty): what a
  // regex would say with a negative look-ahead, which RE2 does not have.
  static Matcher none_of(std::vector<Matcher> parts, util::SourceLoc loc);
  // This combinator (any_of, all_of, none_of) over other parts, e.g. with placeholders replaced.
  Matcher with_parts(std::vector<Matcher> parts) const;
  // The text operators: "eq", "matches", "prefix", "contains" (in the order of Op).
  static const std::vector<std::string>& op_names();

  // Checks `actual`; nullopt when it matches. Scalars are compared by their text form, so
  // an expected 42 equals an actual "42" (DAP values are strings). A missing (null) actual
  // matches only `absent`. `path` names the actual value in the mismatch.
  std::optional<Mismatch> check(const nlohmann::json& actual, std::string_view path) const;
  // True when `actual` matches (check() without building the mismatch).
  bool matches(const nlohmann::json& actual) const;
  // Human form of the expectation: "\"42\"", "prefix \"main.\"", "matches /^a+$/",
  // "any of (1 | 2)".
  std::string describe() const;

  Op op() const { return op_; }
  const nlohmann::json& operand() const { return operand_; }    // null for the combinators
  const std::vector<Matcher>& parts() const { return parts_; }  // of any_of / all_of / none_of
  const util::SourceLoc& loc() const { return loc_; }

 private:
  Matcher(Op op, nlohmann::json operand, util::SourceLoc loc);
  Op op_;
  nlohmann::json operand_;
  std::string text_;            // operand as text
  std::optional<Regex> regex_;  // for Op::Matches
  std::vector<Matcher> parts_;  // for Op::AnyOf, Op::AllOf, Op::NoneOf
  util::SourceLoc loc_;
};

// Text form used for comparison: strings as-is, numbers and bools as JSON, null as "".
std::string scalar_text(const nlohmann::json& value);

}  // namespace match
