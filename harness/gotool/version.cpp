#include "harness/gotool/version.h"

#include <cctype>
#include <charconv>

namespace gotool {
namespace {

// Reads a decimal number at the front of `text` and consumes it.
std::optional<int> take_number(std::string_view& text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end == text.data()) return std::nullopt;
  text.remove_prefix(static_cast<std::size_t>(end - text.data()));
  return value;
}

}  // namespace

std::optional<Version> Version::parse(std::string_view text) {
  if (text.substr(0, 2) == "go") {
    text.remove_prefix(2);
  } else if (text.substr(0, 1) == "v") {
    text.remove_prefix(1);
  }
  if (text.empty() || !std::isdigit(static_cast<unsigned char>(text.front()))) return std::nullopt;
  Version version;
  auto major = take_number(text);
  if (!major || text.substr(0, 1) != ".") return std::nullopt;
  text.remove_prefix(1);
  auto minor = take_number(text);
  if (!minor) return std::nullopt;
  version.major = *major;
  version.minor = *minor;
  if (text.substr(0, 1) == "." && text.size() > 1 &&
      std::isdigit(static_cast<unsigned char>(text[1]))) {
    text.remove_prefix(1);
    version.patch = *take_number(text);
  }
  if (!text.empty()) {
    unsigned char next = static_cast<unsigned char>(text.front());
    if (!std::isalpha(next) && next != '-' && next != '+') return std::nullopt;
  }
  return version;
}

std::string Version::str() const {
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

}  // namespace gotool
