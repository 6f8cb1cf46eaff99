#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace doctor {

// Ok: nothing to do. Info: a fact worth knowing. Warn: debugging may misbehave. Fail: debugging
// cannot work until the remedy is applied.
enum class Level { Ok, Info, Warn, Fail };
const char* level_name(Level level);  // "ok", "info", "warn", "fail"

// The outcome of one check.
struct Check {
  std::string id;  // stable, for --json consumers: "dlv", "go-support", "wsl", ...
  Level level = Level::Ok;
  std::string summary;  // what was found
  std::string remedy;   // one line: what to do (empty when nothing)
};

// Human form: "ok    dlv: 1.27.2 at /root/go/bin/dlv" (+ "\n      fix: ..." when a remedy).
std::string to_text(const std::vector<Check>& checks);
// {"checks": [{"id", "level", "summary", "remedy"}...], "worst": "warn"}.
nlohmann::json to_json(const std::vector<Check>& checks);
// The most severe level among the checks (Ok for none).
Level worst(const std::vector<Check>& checks);

}  // namespace doctor
