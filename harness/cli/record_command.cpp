#include <cstdio>
#include <fstream>
#include <sstream>

#include "harness/cli/commands.h"
#include "harness/cli/exit_codes.h"
#include "harness/cli/scenario_files.h"
#include "harness/process/child.h"
#include "harness/record/merge.h"
#include "harness/record/recorder.h"
#include "harness/record/scenario_text.h"
#include "harness/scenario/loader.h"
#include "harness/scenario/scalar_edit.h"
#include "harness/util/strings.h"

namespace cli {

namespace {

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void print_diagnostics(const std::vector<scenario::Diagnostic>& diagnostics) {
  for (const auto& d : diagnostics) std::fprintf(stderr, "%s\n", d.str().c_str());
}

// The recorded scenario's text as it will be read from `destination`: when the skeleton's
// relative `program` is not found from there, it becomes the absolute program folder.
std::string anchored_program(std::string text, const scenario::Scenario& skeleton,
                             const std::filesystem::path& destination) {
  auto loaded = scenario::load_text(destination, text);
  if (!loaded.scenarios.empty()) return text;
  auto written = scenario::read_scalar(text, skeleton.program_loc);
  if (!written) return text;
  auto edited = scenario::edit_scalars(
      text, {{skeleton.program_loc, *written, skeleton.program_dir.string()}});
  return edited.refused.empty() ? edited.text : text;
}

}  // namespace

int record_command(const RecordCommandOptions& options) {
  auto loaded = scenario::load_file(options.skeleton);
  if (!loaded.diagnostics.empty() || loaded.scenarios.size() != 1) {
    print_diagnostics(loaded.diagnostics);
    if (loaded.diagnostics.empty())
      std::fprintf(stderr, "harness record: %s: one scenario per file\n", options.skeleton.c_str());
    return kUsage;
  }
  const scenario::Scenario& skeleton = loaded.scenarios.front();
  auto go = gotool::find_go(options.go);
  if (!go) {
    std::fprintf(stderr, "harness record: %s\n", go.error().str().c_str());
    return kMissingTool;
  }
  auto dlv = gotool::find_dlv(options.dlv, &*go);
  if (!dlv) {
    std::fprintf(stderr, "harness record: %s\n", dlv.error().str().c_str());
    return kMissingTool;
  }
  process::become_subreaper();
  runner::Environment env{*go,
                          *dlv,
                          options.cache_dir.value_or(default_cache_dir() / "build"),
                          options.reports_dir / "record",
                          own_directory() / "dlv-exec-wrapper",
                          {}};
  if (options.timeout_seconds) {
    env.timeouts.scenario = util::Duration(static_cast<long>(*options.timeout_seconds * 1000));
  }

  std::vector<record::Recording> runs;
  for (int r = 1; r <= options.record.runs; ++r) {
    auto run = record::record_run(skeleton, env, options.record);
    const auto& result = run.result;
    std::fprintf(stderr, "harness record: run %d/%d: %s in %.3fs, %zu stop(s)%s\n", r,
                 options.record.runs, runner::status_name(result.status),
                 std::chrono::duration<double>(result.duration).count(), run.recording.stops.size(),
                 run.recording.exit_code
                     ? (", exit code " + std::to_string(*run.recording.exit_code)).c_str()
                     : "");
    if (result.status != runner::Status::Pass) {
      std::fprintf(stderr, "%s\n", result.problem.message.c_str());
      if (!result.artifacts_dir.empty())
        std::fprintf(stderr, "  (transcript and dlv log: %s)\n", result.artifacts_dir.c_str());
      return kScenarioFailed;
    }
    runs.push_back(std::move(run.recording));
  }
  // Paths of this machine that a scenario must not hard-code: the program's folder, GOROOT. A
  // program the harness attaches to has run for a while: its numbers depend on timing.
  record::Variance variance{{skeleton.program_dir.string()},
                            skeleton.launch.topology == scenario::Topology::Attach};
  if (auto bin = go->go.parent_path(); bin.filename() == "bin")
    variance.local_paths.push_back(bin.parent_path().string());
  auto steps = record::merged_steps(runs, variance);
  if (!steps) {
    std::fprintf(stderr, "harness record: %s\n", steps.error().message.c_str());
    return kScenarioFailed;
  }
  std::string header = "# steps recorded by `harness record` with dlv " + dlv->version.str() +
                       ", " + go->version_text + ", " + std::to_string(runs.size()) +
                       " run(s);\n# values that vary between runs are matchers\n";
  std::string text =
      record::with_steps(read_text(options.skeleton), header, record::yaml_text(*steps, 2));
  auto destination = options.output.value_or(options.skeleton);
  text = anchored_program(std::move(text), skeleton, destination);
  // What is written must load: a recorded scenario is only useful if `harness run` takes it.
  auto check = scenario::load_text(destination, text);
  if (!check.diagnostics.empty()) {
    std::fprintf(stderr, "harness record: the recorded scenario does not load (a harness bug):\n");
    print_diagnostics(check.diagnostics);
    std::fputs(text.c_str(), stderr);
    return kScenarioFailed;
  }
  if (!options.output) {
    std::fputs(text.c_str(), stdout);
    return kAllPassed;
  }
  std::ofstream out(*options.output, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) {
    std::fprintf(stderr, "harness record: cannot write %s\n", options.output->c_str());
    return kUsage;
  }
  std::fprintf(stderr,
               "harness record: wrote %s (%zu step(s)); check it with `harness run "
               "--repeat 10 %s`\n",
               options.output->c_str(), std::get<record::YamlList>(steps->node).size(),
               options.output->c_str());
  return kAllPassed;
}

}  // namespace cli
