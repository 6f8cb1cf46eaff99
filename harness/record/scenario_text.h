#pragma once
#include <string>
#include <string_view>

namespace record {

// `skeleton` (the text of a scenario file) with its top-level `steps:` block replaced by
// `header` (comment lines) and `steps_list` (the text of the list, items at two spaces), where
// the old block was, or at the end when there was none. Every other line stays as written.
std::string with_steps(std::string_view skeleton, const std::string& header,
                       const std::string& steps_list);

}  // namespace record
