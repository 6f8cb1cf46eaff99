#include "harness/scenario/model.h"

namespace scenario {

const char* mode_name(LaunchMode mode) {
  switch (mode) {
    case LaunchMode::Debug:
      return "debug";
    case LaunchMode::Exec:
      return "exec";
    case LaunchMode::Test:
      return "test";
  }
  return "exec";
}

const std::vector<std::pair<std::string, AttributeType>>& dap_launch_attributes() {
  using T = AttributeType;
  static const std::vector<std::pair<std::string, AttributeType>> attributes = {
      {"showGlobalVariables", T::Bool},
      {"showRegisters", T::Bool},
      {"hideSystemGoroutines", T::Bool},
      {"showPprofLabels", T::List},
      {"showRawStrings", T::Bool},
      {"showLog", T::Bool},
      {"outputMode", T::String},
      {"logOutput", T::String},
      {"backend", T::String},
      {"buildFlags", T::StringOrList},
      {"dlvFlags", T::List},
      {"substitutePath", T::List},
      {"stackTraceDepth", T::Int},
      {"maxStringLen", T::Int},
      {"maxArrayValues", T::Int},
      {"dlvLoadConfig", T::Map},
      {"apiVersion", T::Int},
      {"trace", T::String},
      {"noDebug", T::Bool},
  };
  return attributes;
}

const std::filesystem::path& client_root(const Scenario& scenario) {
  return scenario.client_source_root ? *scenario.client_source_root : scenario.program_dir;
}

ScenarioEntry entry_of(const Scenario& scenario) {
  return {scenario.file, scenario.name, scenario.tags, scenario.launch.mode, scenario.loc};
}

}  // namespace scenario
