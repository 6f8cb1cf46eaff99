#include <fstream>
#include <iterator>

#include "harness/launchjson/translate.h"
#include "harness/scenario/readers.h"
#include "harness/util/environment.h"

namespace scenario {

namespace {

LaunchMode mode_of(const std::string& mode) {
  if (mode == "exec") return LaunchMode::Exec;
  if (mode == "test") return LaunchMode::Test;
  return LaunchMode::Debug;
}

}  // namespace

void read_launch_json(Reader& reader, const Entry& entry, Scenario& scenario) {
  static const std::vector<std::string> keys = {"file", "configuration", "file_var",
                                                "ready_output"};
  auto pairs = reader.map_value(entry, &keys);
  if (!pairs) return;
  std::optional<std::string> file, configuration, file_var;
  SourceLoc file_loc = reader.key_loc(entry), configuration_loc = file_loc, file_var_loc;
  for (const auto& pair : *pairs) {
    if (pair.key == "file") {
      file = reader.string(pair);
      file_loc = reader.value_loc(pair);
    } else if (pair.key == "configuration") {
      configuration = reader.string(pair);
      configuration_loc = reader.value_loc(pair);
    } else if (pair.key == "ready_output") {
      scenario.launch.ready_output = reader.string(pair);
    } else {
      file_var = reader.string(pair);
      file_var_loc = reader.value_loc(pair);
    }
  }
  if (!file) return reader.missing(reader.key_loc(entry), "file", "launch_json");
  if (!configuration) return reader.missing(reader.key_loc(entry), "configuration", "launch_json");

  auto path = resolve_upwards(scenario.file, *file, "launch.json");
  if (!path) return reader.error(file_loc, path.error().message);
  std::ifstream in(*path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto doc = launchjson::parse_jsonc(text, file->c_str());
  if (!doc) return reader.error(file_loc, "cannot parse " + doc.error().str());
  auto config = launchjson::find_configuration(*doc, *configuration);
  if (!config) return reader.error(configuration_loc, config.error().message);

  launchjson::Workspace workspace{scenario.program_dir, std::nullopt, util::process_environment()};
  if (file_var) {
    workspace.file = (scenario.program_dir / *file_var).lexically_normal();
    std::error_code ec;
    if (!std::filesystem::exists(*workspace.file, ec)) {
      return reader.error(file_var_loc, "file_var '" + *file_var + "' not found in the program");
    }
  }
  auto launch = launchjson::to_dlv_launch(*config, workspace);
  if (!launch) {
    return reader.error(configuration_loc,
                        "configuration '" + *configuration + "': " + launch.error().message);
  }
  if (launch->arguments.value("request", "") == "attach") {
    // The harness provides what the configuration attaches to: a headless dlv running the
    // built program (remote), or the built program itself (local).
    scenario.launch.mode = LaunchMode::Exec;
    bool remote = launch->arguments.value("mode", "") == "remote";
    scenario.launch.topology = remote ? Topology::Headless : Topology::Attach;
    if (!remote && !scenario.launch.ready_output) {
      return reader.error(configuration_loc,
                          "configuration '" + *configuration +
                              "' attaches to a local process: launch_json needs 'ready_output'");
    }
  } else {
    scenario.launch.mode = mode_of(launch->arguments.value("mode", "debug"));
  }
  scenario.launch.stop_on_entry = launch->arguments.value("stopOnEntry", false);
  scenario.launch_json = LaunchJson{*path, *configuration, std::move(launch->arguments),
                                    std::move(launch->dlv_flags), reader.key_loc(entry)};
}

}  // namespace scenario
