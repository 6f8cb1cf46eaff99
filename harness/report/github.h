#pragma once
#include <cstdio>
#include <string>
#include <vector>

#include "harness/runner/result.h"

// GitHub Actions output: with GITHUB_ACTIONS=true, a failed or errored scenario becomes an
// `::error file=…,line=…,col=…::` annotation on its scenario line, and the run's summary is
// appended as Markdown to $GITHUB_STEP_SUMMARY.
namespace report {

// True when running under GitHub Actions (GITHUB_ACTIONS=true).
bool on_github_actions();

// The workflow command for one result ("" unless it failed or errored). Newlines, '%' and ','
// are escaped as the runner expects.
std::string github_annotation(const runner::ScenarioResult& result);

// A Markdown table of the non-passing results and the counts, titled `title`.
std::string github_summary(const std::string& title,
                           const std::vector<runner::ScenarioResult>& results);

}  // namespace report
