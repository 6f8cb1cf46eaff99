#include "harness/report/junit.h"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "harness/report/xml_text.h"

namespace report {

namespace {

std::string seconds(util::Duration d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(d.count()) / 1000.0);
  return buf;
}

std::string first_line(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

std::string timestamp_now() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &utc);
  return buf;
}

std::string hostname() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0) return "localhost";
  return buf;
}

// `<element message="FIRST LINE" type="TYPE">MESSAGE</element>`: a failure, an error, or
// Surefire's flakyFailure / rerunFailure for the failed first attempt of a retried case.
std::string problem_element(const char* element, const char* type, const std::string& message) {
  return std::string("      <") + element + " message=\"" + xml_escape(first_line(message), true) +
         "\" type=\"" + type + "\">" + xml_escape(message) + "</" + element + ">\n";
}

void testcase(std::string& x, const runner::ScenarioResult& r, JunitFlavour flavour) {
  using runner::Status;
  x += "    <testcase name=\"" + xml_escape(r.display_name(), true) + "\" classname=\"" +
       xml_escape(junit_classname(r.id), true) + "\" time=\"" + seconds(r.duration) + "\"";
  if (flavour == JunitFlavour::Extended) {
    x += " file=\"" + xml_escape(r.id, true) + "\" line=\"" + std::to_string(r.loc.line) + "\"";
  }
  if (r.flaky()) {
    x += " status=\"flaky\">\n";
    if (flavour == JunitFlavour::Extended && r.first_failure)
      x += problem_element("flakyFailure", "expectation", r.first_failure->message);
    x += "      <system-out>" +
         xml_escape("flaky: passed on attempt " + std::to_string(r.attempts) +
                    "; attempt 1 failed:\n" + (r.first_failure ? r.first_failure->message : "")) +
         "</system-out>\n    </testcase>\n";
    return;
  }
  if (r.status == Status::Pass) {
    x += "/>\n";
    return;
  }
  x += ">\n";
  const std::string& message = r.problem.message;
  if (r.status == Status::Skip) {
    std::string reason = flavour == JunitFlavour::Extended
                             ? " message=\"" + xml_escape(first_line(message), true) + "\""
                             : "";
    x += "      <skipped" + reason + ">" + xml_escape(message) + "</skipped>\n";
  } else {
    const char* element = r.status == Status::Fail ? "failure" : "error";
    const char* type = r.status == Status::Fail ? "expectation" : "infrastructure";
    x += problem_element(element, type, message);
    if (flavour == JunitFlavour::Extended && r.attempts > 1 && r.first_failure)
      x += problem_element("rerunFailure", "expectation", r.first_failure->message);
    if (!r.transcript_tail.empty()) {
      x += "      <system-out>" + xml_escape(r.transcript_tail) + "</system-out>\n";
    }
    if (!r.dlv_output.empty()) {
      x += "      <system-err>" + xml_escape(r.dlv_output) + "</system-err>\n";
    }
  }
  x += "    </testcase>\n";
}

}  // namespace

namespace {

struct Counts {
  std::size_t tests = 0, failures = 0, errors = 0, skipped = 0;
  util::Duration time{0};
  void add(const runner::ScenarioResult& r) {
    ++tests;
    failures += r.status == runner::Status::Fail;
    errors += r.status == runner::Status::Error;
    skipped += r.status == runner::Status::Skip;
    time += r.duration;
  }
  std::string attributes() const {
    return "tests=\"" + std::to_string(tests) + "\" failures=\"" + std::to_string(failures) +
           "\" errors=\"" + std::to_string(errors) + "\"";
  }
};

void testsuite(std::string& x, const SuiteReport& suite, JunitFlavour flavour) {
  Counts counts;
  for (const auto& r : suite.results) counts.add(r);
  if (suite.wall.count() > 0) counts.time = suite.wall;
  x += "  <testsuite name=\"" + xml_escape(suite.name, true) + "\" " + counts.attributes() +
       " skipped=\"" + std::to_string(counts.skipped) + "\" time=\"" + seconds(counts.time) +
       "\" timestamp=\"" + timestamp_now() + "\" hostname=\"" + xml_escape(hostname(), true) +
       "\">\n";
  if (!suite.properties.empty()) {
    x += "    <properties>\n";
    for (const auto& [key, value] : suite.properties) {
      x += "      <property name=\"" + xml_escape(key, true) + "\" value=\"" +
           xml_escape(value, true) + "\"/>\n";
    }
    x += "    </properties>\n";
  }
  for (const auto& r : suite.results) testcase(x, r, flavour);
  x += "  </testsuite>\n";
}

}  // namespace

std::string junit_xml(const std::string& name, const std::vector<SuiteReport>& suites,
                      JunitFlavour flavour) {
  Counts all;
  util::Duration wall{0};
  for (const auto& suite : suites) {
    for (const auto& r : suite.results) all.add(r);
    wall += suite.wall;
  }
  if (wall.count() > 0) all.time = wall;
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x += "<testsuites name=\"" + xml_escape(name, true) + "\" " + all.attributes() + " time=\"" +
       seconds(all.time) + "\">\n";
  for (const auto& suite : suites) testsuite(x, suite, flavour);
  x += "</testsuites>\n";
  return x;
}

std::string junit_xml(const std::string& suite_name,
                      const std::vector<runner::ScenarioResult>& results,
                      const Properties& properties, JunitFlavour flavour) {
  return junit_xml(suite_name, {SuiteReport{suite_name, results, properties}}, flavour);
}

// Readers split the class name at dots, so "/tmp/x.yaml" becomes "tmp.x".
std::string junit_classname(const std::string& scenario_id) {
  std::string out =
      std::filesystem::path(scenario_id).relative_path().replace_extension().generic_string();
  for (char& c : out)
    if (c == '/') c = '.';
  return out;
}

}  // namespace report
