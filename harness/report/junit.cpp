#include "harness/report/junit.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>

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

// "scenarios/variables/locals.yaml" -> "scenarios.variables.locals"
std::string classname(const std::string& id) {
  std::string out = std::filesystem::path(id).replace_extension().generic_string();
  for (char& c : out)
    if (c == '/') c = '.';
  return out;
}

void testcase(std::string& x, const runner::ScenarioResult& r, JunitFlavour flavour) {
  using runner::Status;
  x += "    <testcase name=\"" + xml_escape(r.display_name(), true) + "\" classname=\"" +
       xml_escape(classname(r.id), true) + "\" time=\"" + seconds(r.duration) + "\"";
  if (flavour == JunitFlavour::Extended) {
    x += " file=\"" + xml_escape(r.id, true) + "\" line=\"" + std::to_string(r.loc.line) + "\"";
  }
  if (r.flaky()) {
    x += " status=\"flaky\">\n      <system-out>" +
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
    x += "      <skipped>" + xml_escape(message) + "</skipped>\n";
  } else {
    const char* element = r.status == Status::Fail ? "failure" : "error";
    const char* type = r.status == Status::Fail ? "expectation" : "infrastructure";
    x += std::string("      <") + element + " message=\"" + xml_escape(first_line(message), true) +
         "\" type=\"" + type + "\">" + xml_escape(message) + "</" + element + ">\n";
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

std::string junit_xml(const std::string& suite_name,
                      const std::vector<runner::ScenarioResult>& results,
                      const Properties& properties, JunitFlavour flavour) {
  using runner::Status;
  std::size_t failures = 0, errors = 0, skipped = 0;
  util::Duration total{0};
  for (const auto& r : results) {
    failures += r.status == Status::Fail;
    errors += r.status == Status::Error;
    skipped += r.status == Status::Skip;
    total += r.duration;
  }
  std::string counts = "tests=\"" + std::to_string(results.size()) + "\" failures=\"" +
                       std::to_string(failures) + "\" errors=\"" + std::to_string(errors) + "\"";
  std::string name = xml_escape(suite_name, true);
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x += "<testsuites name=\"" + name + "\" " + counts + " time=\"" + seconds(total) + "\">\n";
  x += "  <testsuite name=\"" + name + "\" " + counts + " skipped=\"" + std::to_string(skipped) +
       "\" time=\"" + seconds(total) + "\" timestamp=\"" + timestamp_now() + "\" hostname=\"" +
       xml_escape(hostname(), true) + "\">\n";
  if (!properties.empty()) {
    x += "    <properties>\n";
    for (const auto& [key, value] : properties) {
      x += "      <property name=\"" + xml_escape(key, true) + "\" value=\"" +
           xml_escape(value, true) + "\"/>\n";
    }
    x += "    </properties>\n";
  }
  for (const auto& r : results) testcase(x, r, flavour);
  x += "  </testsuite>\n</testsuites>\n";
  return x;
}

util::Expected<void> write_file_atomically(const std::filesystem::path& file,
                                           const std::string& text) {
  std::error_code ec;
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
  auto tmp = file;
  tmp += ".tmp." + std::to_string(getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      return util::fail(util::ErrorKind::Io, "cannot write " + tmp.string());
    }
  }
  std::filesystem::rename(tmp, file, ec);
  if (ec) {
    std::string why = ec.message();
    std::filesystem::remove(tmp, ec);
    return util::fail(util::ErrorKind::Io, "cannot write " + file.string() + ": " + why);
  }
  return {};
}

}  // namespace report
