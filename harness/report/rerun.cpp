#include "harness/report/rerun.h"

#include <algorithm>

#include "harness/report/compare.h"
#include "harness/report/junit.h"
#include "harness/util/strings.h"

namespace report {
namespace {

// Whether the report case `key` ("classname / name" of JUnit, "run / path" of --json) is the
// run of scenario `s`, or one of its runs under --repeat.
bool names_scenario(const std::string& key, const scenario::ScenarioEntry& s) {
  const std::string id = s.file.string();
  const std::string junit = junit_classname(id) + " / " + s.name;
  if (key == junit || util::starts_with(key, junit + " (run ")) return true;
  const std::string path = " / " + std::filesystem::path(id).relative_path().generic_string();
  auto at = key.find(path);
  if (at == std::string::npos) return false;
  std::string_view rest = std::string_view(key).substr(at + path.size());
  return rest.empty() || rest.front() == '#';
}

}  // namespace

util::Expected<std::vector<scenario::ScenarioEntry>> failed_in_report(
    const std::filesystem::path& report, std::vector<scenario::ScenarioEntry> candidates) {
  auto cases = read_report(report);
  if (!cases) return util::fail(cases.error());
  std::vector<std::string> failed;
  for (const auto& c : *cases)
    if (c.outcome == Outcome::Fail) failed.push_back(c.key);
  std::erase_if(candidates, [&](const scenario::ScenarioEntry& s) {
    return std::none_of(failed.begin(), failed.end(),
                        [&](const std::string& key) { return names_scenario(key, s); });
  });
  return candidates;
}

}  // namespace report
