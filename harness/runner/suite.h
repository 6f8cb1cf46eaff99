#pragma once
#include <vector>

#include "harness/runner/environment.h"
#include "harness/runner/result.h"
#include "harness/scenario/model.h"

namespace runner {

// Receives results as scenarios finish (console lines, report writers).
class SuiteObserver {
 public:
  virtual ~SuiteObserver() = default;
  // Called before scenario `index` (0-based) of `total` starts.
  virtual void started(const scenario::Scenario& scenario, std::size_t index, std::size_t total) {}
  // Called once per scenario, in order.
  virtual void finished(const ScenarioResult& result) = 0;
};

// Runs every scenario in order and returns their results in the same order.
std::vector<ScenarioResult> run_suite(const std::vector<scenario::Scenario>& scenarios,
                                      const Environment& env, SuiteObserver& observer);

}  // namespace runner
