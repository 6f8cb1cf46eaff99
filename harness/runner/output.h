#pragma once
#include <string>

#include "harness/runner/context.h"

namespace runner {

// The program's output seen so far in one category ("stdout", "stderr", "console" or "any"):
// DAP output events of that category, then what reached dlv's own stdout/stderr (where the
// program writes unless dlv was asked for outputMode "remote", and always on dlv < 1.21.1), and
// the pipes of a program the harness started itself (topology attach). Category "dlv" is dlv's
// own log instead (its `--log-dest` pipe: the listening line, then the dap and debugger log).
std::string collected_output(RunContext& ctx, const std::string& category);

}  // namespace runner
