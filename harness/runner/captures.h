#pragma once
#include <map>
#include <string>
#include <variant>

#include "harness/runner/context.h"

namespace runner {

// The step with every `${name}` in its strings (evaluate's expr, set_variable's value, the
// matcher operands of expect_stop, expect_variables, evaluate, set_variable, expect_output and
// expect_exit; request's arguments and matchers, a plain argument that becomes an integer sent as
// a JSON number) replaced by the captured value; other step kinds are returned unchanged (the
// loader refuses placeholders in them). A Fail problem at the string when a capture has no
// value or a pattern is no valid regular expression once substituted.
std::variant<scenario::Step, Problem> with_captures(
    const scenario::Step& step, const std::map<std::string, std::string>& captures);

}  // namespace runner
