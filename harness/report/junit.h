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

// A JUnit document valid against the strict Jenkins schema (jenkins-junit.xsd): one
// <testsuite>, one <testcase> per scenario; <failure> for FAIL, <error> for ERROR,
// <skipped> for SKIP; transcript tail and dlv output (system-out/-err) for failed cases only.
std::string junit_xml(const std::string& suite_name,
                      const std::vector<runner::ScenarioResult>& results,
                      const Properties& properties);

// Writes `text` to `file` atomically (temporary file in the same folder, then rename), creating
// parent folders.
util::Expected<void> write_file_atomically(const std::filesystem::path& file,
                                           const std::string& text);

}  // namespace report
