#include "harness/runner/update.h"

#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include "harness/runner/scenario_runner.h"
#include "harness/scenario/loader.h"
#include "harness/scenario/scalar_edit.h"

namespace runner {

namespace {

// A run stops at its first failing step; this many rounds reach well past any real scenario.
constexpr int kMaxRounds = 12;

util::Expected<std::string> read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return util::fail(util::ErrorKind::Io, "cannot read " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Replaces the file through a sibling temporary, so a crash never leaves half a scenario.
util::Expected<void> write_text(const std::filesystem::path& file, const std::string& text) {
  auto temporary = file;
  temporary += ".update-tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) return util::fail(util::ErrorKind::Io, "cannot write " + temporary.string());
  }
  std::error_code ec;
  std::filesystem::rename(temporary, file, ec);
  if (ec)
    return util::fail(util::ErrorKind::Io, "cannot replace " + file.string() + ": " + ec.message());
  return {};
}

std::string where_text(const match::Mismatch& m) {
  return m.where.str() + ": " + m.path;
}

}  // namespace

UpdateReport update_scenario(ScenarioResult result, const Environment& env) {
  UpdateReport report;
  std::filesystem::path file = result.id;
  std::set<std::pair<int, int>> rewritten_at;
  std::optional<std::string> original;  // the file before the first rewrite
  std::string current;
  std::set<int> changed_lines;
  for (int round = 0; round < kMaxRounds && result.status == Status::Fail; ++round) {
    std::vector<scenario::ScalarEdit> edits;
    for (const auto& m : result.problem.mismatches) {
      bool literal = m.literal.is_primitive() && !m.literal.is_null();
      if (!literal || !m.where.known() || !m.actual_value.is_primitive() ||
          m.actual_value.is_null()) {
        report.refused.push_back(where_text(m) + ": expected " + m.expected +
                                 (literal ? ", and there was no value" : ": not a literal") +
                                 "; left as written");
      } else if (!rewritten_at.insert({m.where.line, m.where.col}).second) {
        report.refused.push_back(where_text(m) + ": changed again after it was rewritten (" +
                                 m.actual + "): the value varies between runs; use a matcher");
      } else {
        edits.push_back({m.where, match::scalar_text(m.literal), m.actual_value});
      }
    }
    if (edits.empty()) break;
    auto before = read_text(file);
    if (!before) {
      report.refused.push_back(before.error().message);
      break;
    }
    std::size_t asked = edits.size();
    auto outcome = scenario::edit_scalars(*before, std::move(edits));
    for (const auto& [edit, why] : outcome.refused)
      report.refused.push_back(edit.at.str() + ": " + why + "; left as written");
    if (outcome.changed_lines.empty()) break;
    if (auto written = write_text(file, outcome.text); !written) {
      report.refused.push_back(written.error().message);
      break;
    }
    report.rewritten += static_cast<int>(asked - outcome.refused.size());
    if (!original) original = *before;
    current = outcome.text;
    changed_lines.insert(outcome.changed_lines.begin(), outcome.changed_lines.end());
    auto reloaded = scenario::load_file(file);
    if (reloaded.scenarios.empty()) {
      // Cannot happen when every rewrite reads back; keep the user's file if it does.
      (void)write_text(file, *before);
      report.refused.push_back(file.string() + ": the rewritten file did not load; restored");
      break;
    }
    ScenarioResult next = run_scenario(reloaded.scenarios.front(), env);
    next.repetition = result.repetition;
    next.repetitions = result.repetitions;
    result = std::move(next);
  }
  if (original) {
    report.diff = scenario::scalar_diff(file.string(), *original, current,
                                        {changed_lines.begin(), changed_lines.end()});
  }
  report.result = std::move(result);
  return report;
}

}  // namespace runner
