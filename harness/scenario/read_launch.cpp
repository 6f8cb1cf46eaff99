#include "harness/scenario/readers.h"

namespace scenario {

void read_launch(Reader& reader, const Entry& entry, Launch& launch, Pending& pending) {
  static const std::vector<std::string> keys = {"mode", "args",        "env",
                                                "cwd",  "stopOnEntry", "test_run"};
  static const std::vector<std::string> modes = {"debug", "exec", "test"};
  launch.loc = reader.value_loc(entry);
  auto pairs = reader.map_value(entry, &keys);
  if (!pairs) return;
  std::optional<SourceLoc> test_run_loc;
  bool mode_known = true;
  for (const auto& pair : *pairs) {
    if (pair.key == "mode") {
      auto mode = reader.choice(pair, modes, "mode");
      mode_known = mode.has_value();
      if (mode == "debug") launch.mode = LaunchMode::Debug;
      if (mode == "test") launch.mode = LaunchMode::Test;
    } else if (pair.key == "args") {
      if (auto args = reader.strings(pair)) launch.args = std::move(*args);
    } else if (pair.key == "env") {
      auto vars = reader.map_value(pair, nullptr);
      if (!vars) continue;
      for (const auto& var : *vars)
        if (auto value = reader.string(var)) launch.env[var.key] = *value;
    } else if (pair.key == "cwd") {
      launch.cwd = reader.string(pair);
      pending.cwd_loc = reader.value_loc(pair);
    } else if (pair.key == "stopOnEntry") {
      if (auto stop = reader.boolean(pair)) launch.stop_on_entry = *stop;
    } else if (pair.key == "test_run") {
      launch.test_run = reader.string(pair);
      test_run_loc = reader.key_loc(pair);
    }
  }
  if (test_run_loc && mode_known && launch.mode != LaunchMode::Test)
    reader.error(*test_run_loc, "'test_run' is only allowed with mode test");
}

}  // namespace scenario
