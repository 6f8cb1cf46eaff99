#include <cstdio>

#include "harness/cli/commands.h"
#include "harness/cli/exit_codes.h"
#include "harness/cli/recorded_output.h"
#include "harness/cli/scenario_files.h"
#include "harness/process/child.h"
#include "harness/record/merge.h"
#include "harness/record/recorder.h"
#include "harness/record/scenario_text.h"
#include "harness/scenario/loader.h"
#include "harness/scenario/scalar_edit.h"
#include "harness/util/files.h"

namespace cli {

namespace {

void print_diagnostics(const std::vector<scenario::Diagnostic>& diagnostics) {
  for (const auto& d : diagnostics) std::fprintf(stderr, "%s\n", d.str().c_str());
}

// `text` with the skeleton's relative `program` made the absolute program folder, for an output
// folder from which the relative path is not found; `text` itself if it cannot be rewritten.
std::string anchored_program(const std::string& text, const scenario::Scenario& skeleton) {
  auto written = scenario::read_scalar(text, skeleton.program_loc);
  if (!written || skeleton.program_root) return text;
  auto program = skeleton.program_file.empty() ? skeleton.program_dir
                                               : skeleton.program_dir / skeleton.program_file;
  auto edited = scenario::edit_scalars(text, {{skeleton.program_loc, *written, program.string()}});
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
  auto env = command_environment(*go, *dlv, options.cache_dir, options.reports_dir / "record",
                                 options.timeout_seconds);

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
  auto skeleton_text = util::read_file(options.skeleton);
  if (!skeleton_text) {
    std::fprintf(stderr, "harness record: %s\n", skeleton_text.error().message.c_str());
    return kUsage;
  }
  std::string text = record::with_steps(*skeleton_text, header, record::yaml_text(*steps, 2));
  auto destination = options.output.value_or(options.skeleton);
  // What is written must load: a recorded scenario is only useful if `harness run` takes it.
  auto check = scenario::load_text(destination, text);
  if (check.scenarios.empty()) {
    // A relative `program` may not be found from the output's folder.
    text = anchored_program(text, skeleton);
    check = scenario::load_text(destination, text);
  }
  if (!check.diagnostics.empty()) {
    std::fprintf(stderr, "harness record: the recorded scenario does not load (a harness bug):\n");
    print_diagnostics(check.diagnostics);
    std::fputs(text.c_str(), stderr);
    return kScenarioFailed;
  }
  return put_recorded_scenario(
      text, options.output,
      std::to_string(std::get<record::YamlList>(steps->node).size()) + " step(s)");
}

}  // namespace cli
