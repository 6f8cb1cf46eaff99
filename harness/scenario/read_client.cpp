#include "harness/scenario/readers.h"

namespace scenario {

void read_client(Reader& reader, const Entry& entry, std::map<std::string, bool>& capabilities) {
  // The boolean client capabilities of the DAP `initialize` request that change what dlv sends.
  static const std::vector<std::string> switches = {
      "supportsVariablePaging",       "supportsVariableType",      "supportsMemoryReferences",
      "supportsInvalidatedEvent",     "supportsProgressReporting", "supportsRunInTerminalRequest",
      "supportsStartDebuggingRequest"};
  auto pairs = reader.map_value(entry, &switches);
  if (!pairs) return;
  for (const auto& pair : *pairs)
    if (auto on = reader.boolean(pair)) capabilities[pair.key] = *on;
}

}  // namespace scenario
