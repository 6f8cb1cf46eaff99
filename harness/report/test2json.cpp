#include "harness/report/test2json.h"

#include <algorithm>
#include <ctime>
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
    : out_(out), package_(std::move(package)), start_(std::chrono::steady_clock::now()) {
  emit("start", "", nullptr);
}

std::string Test2JsonReporter::test_name(const std::string& id, int repetition) {
  return repetition > 1 ? id + "#" + std::to_string(repetition) : id;
}

void Test2JsonReporter::emit(const std::string& action, const std::string& test,
                             const std::string* output, double elapsed) {
  nlohmann::json event = {{"Time", now_rfc3339()}, {"Action", action}, {"Package", package_}};
  if (!test.empty()) event["Test"] = test;
  if (elapsed >= 0) event["Elapsed"] = elapsed;
  if (output) event["Output"] = *output;
  std::string line = event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::fputs(line.c_str(), out_);
  std::fflush(out_);
}

void Test2JsonReporter::started(const scenario::ScenarioEntry& scenario, int repetition,
                                std::size_t, std::size_t) {
  std::string test = test_name(scenario.file.string(), repetition);
  emit("run", test, nullptr);
  std::string line = "=== RUN   " + test + "\n";
  emit("output", test, &line);
}

void Test2JsonReporter::finished(const runner::ScenarioResult& r) {
  std::string test = test_name(r.id, r.repetition);
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
  std::string summary = "--- " + verdict + ": " + test + " (" + elapsed + ")\n";
  emit("output", test, &summary);
  emit(action_of(r.status), test, nullptr, seconds_of(r.duration));
  reported_.push_back(test);
}

void Test2JsonReporter::done(const std::vector<runner::ScenarioResult>& results) {
  bool ok = true;
  for (const auto& r : results) {
    ok = ok && r.status != runner::Status::Fail && r.status != runner::Status::Error;
    std::string test = test_name(r.id, r.repetition);
    if (std::find(reported_.begin(), reported_.end(), test) != reported_.end()) continue;
    emit("run", test, nullptr);
    std::string line = "    " + r.problem.message + "\n--- SKIP: " + test + " (0.00s)\n";
    emit("output", test, &line);
    emit("skip", test, nullptr, 0);
  }
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::string verdict = ok ? "PASS\n" : "FAIL\n";
  emit("output", "", &verdict);
  emit(ok ? "pass" : "fail", "", nullptr, elapsed);
}

}  // namespace report
