#include "harness/runner/suite.h"

#include <thread>

#include "harness/gotool/delve_source.h"
#include "harness/runner/gates.h"
#include "harness/runner/scenario_runner.h"
#include "harness/scenario/loader.h"

namespace runner {

namespace {

bool failed(const ScenarioResult& r) {
  return r.status == Status::Fail || r.status == Status::Error;
}

// The environment of one attempt of one run: its own artifacts folder past the first.
Environment environment_for(const Environment& env, int run, int attempt) {
  Environment copy = env;
  if (run > 1) copy.artifacts_dir /= "run-" + std::to_string(run);
  if (attempt > 1) copy.artifacts_dir /= "attempt-" + std::to_string(attempt);
  return copy;
}

// The result of a run whose scenario file no longer loads (it changed after validation).
ScenarioResult unloadable(const scenario::ScenarioEntry& s,
                          const std::vector<scenario::Diagnostic>& diagnostics) {
  ScenarioResult r;
  r.id = s.file.string();
  r.name = s.name;
  r.loc = s.loc;
  r.status = Status::Error;
  std::string message = "the scenario does not load for this run:";
  for (const auto& d : diagnostics) message += "\n" + d.str();
  r.problem = {Status::Error, message, s.loc, {}};
  return r;
}

// Loads one scenario and runs it with its retries.
ScenarioResult run_with_retries(const scenario::ScenarioEntry& entry, const Environment& env,
                                const SuiteOptions& options, int run, const StopFlag& stop) {
  auto loaded = load_for_run(entry.file, env);
  if (loaded.scenarios.empty()) {
    ScenarioResult result = unloadable(entry, loaded.diagnostics);
    result.repetition = run;
    result.repetitions = options.repeat;
    return result;
  }
  const scenario::Scenario& s = loaded.scenarios.front();
  ScenarioResult result = run_scenario(s, environment_for(env, run, 1));
  std::optional<Problem> first = failed(result) ? std::optional(result.problem) : std::nullopt;
  int attempt = 1;
  while (failed(result) && attempt <= options.retries && !stop.requested()) {
    ++attempt;
    util::Duration spent = result.duration;
    result = run_scenario(s, environment_for(env, run, attempt));
    result.duration += spent;
  }
  result.attempts = attempt;
  if (attempt > 1) result.first_failure = first;
  result.repetition = run;
  result.repetitions = options.repeat;
  return result;
}

ScenarioResult not_run(const scenario::ScenarioEntry& s, int run, int runs,
                       const std::string& reason) {
  ScenarioResult r;
  r.id = s.file.string();
  r.name = s.name;
  r.loc = s.loc;
  r.status = Status::Skip;
  r.problem = {Status::Skip, "not run: " + reason, s.loc, {}};
  r.repetition = run;
  r.repetitions = runs;
  return r;
}

}  // namespace

void StopFlag::request(const std::string& reason, bool abort_running) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (abort_running) aborted_.store(true);
  if (requested_.load()) {
    if (abort_running) reason_ = reason;  // an interrupt outranks fail-fast
    return;
  }
  reason_ = reason;
  requested_.store(true);
}

std::string StopFlag::reason() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return reason_;
}

std::vector<ScenarioResult> run_suite(const std::vector<scenario::ScenarioEntry>& scenarios,
                                      const Environment& env, const SuiteOptions& options,
                                      SuiteObserver& observer, StopFlag& stop) {
  const int runs = std::max(1, options.repeat);
  const std::size_t total = scenarios.size() * static_cast<std::size_t>(runs);
  std::vector<std::optional<ScenarioResult>> slots(total);
  std::atomic<std::size_t> next{0};
  std::mutex observer_mutex;

  auto worker = [&] {
    for (std::size_t i = next++; i < total; i = next++) {
      const auto& s = scenarios[i / static_cast<std::size_t>(runs)];
      int run = static_cast<int>(i % static_cast<std::size_t>(runs)) + 1;
      if (stop.requested()) continue;  // reported as not run below
      {
        std::lock_guard<std::mutex> lock(observer_mutex);
        observer.started(s, run, i, total);
      }
      ScenarioResult result = run_with_retries(s, env, options, run, stop);
      if (stop.aborted() && failed(result)) {
        result.status = Status::Error;
        result.problem.status = Status::Error;
        result.problem.message = "interrupted: " + stop.reason() + "\n" + result.problem.message;
      }
      if (options.fail_fast && failed(result))
        stop.request("--fail-fast: " + result.id + " " + status_name(result.status));
      std::lock_guard<std::mutex> lock(observer_mutex);
      observer.finished(result);
      slots[i] = std::move(result);
    }
  };
  std::size_t jobs = std::max<std::size_t>(1, std::min(options.jobs, total));
  if (jobs == 1) {
    worker();
  } else {
    std::vector<std::thread> threads;
    for (std::size_t j = 0; j < jobs; ++j) threads.emplace_back(worker);
    for (auto& t : threads) t.join();
  }

  std::vector<ScenarioResult> results;
  results.reserve(total);
  for (std::size_t i = 0; i < total; ++i) {
    if (slots[i]) {
      results.push_back(std::move(*slots[i]));
    } else {
      int run = static_cast<int>(i % static_cast<std::size_t>(runs)) + 1;
      results.push_back(
          not_run(scenarios[i / static_cast<std::size_t>(runs)], run, runs, stop.reason()));
    }
  }
  return results;
}

static std::vector<int> parts(const gotool::Version& v) {
  return {v.major, v.minor, v.patch};
}

scenario::LoadResult load_for_run(const std::filesystem::path& file, const Environment& env) {
  scenario::LoadOptions options;
  options.cell = scenario::Cell{parts(env.dlv.version), parts(env.go.version),
                                "dlv " + env.dlv.version.str() + ", go " + env.go.version.str()};
  auto loaded = scenario::load_file(file, options);
  if (loaded.scenarios.empty() || !loaded.scenarios.front().program_root) return loaded;
  const auto& s = loaded.scenarios.front();
  // A gated-off scenario is skipped before its program is looked for: a fixture that the older
  // Delve module lacks is one reason for such a gate.
  if (!env.run_gated && unmet_tool_requirements(s, env)) return loaded;
  auto source = gotool::delve_source(env.go, env.dlv, util::Deadline::after(env.timeouts.build));
  if (!source) {
    scenario::Diagnostic problem{
        s.program_loc,
        "${delve_source} of dlv " + env.dlv.version.str() + ": " + source.error().message, ""};
    return {{}, {problem}};
  }
  options.roots["delve_source"] = *source;
  return scenario::load_file(file, options);
}

}  // namespace runner
