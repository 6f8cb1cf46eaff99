#include "harness/scenario/captures.h"

#include <cctype>

namespace scenario {

namespace {

bool is_name_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

}  // namespace

const std::vector<std::string>& builtin_captures() {
  static const std::vector<std::string> names = {"thread", "frame"};
  return names;
}

bool is_capture_name(std::string_view name) {
  if (name.empty() || !is_name_start(name.front())) return false;
  for (char c : name)
    if (!is_name_char(c)) return false;
  return true;
}

std::vector<Placeholder> find_placeholders(std::string_view text) {
  std::vector<Placeholder> found;
  for (auto at = text.find("${"); at != std::string_view::npos; at = text.find("${", at + 1)) {
    if (at > 0 && text[at - 1] == '$') {
      found.push_back(Placeholder{"", at - 1, 1, true});
      continue;
    }
    auto close = text.find('}', at + 2);
    if (close == std::string_view::npos) break;
    std::string_view name = text.substr(at + 2, close - at - 2);
    if (!is_capture_name(name)) continue;
    found.push_back(Placeholder{std::string(name), at, close - at + 1});
  }
  return found;
}

util::Expected<std::string> substitute(std::string_view text,
                                       const std::map<std::string, std::string>& values) {
  std::string out;
  std::size_t done = 0;
  for (const auto& placeholder : find_placeholders(text)) {
    if (placeholder.escape) {
      out.append(text.substr(done, placeholder.offset - done));
      done = placeholder.offset + placeholder.length;
      continue;
    }
    auto value = values.find(placeholder.name);
    if (value == values.end()) {
      return util::fail(util::ErrorKind::InvalidScenario,
                        "capture '" + placeholder.name +
                            "' has no value (the step that saves it "
                            "did not run)");
    }
    out.append(text.substr(done, placeholder.offset - done));
    out += value->second;
    done = placeholder.offset + placeholder.length;
  }
  out.append(text.substr(done));
  return out;
}

}  // namespace scenario
