#pragma once
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "harness/dap/json.h"
#include "harness/drift/compare_sessions.h"
#include "harness/drift/session_log.h"

namespace drift {

// One scenario in both cells.
struct ScenarioDrift {
  std::string file;
  std::string name;
  std::string from_status;  // "PASS", "FAIL", "ERROR", "SKIP"
  std::string to_status;
  std::string from_problem;  // first line of the problem, if any
  std::string to_problem;
  std::optional<std::string> gated;  // skipped in a cell (requires:), with the reason: no drift
  std::optional<std::string> unreadable;  // a transcript is missing or broken
  std::vector<Drift> drifts;
  // Differences left out because two runs of one cell differ there too (timing, map order).
  std::size_t unstable = 0;
  std::optional<std::string> ran_despite_gate;  // --run-gated: the gate it ran despite
  // The first run in each cell, kept for a scenario that drifted: drift.html shows them side by
  // side.
  std::optional<SessionLog> from_session, to_session;
};

// The comparison of a suite between two cells.
struct DriftReport {
  std::string from;  // "go1.19.8 dlv1.20.2"
  std::string to;
  std::vector<ScenarioDrift> scenarios;

  std::size_t drift_count() const;
};

// The console text: a summary, the table of drift by kind (places, scenarios), the distinct
// drifts (a drift repeated across frames, variables and scenarios is one line, with its counts
// and an example of where), then one line per scenario that drifted or was gated.
void print_report(std::FILE* out, const DriftReport& report);
// The same as Markdown, for $GITHUB_STEP_SUMMARY and drift.md: summary, table by kind, every
// distinct drift, and per scenario every difference (collapsed). Text from dlv, programs and
// scenarios is escaped: it can neither format nor inject HTML.
std::string markdown_report(const DriftReport& report);
// The same as one self-contained HTML page (drift.html): summary, tables by kind and of the
// distinct drifts, and per scenario every difference and the two cells' DAP timelines side by
// side; everything escaped, no script.
std::string html_report(const DriftReport& report);
// Everything as JSON (drift.json).
dap::json json_report(const DriftReport& report);

}  // namespace drift
