#include "harness/scenario/readers.h"

namespace scenario {

namespace {

// The harness's own launch keys, then every DAP attribute it passes through.
const std::vector<std::string>& launch_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> k = {"mode",     "args",         "env",
                                  "cwd",      "stopOnEntry",  "test_run",
                                  "topology", "ready_output", "test_binary"};
    for (const auto& [name, type] : dap_launch_attributes()) k.push_back(name);
    return k;
  }();
  return keys;
}

// Reads a pass-through DAP attribute into `attributes`, checking its JSON type.
void read_attribute(Reader& reader, const Entry& pair, AttributeType type,
                    nlohmann::json& attributes) {
  using T = AttributeType;
  const YAML::Node& v = pair.value;
  bool ok = false;
  const char* wanted = "";
  switch (type) {
    case T::Bool:
      if (auto b = reader.boolean(pair)) attributes[pair.key] = *b;
      return;
    case T::Int:
      if (auto i = reader.integer(pair, 0)) attributes[pair.key] = *i;
      return;
    case T::String:
      if (auto str = reader.string(pair)) attributes[pair.key] = *str;
      return;
    case T::StringOrList:
      ok = v.IsScalar() || v.IsSequence();
      wanted = "a string or a list";
      break;
    case T::List:
      ok = v.IsSequence();
      wanted = "a list";
      break;
    case T::Map:
      ok = v.IsMap();
      wanted = "a map";
      break;
  }
  if (!ok) {
    reader.error(reader.value_loc(pair),
                 "'" + pair.key + "' must be " + wanted + ", got " + describe(v));
    return;
  }
  attributes[pair.key] = to_json(v);
}

}  // namespace

void read_launch(Reader& reader, const Entry& entry, Launch& launch, Pending& pending) {
  const auto& keys = launch_keys();
  static const std::vector<std::string> modes = {"debug", "exec", "test"};
  launch.loc = reader.value_loc(entry);
  auto pairs = reader.map_value(entry, &keys);
  if (!pairs) return;
  std::optional<SourceLoc> test_run_loc;
  std::optional<SourceLoc> test_binary_loc;
  std::optional<SourceLoc> topology_loc;
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
      for (const auto& var : *vars) {
        if (var.value.IsNull()) {
          launch.env[var.key] = std::nullopt;  // unsets it, as vscode-go's `null`
        } else if (auto value = reader.string(var)) {
          launch.env[var.key] = *value;
        }
      }
    } else if (pair.key == "cwd") {
      launch.cwd = reader.string(pair);
      pending.cwd_loc = reader.value_loc(pair);
    } else if (pair.key == "stopOnEntry") {
      if (auto stop = reader.boolean(pair)) launch.stop_on_entry = *stop;
    } else if (pair.key == "topology") {
      static const std::vector<std::string> topologies = {"dap", "headless", "attach",
                                                          "go_test_exec"};
      auto topology = reader.choice(pair, topologies, "topology");
      if (topology == "headless") launch.topology = Topology::Headless;
      if (topology == "attach") launch.topology = Topology::Attach;
      if (topology == "go_test_exec") launch.topology = Topology::GoTestExec;
      topology_loc = reader.value_loc(pair);
    } else if (pair.key == "ready_output") {
      launch.ready_output = reader.string(pair);
    } else if (pair.key == "test_binary") {
      if (auto test_binary = reader.boolean(pair)) launch.test_binary = *test_binary;
      test_binary_loc = reader.key_loc(pair);
    } else if (pair.key == "test_run") {
      launch.test_run = reader.string(pair);
      test_run_loc = reader.key_loc(pair);
    } else {
      for (const auto& [name, type] : dap_launch_attributes())
        if (name == pair.key) read_attribute(reader, pair, type, launch.dap_attributes);
    }
  }
  if (launch.topology == Topology::Attach && launch.mode != LaunchMode::Exec && mode_known)
    reader.error(*topology_loc, "topology attach needs mode exec (the harness starts the program)");
  if (launch.topology == Topology::GoTestExec && launch.mode != LaunchMode::Test && mode_known)
    reader.error(*topology_loc, "topology go_test_exec needs mode test");
  if (launch.topology == Topology::Attach && !launch.ready_output)
    reader.error(*topology_loc,
                 "topology attach needs 'ready_output': what the program prints once it runs");
  if (launch.test_binary && mode_known && launch.mode != LaunchMode::Exec)
    reader.error(*test_binary_loc, "'test_binary' needs mode exec (the harness builds the binary)");
  if (test_run_loc && mode_known && launch.mode != LaunchMode::Test && !launch.test_binary)
    reader.error(*test_run_loc, "'test_run' is only allowed with mode test or test_binary");
}

}  // namespace scenario
