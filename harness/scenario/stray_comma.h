#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "harness/scenario/loader.h"

namespace scenario {

// yaml-cpp 0.7 (Debian 12's) can loop forever, allocating without bound, on a ',' that starts a
// token outside a flow collection (found by loader_fuzz: ",", "--- ,", "!,", "&a ,",
// "\",)\",", "- a:\n    b: 1\n,"). Such a comma is never valid YAML there, so this scan finds it
// and the text never reaches the parser. Commas inside [ ] and { }, quoted scalars (escapes
// included), comments, block scalars and plain scalars ("a: b, c") are left alone: every text
// yaml-cpp parses passes (scenario/stray_comma_test.cpp checks a generated corpus).
// Returns the diagnostic at the first such comma of `text` (`file` names it), if any.
std::optional<Diagnostic> find_stray_comma(const std::string& file, std::string_view text);

}  // namespace scenario
