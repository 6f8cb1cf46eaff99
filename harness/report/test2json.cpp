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

}  // namespace

Test2JsonReporter::Test2JsonReporter(std::FILE* out, std::string package)
    : out_(out), package_(std::move(package)), start_(std::chrono::steady_clock::now()) {}

Test2JsonReporter::GoTest Test2JsonReporter::go_test(const std::string& id, int repetition) const {
  std::filesystem::path file(id);
  std::string folder = file.parent_path().relative_path().string();
  std::string test = file.filename().string();
  if (repetition > 1) test += "#" + std::to_string(repetition);
  return {folder.empty() ? package_ : package_ + "/" + folder, test};
}

void Test2JsonReporter::seen(const std::string& package, bool ok) {
  auto it = std::find_if(packages_.begin(), packages_.end(),
                         [&](const auto& p) { return p.first == package; });
  if (it != packages_.end()) {
    it->second = it->second && ok;
    return;
  }
  packages_.emplace_back(package, ok);
  emit("start", {package, ""}, nullptr);
}

void Test2JsonReporter::emit(const std::string& action, const GoTest& test,
                             const std::string* output, double elapsed) {
  nlohmann::json event = {{"Time", now_rfc3339()}, {"Action", action}, {"Package", test.package}};
  if (!test.test.empty()) event["Test"] = test.test;
  if (elapsed >= 0) event["Elapsed"] = elapsed;
  if (output) event["Output"] = *output;
  std::string line = event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::fputs(line.c_str(), out_);
  std::fflush(out_);
}

void Test2JsonReporter::started(const scenario::ScenarioEntry& scenario, int repetition,
                                std::size_t, std::size_t) {
  GoTest test = go_test(scenario.file.string(), repetition);
  seen(test.package, true);
  emit("run", test, nullptr);
  std::string line = "=== RUN   " + test.test + "\n";
  emit("output", test, &line);
}

void Test2JsonReporter::finished(const runner::ScenarioResult& r) {
  GoTest test = go_test(r.id, r.repetition);
  seen(test.package, r.status != runner::Status::Fail && r.status != runner::Status::Error);
  auto say = [&](const std::string& text) {
    for (const auto& line : util::split(text, '\n')) {
      std::string out = "    " + line + "\n";
      emit("output", test, &out);
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
  emit("output", test, &summary);
  emit(action_of(r.status), test, nullptr, seconds_of(r.duration));
  reported_.insert(test.package + "\n" + test.test);
}

void Test2JsonReporter::done(const std::vector<runner::ScenarioResult>& results) {
  for (const auto& r : results) {
    GoTest test = go_test(r.id, r.repetition);
    seen(test.package, r.status != runner::Status::Fail && r.status != runner::Status::Error);
    if (reported_.count(test.package + "\n" + test.test)) continue;
    emit("run", test, nullptr);
    std::string line = "    " + r.problem.message + "\n--- SKIP: " + test.test + " (0.00s)\n";
    emit("output", test, &line);
    emit("skip", test, nullptr, 0);
  }
  if (packages_.empty()) seen(package_, true);
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  for (const auto& [package, ok] : packages_) {
    std::string verdict = ok ? "PASS\n" : "FAIL\n";
    emit("output", {package, ""}, &verdict);
    emit(ok ? "pass" : "fail", {package, ""}, nullptr, elapsed);
  }
}

}  // namespace report
