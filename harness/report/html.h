#pragma once
#include <string>
#include <vector>

#include "harness/report/junit.h"

namespace report {

// The run as one self-contained HTML page (reports/report.html): the summary; the matrix (per
// cell: passed, failed, errors, skipped); each scenario with its status; under one that did not
// pass, its problem, the scenario lines whose expectations failed with expected and actual, and
// the timeline of its DAP exchange (requests, responses, events, notes, with their times) from
// the transcript. Everything from dlv, programs and scenarios is escaped.
std::string html_run_report(const std::vector<SuiteReport>& suites);

}  // namespace report
