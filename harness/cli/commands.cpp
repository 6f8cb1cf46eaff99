#include "harness/cli/commands.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include "harness/cli/exit_codes.h"
#include "harness/doctor/system_checks.h"
#include "harness/doctor/tool_checks.h"
#include "harness/gotool/toolchain.h"
#include "harness/launchjson/lint.h"
#include "harness/process/child.h"
#include "harness/report/console.h"
#include "harness/report/junit.h"
#include "harness/runner/suite.h"
#include "harness/scenario/loader.h"
#include "harness/util/strings.h"

namespace cli {

namespace {

// Loads scenarios; prints every diagnostic to stderr. nullopt when any file was invalid.
std::optional<std::vector<scenario::Scenario>> load(
    const std::vector<std::filesystem::path>& paths) {
  auto loaded = scenario::load_paths(paths);
  for (const auto& d : loaded.diagnostics) std::fprintf(stderr, "%s\n", d.str().c_str());
  if (!loaded.diagnostics.empty()) {
    std::fprintf(stderr, "harness: %zu problem(s) in the scenario files; nothing was run\n",
                 loaded.diagnostics.size());
    return std::nullopt;
  }
  return std::move(loaded.scenarios);
}

std::filesystem::path default_cache_dir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
    return std::filesystem::path(xdg) / "dlv-harness";
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::filesystem::path(home) / ".cache" / "dlv-harness";
  }
  return std::filesystem::temp_directory_path() / "dlv-harness-cache";
}

// The folder of the running harness binary (dlv-exec-wrapper is built next to it).
std::filesystem::path own_directory() {
  std::error_code ec;
  auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path(".") : self.parent_path();
}

}  // namespace

int validate_command(const std::vector<std::filesystem::path>& paths) {
  auto scenarios = load(paths);
  if (!scenarios) return kUsage;
  std::printf("harness: %zu scenario(s) valid\n", scenarios->size());
  return kAllPassed;
}

int list_command(const std::vector<std::filesystem::path>& paths) {
  auto scenarios = load(paths);
  if (!scenarios) return kUsage;
  for (const auto& s : *scenarios) {
    std::string tags = s.tags.empty() ? "" : "  [" + util::join(s.tags, ", ") + "]";
    std::printf("%s  %s  (%s)%s\n", s.file.c_str(), s.name.c_str(),
                scenario::mode_name(s.launch.mode), tags.c_str());
  }
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

int run_command(const RunOptions& options) {
  auto scenarios = load(options.paths);
  if (!scenarios) return kUsage;
  if (scenarios->empty()) {
    std::fprintf(stderr, "harness: no scenario files (*.yaml) under the given paths\n");
    return kUsage;
  }
  auto go = gotool::find_go(options.go);
  constexpr const char* kSeeDoctor =
      "harness: `harness doctor` checks the whole debugging set-up\n";
  if (!go) {
    std::fprintf(stderr, "harness: %s\n%s", go.error().str().c_str(), kSeeDoctor);
    return kMissingTool;
  }
  auto dlv = gotool::find_dlv(options.dlv, &*go);
  if (!dlv) {
    std::fprintf(stderr, "harness: %s\n%s", dlv.error().str().c_str(), kSeeDoctor);
    return kMissingTool;
  }
  // A debuggee whose dlv dies is re-parented to us, so teardown can still find and end it.
  process::become_subreaper();

  runner::Environment env{*go,
                          *dlv,
                          options.cache_dir.value_or(default_cache_dir() / "build"),
                          options.reports_dir / "artifacts",
                          own_directory() / "dlv-exec-wrapper",
                          {}};
  env.strict = options.strict;
  if (options.timeout_seconds) {
    env.timeouts.scenario = util::Duration(static_cast<long>(*options.timeout_seconds * 1000));
  }
  std::printf("harness: %zu scenario(s); dlv %s (%s); %s\n", scenarios->size(),
              dlv->version.str().c_str(), dlv->path.c_str(), go->version_text.c_str());
  std::fflush(stdout);

  report::ConsoleReporter console(stdout);
  auto results = runner::run_suite(*scenarios, env, console);

  report::Properties properties = {{"dlv.version", dlv->version.str()},
                                   {"dlv.path", dlv->path.string()},
                                   {"go.version", go->version_text},
                                   {"go.path", go->go.string()}};
  auto junit_path = options.junit.value_or(options.reports_dir / "junit.xml");
  auto written = report::write_file_atomically(
      junit_path, report::junit_xml("dlv-harness", results, properties));
  if (!written) {
    std::fprintf(stderr, "harness: %s\n", written.error().str().c_str());
  } else {
    std::printf("harness: JUnit report: %s\n", junit_path.c_str());
  }
  if (auto builds = report::build_line(results); !builds.empty()) {
    std::printf("%s\n", builds.c_str());
  }
  std::printf("%s\n", report::summary_line(results).c_str());
  bool all_ok = written.ok();
  for (const auto& r : results) {
    all_ok = all_ok && (r.status == runner::Status::Pass || r.status == runner::Status::Skip);
  }
  return all_ok ? kAllPassed : kScenarioFailed;
}

}  // namespace cli
