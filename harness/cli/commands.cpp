#include "harness/cli/commands.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include "harness/cli/exit_codes.h"
#include "harness/cli/scenario_files.h"
#include "harness/doctor/ptrace_probe.h"
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
#include "harness/util/files.h"
#include "harness/util/strings.h"

namespace cli {

int validate_command(const std::vector<std::filesystem::path>& paths) {
  auto scenarios = load_scenarios(paths);
  if (!scenarios) return kUsage;
  std::printf("harness: %zu scenario(s) valid\n", scenarios->size());
  return kAllPassed;
}

namespace {

// Whether `text` reads as a dlv release: "1.27.2", "v1.28.0", "1.26".
bool dlv_version_text(const std::string& text) {
  std::string digits = !text.empty() && text.front() == 'v' ? text.substr(1) : text;
  auto parts = util::split(digits, '.');
  if (parts.size() < 2 || parts.size() > 3) return false;
  return std::all_of(parts.begin(), parts.end(), [](const std::string& part) {
    return !part.empty() && part.find_first_not_of("0123456789") == std::string::npos;
  });
}

// Lints one file: prints its findings and a line for it; -1 when it cannot be read or parsed.
int lint_file(const std::filesystem::path& file, const std::optional<std::string>& dlv_version) {
  auto text = util::read_file(file);
  if (!text) {
    std::fprintf(stderr, "harness: cannot read %s\n", file.c_str());
    return -1;
  }
  auto doc = launchjson::parse_jsonc(*text, file.string());
  if (!doc) {
    std::fprintf(stderr, "%s: error: %s\n",
                 doc.error().where ? doc.error().where->str().c_str() : file.c_str(),
                 doc.error().message.c_str());
    return -1;
  }
  auto findings = launchjson::lint_launch(*doc, dlv_version);
  for (const auto& f : findings) std::printf("%s\n", f.str().c_str());
  if (launchjson::go_configurations(*doc) == 0 && !launchjson::has_delve_config(*doc)) {
    std::printf(
        "harness: %s has no Go configuration (\"type\": \"go\") and no go.delveConfig: nothing "
        "to lint\n",
        file.c_str());
  }
  std::printf("harness: %zu finding(s) in %s\n", findings.size(), file.c_str());
  return static_cast<int>(findings.size());
}

}  // namespace

int lint_launch_command(const std::vector<std::filesystem::path>& files,
                        const std::optional<std::string>& dlv_version) {
  if (dlv_version && !dlv_version_text(*dlv_version)) {
    std::fprintf(stderr,
                 "harness: --dlv-version: '%s' is not a dlv version (e.g. 1.27.2 or v1.28.0)\n",
                 dlv_version->c_str());
    return kUsage;
  }
  bool unreadable = false, found = false;
  for (const auto& file : files) {
    int findings = lint_file(file, dlv_version);
    unreadable = unreadable || findings < 0;
    found = found || findings > 0;
  }
  if (unreadable) return kUsage;
  return found ? kScenarioFailed : kAllPassed;
}

int doctor_command(const std::optional<std::filesystem::path>& go,
                   const std::optional<std::filesystem::path>& dlv,
                   const std::filesystem::path& workspace, bool json) {
  auto checks = doctor::tool_checks(go, dlv);
  auto system = doctor::system_checks(doctor::SystemView::real(),
                                      std::filesystem::absolute(workspace).lexically_normal());
  auto ptrace_scope = std::find_if(system.begin(), system.end(),
                                   [](const doctor::Check& c) { return c.id == "ptrace"; });
  system.insert(ptrace_scope + 1, doctor::check_ptrace_probe(doctor::probe_ptrace()));
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
