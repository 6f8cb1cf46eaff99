#include "harness/drift/side_by_side.h"

#include <algorithm>
#include <vector>

#include "harness/dap/transcript.h"
#include "harness/util/html.h"
#include "harness/util/line_diff.h"

namespace drift {

namespace {

constexpr std::size_t kBodyShown = 160;
constexpr std::size_t kMaxRows = 800;

// The messages of each step, steps in the order of `log` (by StepMark number).
struct StepMessages {
  StepMark mark;
  std::vector<const LoggedMessage*> messages;
};

std::vector<StepMessages> by_step(const SessionLog& log) {
  std::vector<StepMessages> steps;
  for (const auto& mark : log.steps) steps.push_back({mark, {}});
  for (const auto& m : log.messages) steps[m.step].messages.push_back(&m);
  return steps;
}

using Row = std::pair<const LoggedMessage*, const LoggedMessage*>;

std::vector<std::string> titles(const StepMessages* step) {
  std::vector<std::string> out;
  if (step)
    for (const auto* m : step->messages)
      out.push_back(dap::message_title(m->message, m->from_client));
  return out;
}

// The messages of one step of both runs as rows: those with the same title in the same order
// (a longest common subsequence) side by side, any other alone on its side.
std::vector<Row> aligned(const StepMessages* left, const StepMessages* right) {
  auto a = titles(left), b = titles(right);
  auto kept = util::common_subsequence({a.begin(), a.end()}, {b.begin(), b.end()});
  std::vector<Row> rows;
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && !kept.in_a[i]) {
      rows.emplace_back(left->messages[i++], nullptr);
    } else if (j < b.size() && !kept.in_b[j]) {
      rows.emplace_back(nullptr, right->messages[j++]);
    } else {
      rows.emplace_back(left->messages[i++], right->messages[j++]);
    }
  }
  return rows;
}

// Time, title and the start of the body (or arguments) of one message, as table cells.
std::string message_cells(const LoggedMessage* m) {
  if (!m) return "<td></td><td></td>";
  const auto& json = m->message;
  std::string detail;
  for (const char* key : {"body", "arguments"}) {
    if (json.contains(key)) detail = json[key].dump();
  }
  if (detail.size() > kBodyShown) detail = detail.substr(0, kBodyShown) + " …";
  return "<td class=\"n\">" + util::html_escape(m->time) + "</td><td>" +
         util::html_escape(dap::message_title(json, m->from_client)) + "<br><code>" +
         util::html_escape(detail) + "</code></td>";
}

// The steps of both runs in order: those of `from`, then any only `to` has (a run that ended
// early has fewer), each paired with its twin by step number.
std::vector<std::pair<const StepMessages*, const StepMessages*>> paired(
    const std::vector<StepMessages>& from, const std::vector<StepMessages>& to) {
  auto find = [](const std::vector<StepMessages>& in, int number) -> const StepMessages* {
    auto it = std::find_if(in.begin(), in.end(),
                           [number](const StepMessages& s) { return s.mark.number == number; });
    return it == in.end() ? nullptr : &*it;
  };
  std::vector<std::pair<const StepMessages*, const StepMessages*>> pairs;
  for (const auto& step : from) pairs.emplace_back(&step, find(to, step.mark.number));
  for (const auto& step : to)
    if (!find(from, step.mark.number)) pairs.emplace_back(nullptr, &step);
  return pairs;
}

}  // namespace

std::string side_by_side_html(const SessionLog& from, const SessionLog& to,
                              const std::string& from_label, const std::string& to_label) {
  auto from_steps = by_step(from), to_steps = by_step(to);
  std::string rows;
  std::size_t shown = 0, total = 0;
  for (const auto& [left, right] : paired(from_steps, to_steps)) {
    const StepMark& mark = left ? left->mark : right->mark;
    auto step_rows = aligned(left, right);
    total += step_rows.size();
    if (shown >= kMaxRows) continue;
    rows += "<tr><th colspan=\"4\">" + util::html_escape(mark.str()) + "</th></tr>\n";
    for (std::size_t i = 0; i < step_rows.size() && shown < kMaxRows; ++i, ++shown) {
      auto [a, b] = step_rows[i];
      rows += std::string("<tr") + (a && b ? "" : " class=\"differs\"") + ">" + message_cells(a) +
              message_cells(b) + "</tr>\n";
    }
  }
  std::string summary = "DAP timelines side by side (" + std::to_string(total) + " rows" +
                        (total > shown ? ", the first " + std::to_string(shown) : "") + ")";
  return "<details><summary>" + util::html_escape(summary) +
         "</summary>\n<table class=\"sbs\"><colgroup><col class=\"t\"><col><col class=\"t\"><col>" +
         "</colgroup><tr>" + "<th>time</th><th>" + util::html_escape(from_label) +
         "</th><th>time</th><th>" + util::html_escape(to_label) + "</th></tr>\n" + rows +
         "</table></details>\n";
}

}  // namespace drift
