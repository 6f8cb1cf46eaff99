#include "harness/doctor/check.h"

#include <algorithm>

namespace doctor {

const char* level_name(Level level) {
  switch (level) {
    case Level::Ok:
      return "ok";
    case Level::Info:
      return "info";
    case Level::Warn:
      return "warn";
    case Level::Fail:
      return "fail";
  }
  return "?";
}

std::string to_text(const std::vector<Check>& checks) {
  std::string out;
  for (const auto& c : checks) {
    std::string level = level_name(c.level);
    out += level + std::string(6 - level.size(), ' ') + c.id + ": " + c.summary + "\n";
    if (!c.remedy.empty()) out += "      fix: " + c.remedy + "\n";
  }
  return out;
}

nlohmann::json to_json(const std::vector<Check>& checks) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : checks) {
    list.push_back({{"id", c.id},
                    {"level", level_name(c.level)},
                    {"summary", c.summary},
                    {"remedy", c.remedy}});
  }
  return {{"checks", list}, {"worst", level_name(worst(checks))}};
}

Level worst(const std::vector<Check>& checks) {
  Level w = Level::Ok;
  for (const auto& c : checks) w = std::max(w, c.level);
  return w;
}

}  // namespace doctor
