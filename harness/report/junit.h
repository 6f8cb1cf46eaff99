#pragma once
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "harness/runner/result.h"
#include "harness/util/expected.h"

namespace report {

// Environment facts recorded as <property> elements (dlv and Go versions, OS, ...).
using Properties = std::vector<std::pair<std::string, std::string>>;

// Strict: valid against the Jenkins schema (jenkins-junit.xsd). Extended: adds what readers know
// outside that schema: `file` and `line` on each <testcase> (GitLab, Buildkite and most viewers),
// `message` on <skipped>, and Surefire's <flakyFailure> (a pass after a failed attempt) and
// <rerunFailure> (a retry that failed too).
enum class JunitFlavour { Strict, Extended };

// A scenario's <testcase> classname: "scenarios/variables/locals.yaml" ->
// "scenarios.variables.locals"; an absolute path without its leading "/".
std::string junit_classname(const std::string& scenario_id);

// A JUnit document: one <testsuite>, one <testcase> per run of a scenario; <failure> for FAIL,
// <error> for ERROR, <skipped> for SKIP; transcript tail and dlv output (system-out/-err) for
// failed cases only. A flaky pass has status="flaky" and its first failure in <system-out>.
std::string junit_xml(const std::string& suite_name,
                      const std::vector<runner::ScenarioResult>& results,
                      const Properties& properties, JunitFlavour flavour = JunitFlavour::Strict);

// One <testsuite>: a matrix cell's results and the properties that name the cell.
struct SuiteReport {
  std::string name;
  std::vector<runner::ScenarioResult> results;
  Properties properties;
  // The suite's wall time (parallel runs overlap); zero: the sum of its cases.
  util::Duration wall{0};
};

// The same document with one <testsuite> per suite (per matrix cell), under <testsuites name>.
std::string junit_xml(const std::string& name, const std::vector<SuiteReport>& suites,
                      JunitFlavour flavour = JunitFlavour::Strict);

}  // namespace report
