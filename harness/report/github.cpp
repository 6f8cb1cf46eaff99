#include "harness/report/github.h"

#include <cstdlib>

#include "harness/report/console.h"

namespace report {

namespace {

// Escapes a workflow-command value (data: '%', CR, LF; properties also ':' and ',').
std::string escape(const std::string& text, bool property) {
  std::string out;
  for (char c : text) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else if (property && c == ':')
      out += "%3A";
    else if (property && c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

std::string summary_cell(std::string text) {
  for (char& c : text)
    if (c == '|' || c == '\n') c = ' ';
  return text;
}

}  // namespace

bool on_github_actions() {
  const char* value = std::getenv("GITHUB_ACTIONS");
  return value && std::string(value) == "true";
}

std::string github_annotation(const runner::ScenarioResult& r) {
  if (r.status != runner::Status::Fail && r.status != runner::Status::Error) return "";
  const auto& where = r.problem.where.known() ? r.problem.where : r.loc;
  std::string props = "file=" + escape(where.file.empty() ? r.id : where.file, true);
  if (where.line > 0) props += ",line=" + std::to_string(where.line);
  if (where.col > 0) props += ",col=" + std::to_string(where.col);
  props += ",title=" + escape(std::string(runner::status_name(r.status)) + " " + r.name, true);
  return "::error " + props + "::" + escape(r.problem.message, false);
}

std::string github_summary(const std::string& title,
                           const std::vector<runner::ScenarioResult>& results) {
  std::string md = "### " + title + "\n\n" + summary_line(results).substr(9) + "\n\n";
  bool header = false;
  for (const auto& r : results) {
    if (r.status == runner::Status::Pass && !r.flaky()) continue;
    if (!header) {
      md += "| status | scenario | reason |\n|---|---|---|\n";
      header = true;
    }
    std::string status = r.flaky() ? "FLAKY" : runner::status_name(r.status);
    std::string reason =
        r.flaky() && r.first_failure ? r.first_failure->message : r.problem.message;
    md += "| " + status + " | `" + summary_cell(r.id) + "` | " +
          summary_cell(reason.substr(0, reason.find('\n'))) + " |\n";
  }
  return md;
}

}  // namespace report
