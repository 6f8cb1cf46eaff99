#include "harness/record/dap_variable.h"

namespace record {

RecordedVar recorded_var(const dap::json& v) {
  return RecordedVar{v.value("name", ""),
                     v.value("value", ""),
                     v.value("type", ""),
                     v.value("evaluateName", ""),
                     v.value("indexedVariables", 0),
                     v.value("namedVariables", 0),
                     std::nullopt,
                     {}};
}

}  // namespace record
