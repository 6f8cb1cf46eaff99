#pragma once
#include "harness/dap/json.h"
#include "harness/record/recording.h"

namespace record {

// A DAP `variables` entry as recorded: name, value, type, evaluateName, indexedVariables and
// namedVariables; no count or children (the caller loads those). An unnamed entry (a pointer's
// child) gets an empty name, which callers leave out: it cannot be a scenario key.
RecordedVar recorded_var(const dap::json& variable);

}  // namespace record
