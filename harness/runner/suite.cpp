#include "harness/runner/suite.h"

#include "harness/runner/scenario_runner.h"

namespace runner {

std::vector<ScenarioResult> run_suite(const std::vector<scenario::Scenario>& scenarios,
                                      const Environment& env, SuiteObserver& observer) {
  std::vector<ScenarioResult> results;
  results.reserve(scenarios.size());
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    observer.started(scenarios[i], i, scenarios.size());
    results.push_back(run_scenario(scenarios[i], env));
    observer.finished(results.back());
  }
  return results;
}

}  // namespace runner
