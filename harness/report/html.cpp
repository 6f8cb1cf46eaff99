#include "harness/report/html.h"

#include <map>
#include <nlohmann/json.hpp>

#include "harness/dap/transcript.h"
#include "harness/report/console.h"
#include "harness/util/files.h"
#include "harness/util/html.h"
#include "harness/util/strings.h"

namespace report {

namespace {

using util::html_escape;

// Longer JSON of one message is cut in the timeline (the transcript has it whole).
constexpr std::size_t kMessageShown = 400;
// A transcript is shown whole up to this many lines, else its last ones.
constexpr std::size_t kTimelineLines = 600;

std::string cell(const std::string& text, const char* css = nullptr) {
  return std::string("<td") + (css ? std::string(" class=\"") + css + "\"" : "") + ">" + text +
         "</td>";
}

std::string matrix(const std::vector<SuiteReport>& suites) {
  std::string html =
      "<table><tr><th>cell</th><th>passed</th><th>failed</th><th>errors</th><th>skipped</th>"
      "</tr>\n";
  for (const auto& suite : suites) {
    std::map<runner::Status, std::size_t> n;
    for (const auto& r : suite.results) ++n[r.status];
    html += "<tr>" + cell(html_escape(suite.name));
    for (auto status :
         {runner::Status::Pass, runner::Status::Fail, runner::Status::Error, runner::Status::Skip})
      html += cell(std::to_string(n[status]), "n");
    html += "</tr>\n";
  }
  return html + "</table>\n";
}

// The scenario line each failed expectation is written on, with what was expected and what came.
std::string failing_lines(const runner::ScenarioResult& r) {
  if (r.problem.mismatches.empty()) return "";
  std::map<std::string, std::vector<std::string>> files;
  std::string html =
      "<table><tr><th>where</th><th>scenario line</th><th>expected</th>"
      "<th>actual</th></tr>\n";
  for (const auto& m : r.problem.mismatches) {
    auto& lines = files[m.where.file];
    if (lines.empty() && !m.where.file.empty()) {
      auto text = util::read_file(m.where.file);
      if (text) lines = util::split(*text, '\n');
    }
    std::string line = m.where.line > 0 && static_cast<std::size_t>(m.where.line) <= lines.size()
                           ? lines[m.where.line - 1]
                           : "";
    html += "<tr>" + cell("<span class=\"mono\">" + html_escape(m.where.str()) + "</span>") +
            cell("<code>" + html_escape(util::trim(line)) + "</code>") +
            cell("<code>" + html_escape(m.path + ": " + m.expected) + "</code>") +
            cell("<code>" + html_escape(m.actual) + "</code>") + "</tr>\n";
  }
  return html + "</table>\n";
}

// One transcript line ("+0.123s --> {...}") as a timeline row.
std::string timeline_row(const std::string& text) {
  auto line = dap::parse_transcript_line(text);
  if (!line) return "";
  using Kind = dap::TranscriptLine::Kind;
  std::string css = "note", what(line->content), detail;
  if (line->kind != Kind::Note) {
    auto message = nlohmann::json::parse(line->content, nullptr, false);
    bool sent = line->kind == Kind::Sent;
    bool event = message.is_object() && message.value("type", "") == "event";
    css = sent ? "sent" : (event ? "event" : "received");
    what = dap::message_title(message, sent);
    detail = line->content;
    if (detail.size() > kMessageShown) detail = detail.substr(0, kMessageShown) + " …";
  }
  return "<tr class=\"" + css + "\">" + cell(html_escape(line->time), "n") +
         cell(html_escape(what)) + cell("<code>" + html_escape(detail) + "</code>") + "</tr>\n";
}

std::string timeline(const runner::ScenarioResult& r) {
  if (r.artifacts_dir.empty()) return "";
  auto text = util::read_file(r.artifacts_dir / "transcript.txt");
  if (!text) return "";
  auto lines = util::split(*text, '\n');
  std::size_t first = lines.size() > kTimelineLines ? lines.size() - kTimelineLines : 0;
  std::string html = "<details><summary>DAP timeline (" + std::to_string(lines.size()) + " lines" +
                     (first ? ", the last " + std::to_string(kTimelineLines) : "") +
                     ")</summary>\n<table><tr><th>time</th><th>message</th><th>JSON</th></tr>\n";
  for (std::size_t i = first; i < lines.size(); ++i) html += timeline_row(lines[i]);
  return html + "</table></details>\n";
}

std::string scenario_entry(const runner::ScenarioResult& r) {
  const char* status = runner::status_name(r.status);
  std::string head = "<span class=\"" + std::string(status) + "\">" + status + "</span> " +
                     "<span class=\"mono\">" + html_escape(r.id) + "</span> " +
                     html_escape(r.display_name());
  if (r.status == runner::Status::Pass) return "<div>" + head + "</div>\n";
  std::string html = "<details" + std::string(r.status == runner::Status::Skip ? "" : " open") +
                     "><summary>" + head + "</summary>\n<pre>" + html_escape(r.problem.message) +
                     "</pre>\n" + failing_lines(r);
  if (r.status != runner::Status::Skip) html += timeline(r);
  return html + "</details>\n";
}

}  // namespace

std::string html_run_report(const std::vector<SuiteReport>& suites) {
  std::vector<runner::ScenarioResult> all;
  for (const auto& suite : suites)
    all.insert(all.end(), suite.results.begin(), suite.results.end());
  std::string body = "<h1>dlv-harness run</h1>\n<p>" + html_escape(summary_line(all)) + "</p>\n";
  body += matrix(suites);
  for (const auto& suite : suites) {
    body += "<h2>" + html_escape(suite.name) + "</h2>\n";
    for (const auto& [key, value] : suite.properties)
      body += "<div class=\"note\">" + html_escape(key + ": " + value) + "</div>\n";
    std::string passed;
    std::size_t passes = 0;
    for (const auto& r : suite.results) {
      if (r.status != runner::Status::Pass) {
        body += scenario_entry(r);
      } else {
        passed += scenario_entry(r);
        ++passes;
      }
    }
    if (passes)
      body += "<details><summary>" + std::to_string(passes) + " passed</summary>\n" + passed +
              "</details>\n";
  }
  return util::html_page("dlv-harness run", body);
}

}  // namespace report
