#include "harness/report/timings.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace report {
namespace {

using Micros = std::chrono::microseconds;

Micros median(std::vector<Micros> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

std::string row(const std::string& name, const std::vector<Micros>& values) {
  Micros total{0};
  for (auto v : values) total += v;
  char line[160];
  std::snprintf(line, sizeof line, "  %-12s %9.1f ms %11.1f ms  (%zu)\n", name.c_str(),
                median(values).count() / 1000.0, total.count() / 1000.0, values.size());
  return line;
}

}  // namespace

std::string timings_text(const std::vector<runner::ScenarioResult>& results,
                         const std::vector<util::Phase>& process_phases) {
  std::vector<std::string> order;
  std::map<std::string, std::vector<Micros>> by_phase;
  std::vector<Micros> sessions;
  for (const auto& r : results) {
    if (r.phases.empty()) continue;
    Micros session{0};
    for (const auto& phase : r.phases) {
      if (!by_phase.count(phase.name)) order.push_back(phase.name);
      by_phase[phase.name].push_back(phase.took);
      session += phase.took;
    }
    sessions.push_back(session);
  }
  std::string text;
  if (!sessions.empty()) {
    text += "harness: timings of " + std::to_string(sessions.size()) +
            " session(s): phase, median, total (sessions)\n";
    for (const auto& name : order) text += row(name, by_phase[name]);
    text += row("session", sessions);
  }
  if (!process_phases.empty())
    text += "harness: timings of this process: " + util::phases_text(process_phases) + "\n";
  return text;
}

}  // namespace report
