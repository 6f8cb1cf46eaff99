#pragma once
#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "harness/runner/environment.h"
#include "harness/runner/result.h"
#include "harness/scenario/loader.h"
#include "harness/scenario/model.h"

namespace runner {

// Receives results as scenarios finish (console lines, report writers). Calls are serialised:
// an observer needs no locking of its own, even with several jobs.
class SuiteObserver {
 public:
  virtual ~SuiteObserver() = default;
  // Called before run `repetition` (1-based, --repeat) of a scenario starts; `index` counts
  // runs of the whole suite, 0-based, of `total`.
  virtual void started(const scenario::ScenarioEntry& scenario, int repetition, std::size_t index,
                       std::size_t total) {}
  // Called once per run, in the order runs finish.
  virtual void finished(const ScenarioResult& result) = 0;
};

// A request to start no more scenarios, with the reason that unstarted ones are reported with.
// Thread-safe; the first reason wins.
class StopFlag {
 public:
  // `abort_running`: the runs under way are being ended too (their dlv killed), so a run that
  // fails from now on is reported as interrupted, not as the product's failure.
  void request(const std::string& reason, bool abort_running = false);
  bool requested() const { return requested_.load(); }
  bool aborted() const { return aborted_.load(); }
  std::string reason() const;

 private:
  std::atomic<bool> requested_{false};
  std::atomic<bool> aborted_{false};
  mutable std::mutex mutex_;
  std::string reason_;
};

struct SuiteOptions {
  std::size_t jobs = 1;    // scenarios running at once, each with its own dlv
  int retries = 0;         // extra attempts for a run that failed or errored
  int repeat = 1;          // runs of every scenario
  bool fail_fast = false;  // after the first failed run, start nothing new
};

// Runs every scenario `options.repeat` times on `options.jobs` threads, loading each scenario
// from its file when a run of it starts (and dropping it after), so memory stays flat in the size
// of the suite; a file that no longer loads is that run's ERROR. Returns one result per run in
// input order (scenario by scenario, then run by run). A run that passes only on a retry
// is flaky(); the artifacts of each attempt are kept (attempt N >= 2 under
// <artifacts>/attempt-N/, run K >= 2 of --repeat under <artifacts>/run-K/). Once `stop` is
// requested (by fail-fast here, or from outside: signals, the run's deadline) nothing new starts
// and every run not started is a SKIP "not run: <reason>".
// Loads one scenario file to run it in `env`: `when:` alternatives of any_of are decided for
// env's dlv and Go, and a `program: ${delve_source}/...` is read with the Delve module of env's
// dlv (downloaded on first use; not looked for when a `requires:` gate rules the scenario out).
// A root that cannot be found is a diagnostic at `program`.
scenario::LoadResult load_for_run(const std::filesystem::path& file, const Environment& env);

std::vector<ScenarioResult> run_suite(const std::vector<scenario::ScenarioEntry>& scenarios,
                                      const Environment& env, const SuiteOptions& options,
                                      SuiteObserver& observer, StopFlag& stop);

}  // namespace runner
