#pragma once
#include <string>
#include <vector>

#include "harness/runner/result.h"
#include "harness/util/phases.h"

namespace report {

// `harness run --timings`: for each session phase (in the order sessions go through them) the
// median and the total over the sessions that reached it, the median session, then the
// process's own phases. Lines end in '\n'; "" when nothing was timed.
std::string timings_text(const std::vector<runner::ScenarioResult>& results,
                         const std::vector<util::Phase>& process_phases);

}  // namespace report
