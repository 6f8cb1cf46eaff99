#pragma once
#include <string>
#include <string_view>

namespace report {

// Makes arbitrary bytes safe for XML 1.0 text or attribute content: ANSI escape sequences are
// removed, invalid UTF-8 becomes U+FFFD, characters XML forbids (most C0 controls, U+FFFE/F,
// surrogates) become U+FFFD, and & < > " ' are escaped (newlines/tabs too in attributes).
std::string xml_escape(std::string_view bytes, bool attribute = false);

}  // namespace report
