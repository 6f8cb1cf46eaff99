#pragma once
#include <regex>
#include <string>

namespace match {

// std::regex_search that survives long texts. libstdc++'s matcher recurses once per character a
// quantifier consumes (about 300 bytes of stack each), so `^a+$` over 50 KB overflows an 8 MiB
// stack and kills the process. Texts longer than a few KB are therefore searched on a helper
// thread whose stack is sized to the text. Exceptions of the search propagate to the caller.
bool regex_search_any_length(const std::string& text, const std::regex& regex);

}  // namespace match
