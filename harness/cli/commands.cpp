#include "harness/cli/commands.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include "harness/cli/exit_codes.h"
#include "harness/cli/scenario_files.h"
#include "harness/doctor/system_checks.h"
#include "harness/doctor/tool_checks.h"
#include "harness/gotool/toolchain.h"
#include "harness/launchjson/lint.h"
#include "harness/process/child.h"
#include "harness/report/compare.h"
#include "harness/report/console.h"
#include "harness/report/junit.h"
#include "harness/runner/suite.h"
#include "harness/scenario/loader.h"
#include "harness/util/strings.h"

namespace cli {

int validate_command(const std::vector<std::filesystem::path>& paths) {
  auto scenarios = load_scenarios(paths);
  if (!scenarios) return kUsage;
  std::printf("harness: %zu scenario(s) valid\n", scenarios->size());
  return kAllPassed;
}

int list_command(const std::vector<std::filesystem::path>& paths) {
  auto scenarios = load_scenarios(paths);
  if (!scenarios) return kUsage;
  print_scenarios(*scenarios);
  return kAllPassed;
}

int lint_launch_command(const std::filesystem::path& file,
                        const std::optional<std::string>& dlv_version) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "harness: cannot read %s\n", file.c_str());
    return kUsage;
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto doc = launchjson::parse_jsonc(text, file.string());
  if (!doc) {
    std::fprintf(stderr, "%s: error: %s\n",
                 doc.error().where ? doc.error().where->str().c_str() : file.c_str(),
                 doc.error().message.c_str());
    return kUsage;
  }
  auto findings = launchjson::lint_launch(*doc, dlv_version);
  for (const auto& f : findings) std::printf("%s\n", f.str().c_str());
  std::printf("harness: %zu finding(s) in %s\n", findings.size(), file.c_str());
  return findings.empty() ? kAllPassed : kScenarioFailed;
}

int doctor_command(const std::optional<std::filesystem::path>& go,
                   const std::optional<std::filesystem::path>& dlv,
                   const std::filesystem::path& workspace, bool json) {
  auto checks = doctor::tool_checks(go, dlv);
  auto system = doctor::system_checks(doctor::SystemView::real(),
                                      std::filesystem::absolute(workspace).lexically_normal());
  checks.insert(checks.end(), system.begin(), system.end());
  if (json) {
    std::printf("%s\n", doctor::to_json(checks).dump(2).c_str());
  } else {
    std::fputs(doctor::to_text(checks).c_str(), stdout);
  }
  return doctor::worst(checks) == doctor::Level::Fail ? kScenarioFailed : kAllPassed;
}

int compare_command(const std::filesystem::path& base, const std::filesystem::path& current,
                    double slower_factor) {
  auto before = report::read_report(base);
  auto after = report::read_report(current);
  for (const auto* read : {&before, &after}) {
    if (!*read) {
      std::fprintf(stderr, "harness: %s\n", read->error().message.c_str());
      return kUsage;
    }
  }
  auto comparison = report::compare(*before, *after, slower_factor);
  std::fputs(report::comparison_text(comparison).c_str(), stdout);
  return comparison.regressed() ? kScenarioFailed : kAllPassed;
}

}  // namespace cli
