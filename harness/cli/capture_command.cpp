#include <cstdio>

#include "harness/cli/commands.h"
#include "harness/cli/exit_codes.h"
#include "harness/cli/recorded_output.h"
#include "harness/record/capture.h"
#include "harness/record/merge.h"
#include "harness/record/scenario_text.h"
#include "harness/scenario/loader.h"
#include "harness/util/files.h"

namespace cli {

namespace {

namespace fs = std::filesystem;

// The program folder as the scenario names it: relative to the nearest folder above the scenario
// that holds it (a scenario's `program` is looked up from its folder upwards), else absolute.
std::string program_as_written(const fs::path& program_dir, const std::optional<fs::path>& output) {
  std::error_code ec;
  fs::path absolute = fs::absolute(program_dir, ec).lexically_normal();
  if (!output) return absolute.string();
  fs::path folder = fs::absolute(*output, ec).lexically_normal().parent_path();
  for (; folder.has_relative_path(); folder = folder.parent_path()) {
    fs::path relative = absolute.lexically_relative(folder);
    if (!relative.empty() && *relative.begin() != "..") return relative.generic_string();
  }
  return absolute.string();
}

// The editor's paths in the recording made relative to the program folder it debugged.
void relativize(record::Recording& recording, const fs::path& captured_dir) {
  for (auto& stop : recording.stops) stop.file = record::relative_to(captured_dir, stop.file);
}

}  // namespace

int record_from_capture(const RecordCommandOptions& options) {
  const fs::path& transcript = *options.from_capture;
  auto text = util::read_file(transcript);
  if (!text) {
    std::fprintf(stderr, "harness record: %s\n", text.error().str().c_str());
    return kUsage;
  }
  auto capture = record::read_capture(*text, transcript.string());
  if (!capture) {
    std::fprintf(stderr, "harness record: %s\n", capture.error().str().c_str());
    return kUsage;
  }
  // What dlv (and the program it ran) printed outside DAP, kept beside the transcript.
  for (auto [file, into] : {std::pair{"dlv-stdout.txt", &capture->recording.stdout_text},
                            std::pair{"dlv-stderr.txt", &capture->recording.stderr_text}})
    if (auto printed = util::read_file(transcript.parent_path() / file)) *into += *printed;

  fs::path captured_dir = record::captured_program_dir(*capture);
  fs::path program_dir = options.program.value_or(captured_dir);
  relativize(capture->recording, captured_dir);
  record::Variance variance{{captured_dir.string(), program_dir.string()}, false};
  auto steps = record::merged_steps({capture->recording}, variance);
  if (!steps) {
    std::fprintf(stderr, "harness record: %s\n", steps.error().message.c_str());
    return kScenarioFailed;
  }
  std::string name =
      options.name.value_or(capture->launch.value("name", "captured session") + " (captured)");
  std::string skeleton = record::capture_skeleton(
      *capture, name, program_as_written(program_dir, options.output), captured_dir);
  std::string header = "# written by `harness record --from-capture " + transcript.string() +
                       "`:\n# what the editor did, through `harness proxy`\n";
  std::string scenario_text = record::with_steps(skeleton, header, record::yaml_text(*steps, 2));
  auto destination = options.output.value_or(fs::path("captured.yaml"));
  auto check = scenario::load_text(destination, scenario_text);
  if (!check.diagnostics.empty()) {
    std::fprintf(stderr, "harness record: the scenario does not load:\n");
    for (const auto& d : check.diagnostics) std::fprintf(stderr, "%s\n", d.str().c_str());
    std::fputs(scenario_text.c_str(), stderr);
    return kScenarioFailed;
  }
  return put_recorded_scenario(scenario_text, options.output,
                               "from " + transcript.string() + ", " +
                                   std::to_string(capture->recording.stops.size()) + " stop(s)");
}

}  // namespace cli
