#include "harness/report/test2json.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "harness/util/strings.h"

namespace report {

namespace {

// RFC 3339 with nanoseconds, UTC, as test2json writes it.
std::string now_rfc3339() {
  auto now = std::chrono::system_clock::now();
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()) %
               std::chrono::seconds(1);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  char fraction[16];
  std::snprintf(fraction, sizeof fraction, ".%09lldZ", static_cast<long long>(nanos.count()));
  return std::string(text) + fraction;
}

double seconds_of(util::Duration d) {
  return static_cast<double>(d.count()) / 1000.0;
}

const char* action_of(runner::Status status) {
  switch (status) {
    case runner::Status::Pass:
      return "pass";
    case runner::Status::Skip:
      return "skip";
    case runner::Status::Fail:
    case runner::Status::Error:
      return "fail";
  }
  return "fail";
}

// One event as a line of `go test -json` output.
std::string event_line(const std::string& time, const std::string& action,
                       const Test2JsonReporter::GoTest& test, const std::string* output,
                       double elapsed = -1) {
  nlohmann::json event = {{"Time", time}, {"Action", action}, {"Package", test.package}};
  if (!test.test.empty()) event["Test"] = test.test;
  if (elapsed >= 0) event["Elapsed"] = elapsed;
  if (output) event["Output"] = *output;
  return event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string key_of(const Test2JsonReporter::GoTest& test) {
  return test.package + "\n" + test.test;
}

}  // namespace

Test2JsonReporter::Test2JsonReporter(std::FILE* out, const std::string& package,
                                     const std::vector<scenario::ScenarioEntry>& planned,
                                     int repeat)
    : out_(out), package_(package) {
  std::replace(package_.begin(), package_.end(), ' ', '-');
  for (const auto& scenario : planned)
    package_of(go_test(scenario.file.string(), 1).package).runs_left +=
        static_cast<std::size_t>(std::max(1, repeat));
}

Test2JsonReporter::GoTest Test2JsonReporter::go_test(const std::string& id, int repetition) const {
  std::filesystem::path file(id);
  std::string folder = file.parent_path().relative_path().string();
  std::string test = file.filename().string();
  if (repetition > 1) test += "#" + std::to_string(repetition);
  return {folder.empty() ? package_ : package_ + "/" + folder, test};
}

Test2JsonReporter::Package& Test2JsonReporter::package_of(const std::string& name) {
  auto [it, added] = packages_.try_emplace(name);
  if (added) order_.push_back(name);
  return it->second;
}

void Test2JsonReporter::started(const scenario::ScenarioEntry& scenario, int repetition,
                                std::size_t, std::size_t) {
  GoTest test = go_test(scenario.file.string(), repetition);
  Package& package = package_of(test.package);
  if (!package.first_start) package.first_start = std::chrono::steady_clock::now();
  started_at_[key_of(test)] = now_rfc3339();
}

void Test2JsonReporter::add_run(const runner::ScenarioResult& r, const std::string& started_at) {
  GoTest test = go_test(r.id, r.repetition);
  Package& package = package_of(test.package);
  package.ok = package.ok && r.status != runner::Status::Fail && r.status != runner::Status::Error;
  if (package.runs_left > 0) --package.runs_left;
  auto add = [&](const std::string& line) { package.lines.push_back(line); };
  add(event_line(started_at, "run", test, nullptr));
  std::string run_line = "=== RUN   " + test.test + "\n";
  add(event_line(started_at, "output", test, &run_line));
  std::string now = now_rfc3339();
  auto say = [&](const std::string& text) {
    for (const auto& line : util::split(text, '\n')) {
      std::string out = "    " + line + "\n";
      add(event_line(now, "output", test, &out));
    }
  };
  if (r.flaky()) {
    say("flaky: passed on attempt " + std::to_string(r.attempts) + "; attempt 1 failed:");
    if (r.first_failure) say(r.first_failure->message);
  }
  if (r.status != runner::Status::Pass) say(r.problem.message);
  std::string verdict = r.status == runner::Status::Pass   ? "PASS"
                        : r.status == runner::Status::Skip ? "SKIP"
                                                           : "FAIL";
  char elapsed[32];
  std::snprintf(elapsed, sizeof elapsed, "%.2fs", seconds_of(r.duration));
  std::string summary = "--- " + verdict + ": " + test.test + " (" + elapsed + ")\n";
  add(event_line(now, "output", test, &summary));
  add(event_line(now, action_of(r.status), test, nullptr, seconds_of(r.duration)));
  reported_.insert(key_of(test));
}

void Test2JsonReporter::write_package(const std::string& name, Package& package) {
  double elapsed =
      package.first_start
          ? std::chrono::duration<double>(std::chrono::steady_clock::now() - *package.first_start)
                .count()
          : 0.0;
  std::string now = now_rfc3339();
  GoTest whole{name, ""};
  std::string text = event_line(now, "start", whole, nullptr);
  for (const auto& line : package.lines) text += line;
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.3fs", elapsed);
  std::string status = package.ok ? "PASS\n" : "FAIL\n";
  std::string summary = (package.ok ? "ok  \t" : "FAIL\t") + name + "\t" + seconds + "\n";
  text += event_line(now, "output", whole, &status);
  text += event_line(now, "output", whole, &summary);
  text += event_line(now, package.ok ? "pass" : "fail", whole, nullptr, elapsed);
  std::fputs(text.c_str(), out_);
  std::fflush(out_);
  package.written = true;
  package.lines.clear();
}

void Test2JsonReporter::finished(const runner::ScenarioResult& r) {
  GoTest test = go_test(r.id, r.repetition);
  auto started = started_at_.find(key_of(test));
  add_run(r, started != started_at_.end() ? started->second : now_rfc3339());
  Package& package = package_of(test.package);
  if (package.runs_left == 0) write_package(test.package, package);
}

void Test2JsonReporter::done(const std::vector<runner::ScenarioResult>& results) {
  for (const auto& r : results) {
    GoTest test = go_test(r.id, r.repetition);
    if (!reported_.count(key_of(test))) add_run(r, now_rfc3339());
  }
  if (packages_.empty()) package_of(package_);
  for (const auto& name : order_)
    if (Package& package = packages_[name]; !package.written) write_package(name, package);
}

}  // namespace report
