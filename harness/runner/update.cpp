#include "harness/runner/update.h"

#include <set>

#include "harness/runner/scenario_runner.h"
#include "harness/runner/suite.h"
#include "harness/scenario/loader.h"
#include "harness/scenario/scalar_edit.h"
#include "harness/util/files.h"
#include "harness/util/line_diff.h"

namespace runner {

namespace {

// A run reports every failed expectation, but an infrastructure problem ends it and a rewritten
// expectation may change what a later step sees: rounds until it passes, this many at most.
constexpr int kMaxRounds = 12;

std::string where_text(const match::Mismatch& m) {
  return m.where.str() + ": " + m.path;
}

// `{dlv: "==1.27.2", go: ">=1.26, <1.27"}`: the cell of `env`, for an alternative's `when`.
std::string cell_condition(const Environment& env) {
  const auto& go = env.go.version;
  std::string minor = std::to_string(go.major) + "." + std::to_string(go.minor);
  std::string next = std::to_string(go.major) + "." + std::to_string(go.minor + 1);
  return "{dlv: \"==" + env.dlv.version.str() + "\", go: \">=" + minor + ", <" + next + "\"}";
}

// The edit that makes `m` hold in this cell: its literal rewritten (or kept, with dlv's answer as
// an alternative), or dlv's answer added to its `any_of` list; else why there is none.
util::Expected<scenario::ScalarEdit> edit_for(const match::Mismatch& m, const Environment& env,
                                              bool as_alternative) {
  auto refuse = [&](const std::string& why) {
    return util::fail(util::ErrorKind::InvalidScenario,
                      where_text(m) + ": expected " + m.expected + why + "; left as written");
  };
  bool has_answer = m.actual_value.is_primitive() && !m.actual_value.is_null();
  if (m.alternatives && m.where.known()) {
    if (!has_answer) return refuse(", and there was no value");
    return scenario::ScalarEdit{m.where, "any_of", m.actual_value, cell_condition(env), true};
  }
  bool literal = m.literal.is_primitive() && !m.literal.is_null();
  if (!literal || !m.where.known() || !has_answer)
    return refuse(literal ? ", and there was no value" : ": not a literal");
  return scenario::ScalarEdit{m.where, match::scalar_text(m.literal), m.actual_value,
                              as_alternative ? cell_condition(env) : ""};
}

}  // namespace

UpdateReport update_scenario(ScenarioResult result, const Environment& env, bool as_alternative) {
  UpdateReport report;
  std::filesystem::path file = result.id;
  auto original = util::read_file(file);
  if (!original) {
    report.refused.push_back(original.error().message);
    report.result = std::move(result);
    return report;
  }
  std::string current = *original;  // the file as the last round left it
  std::set<std::pair<int, int>> rewritten_at;
  for (int round = 0; round < kMaxRounds && result.status == Status::Fail; ++round) {
    std::vector<scenario::ScalarEdit> edits;
    for (const auto& m : result.problem.mismatches) {
      auto edit = edit_for(m, env, as_alternative);
      if (!edit) {
        report.refused.push_back(edit.error().message);
      } else if (!rewritten_at.insert({m.where.line, m.where.col}).second) {
        report.refused.push_back(where_text(m) + ": changed again after it was rewritten (" +
                                 m.actual + "): the value varies between runs; use a matcher");
      } else {
        edits.push_back(std::move(*edit));
      }
    }
    if (edits.empty()) break;
    auto outcome = scenario::edit_scalars(current, std::move(edits));
    for (const auto& [edit, why] : outcome.refused)
      report.refused.push_back(edit.at.str() + ": " + why + "; left as written");
    if (outcome.applied == 0) break;
    if (auto written = util::write_file_atomically(file, outcome.text); !written) {
      report.refused.push_back(written.error().message);
      break;
    }
    auto reloaded = load_for_run(file, env);
    if (reloaded.scenarios.empty()) {
      // Cannot happen when every rewrite reads back; keep the user's file if it does.
      (void)util::write_file_atomically(file, current);
      report.refused.push_back(file.string() + ": the rewritten file did not load; restored");
      break;
    }
    report.rewritten += outcome.applied;
    current = std::move(outcome.text);
    ScenarioResult next = run_scenario(reloaded.scenarios.front(), env);
    next.repetition = result.repetition;
    next.repetitions = result.repetitions;
    result = std::move(next);
  }
  report.diff = util::line_diff(*original, current, file.string(), file.string() + " (updated)");
  report.result = std::move(result);
  return report;
}

}  // namespace runner
