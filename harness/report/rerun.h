#pragma once
#include <filesystem>
#include <vector>

#include "harness/scenario/model.h"
#include "harness/util/expected.h"

namespace report {

// `harness run --rerun-failed REPORT`: the scenarios of `candidates` that REPORT shows failed or
// in error. REPORT is a JUnit file or a `--json` file of an earlier `harness run` over the same
// paths: a JUnit <testcase> names a scenario by classname and name, a JSON Test by its path (a
// "#K" of --repeat, or a run name like "(run 2/3)", still names it). Errors: as read_report().
util::Expected<std::vector<scenario::ScenarioEntry>> failed_in_report(
    const std::filesystem::path& report, std::vector<scenario::ScenarioEntry> candidates);

}  // namespace report
