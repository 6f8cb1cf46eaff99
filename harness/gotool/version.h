#pragma once
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace gotool {

// A release version of Go or Delve, compared numerically.
struct Version {
  int major = 0, minor = 0, patch = 0;

  // Parses "1.27.2", "v1.27.2", "go1.26.8", "1.21" (patch 0). A pre-release suffix after the
  // numbers ("go1.27rc1", "1.2.3-dev") is accepted and ignored. nullopt for anything else.
  static std::optional<Version> parse(std::string_view text);
  // "1.27.2".
  std::string str() const;
  auto operator<=>(const Version&) const = default;
};

}  // namespace gotool
