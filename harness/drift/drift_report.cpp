#include "harness/drift/drift_report.h"

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "harness/drift/side_by_side.h"
#include "harness/util/html.h"

namespace drift {

namespace {

// How many places (differences) and scenarios.
struct Count {
  std::size_t places = 0;
  std::set<std::string> scenarios;
};

// One drift as it repeats across places: "response 'variables':
// body.variables[].presentationHint: {} -> (absent)", with an example of where.
struct Distinct {
  DriftKind kind = DriftKind::Other;
  std::string signature;
  Count count;
  std::string example;  // "scenarios/x.yaml step 4 expect_stack (line 19)"
};

// What a drift is, wherever it is: list positions and the names of variables that share the
// difference left out ("body.variables.[err].type" -> "body.variables[].type").
std::string signature_of(const Drift& d) {
  static const std::regex index(R"(\[[0-9]+\])");
  static const std::regex named_entry(R"(\.\[.*?\]\.)");
  return std::regex_replace(std::regex_replace(d.what(), named_entry, "[]."), index, "[]");
}

std::map<DriftKind, Count> count_by_kind(const DriftReport& report) {
  std::map<DriftKind, Count> counts;
  for (const auto& s : report.scenarios) {
    for (const auto& d : s.drifts) {
      auto& count = counts[d.kind];
      ++count.places;
      count.scenarios.insert(s.file);
    }
  }
  return counts;
}

// Every distinct drift, by kind (report order), then the most frequent first.
std::vector<Distinct> distinct_drifts(const DriftReport& report) {
  std::map<std::pair<DriftKind, std::string>, Distinct> found;
  for (const auto& s : report.scenarios) {
    for (const auto& d : s.drifts) {
      auto signature = signature_of(d);
      auto& entry = found[{d.kind, signature}];
      if (entry.count.places++ == 0) {
        entry.kind = d.kind;
        entry.signature = signature;
        entry.example = s.file + (d.step.keyword.empty() ? "" : " " + d.step.str());
      }
      entry.count.scenarios.insert(s.file);
    }
  }
  std::vector<Distinct> out;
  for (auto& [key, entry] : found) out.push_back(std::move(entry));
  std::stable_sort(out.begin(), out.end(), [](const Distinct& a, const Distinct& b) {
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.count.scenarios.size() > b.count.scenarios.size();
  });
  return out;
}

bool drifted(const ScenarioDrift& s) {
  return !s.gated && (!s.drifts.empty() || s.unreadable);
}

std::size_t count_if(const DriftReport& report, bool (*wanted)(const ScenarioDrift&)) {
  std::size_t n = 0;
  for (const auto& s : report.scenarios) n += wanted(s) ? 1 : 0;
  return n;
}

std::string summary(const DriftReport& report) {
  std::size_t drifted_count = count_if(report, drifted);
  std::size_t gated = count_if(report, [](const ScenarioDrift& s) { return s.gated.has_value(); });
  return std::to_string(report.scenarios.size()) +
         " scenario(s): " + std::to_string(drifted_count) + " drifted (" +
         std::to_string(report.drift_count()) + " difference(s), " +
         std::to_string(distinct_drifts(report).size()) + " distinct), " + std::to_string(gated) +
         " gated in a cell, " + std::to_string(report.scenarios.size() - drifted_count - gated) +
         " the same";
}

std::string statuses(const ScenarioDrift& s) {
  return s.from_status + " -> " + s.to_status;
}

// "runtime-location 5, capabilities 6"
std::string kinds_of(const ScenarioDrift& s) {
  std::map<DriftKind, std::size_t> n;
  for (const auto& d : s.drifts) ++n[d.kind];
  std::string out;
  for (const auto& [kind, count] : n)
    out += (out.empty() ? "" : ", ") + std::string(kind_id(kind)) + " " + std::to_string(count);
  return out;
}

// Text from dlv, the program or a scenario inside Markdown: nothing in it may format or run.
std::string md_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c == '&') {
      out += "&amp;";
    } else {
      if (std::string_view("|`*_[]\\").find(c) != std::string_view::npos) out += '\\';
      out += c == '\n' ? ' ' : c;
    }
  }
  return out;
}

constexpr std::size_t kDistinctShown = 60;

}  // namespace

std::size_t DriftReport::drift_count() const {
  std::size_t n = 0;
  for (const auto& s : scenarios) n += s.drifts.size();
  return n;
}

void print_report(std::FILE* out, const DriftReport& report) {
  std::fprintf(out, "drift: %s -> %s: %s\n", report.from.c_str(), report.to.c_str(),
               summary(report).c_str());
  auto counts = count_by_kind(report);
  if (!counts.empty())
    std::fprintf(out, "\n%-52s %7s %10s\n", "drift by kind", "places", "scenarios");
  for (const auto& [kind, count] : counts)
    std::fprintf(out, "%-52s %7zu %10zu\n", kind_title(kind), count.places, count.scenarios.size());
  auto distinct = distinct_drifts(report);
  if (!distinct.empty()) std::fprintf(out, "\ndistinct drifts (scenarios, places):\n");
  for (std::size_t i = 0; i < distinct.size() && i < kDistinctShown; ++i) {
    const auto& d = distinct[i];
    std::fprintf(out, "  [%s] %zu, %zu: %s\n      e.g. %s\n", kind_id(d.kind),
                 d.count.scenarios.size(), d.count.places, d.signature.c_str(), d.example.c_str());
  }
  if (distinct.size() > kDistinctShown)
    std::fprintf(out, "  ... %zu more (drift.md and drift.json list them all)\n",
                 distinct.size() - kDistinctShown);
  if (!report.scenarios.empty()) std::fprintf(out, "\n");
  for (const auto& s : report.scenarios) {
    if (s.gated) {
      std::fprintf(out, "GATED  %s (%s): %s\n", s.file.c_str(), statuses(s).c_str(),
                   s.gated->c_str());
    } else if (drifted(s)) {
      std::fprintf(out, "DRIFT  %s (%s): %zu difference(s): %s%s%s\n", s.file.c_str(),
                   statuses(s).c_str(), s.drifts.size(), kinds_of(s).c_str(),
                   s.unreadable ? ("; " + *s.unreadable).c_str() : "",
                   s.ran_despite_gate ? ("; gated in the " + *s.ran_despite_gate).c_str() : "");
    }
  }
}

std::string markdown_report(const DriftReport& report) {
  std::string md = "## Drift: " + md_escape(report.from) + " → " + md_escape(report.to) + "\n\n" +
                   summary(report) + "\n";
  auto counts = count_by_kind(report);
  if (!counts.empty()) md += "\n| drift by kind | places | scenarios |\n|---|---:|---:|\n";
  for (const auto& [kind, count] : counts) {
    md += "| " + std::string(kind_title(kind)) + " | " + std::to_string(count.places) + " | " +
          std::to_string(count.scenarios.size()) + " |\n";
  }
  auto distinct = distinct_drifts(report);
  if (!distinct.empty())
    md += "\n| kind | drift | scenarios | places | e.g. |\n|---|---|---:|---:|---|\n";
  for (const auto& d : distinct) {
    md += "| " + std::string(kind_id(d.kind)) + " | " + md_escape(d.signature) + " | " +
          std::to_string(d.count.scenarios.size()) + " | " + std::to_string(d.count.places) +
          " | " + md_escape(d.example) + " |\n";
  }
  for (const auto& s : report.scenarios) {
    if (!drifted(s) && !s.gated) continue;
    md += "\n<details><summary>" + md_escape(s.file) + " (" + md_escape(statuses(s)) +
          "): " + (s.gated ? "gated" : std::to_string(s.drifts.size()) + " difference(s)") +
          "</summary>\n\n";
    if (s.gated) md += "- " + md_escape(*s.gated) + "\n";
    if (s.unreadable) md += "- " + md_escape(*s.unreadable) + "\n";
    for (const auto& d : s.drifts)
      md += "- " + std::string(kind_id(d.kind)) + ": " + md_escape(d.str()) + "\n";
    md += "\n</details>\n";
  }
  return md;
}

std::string html_report(const DriftReport& report) {
  using util::html_escape;
  auto td = [](const std::string& html) { return "<td>" + html + "</td>"; };
  auto num = [](std::size_t n) { return "<td class=\"n\">" + std::to_string(n) + "</td>"; };
  std::string body = "<h1>Drift: " + html_escape(report.from) + " → " + html_escape(report.to) +
                     "</h1>\n<p>" + html_escape(summary(report)) + "</p>\n";
  body += "<table><tr><th>drift by kind</th><th>places</th><th>scenarios</th></tr>\n";
  for (const auto& [kind, count] : count_by_kind(report))
    body +=
        "<tr>" + td(kind_title(kind)) + num(count.places) + num(count.scenarios.size()) + "</tr>\n";
  body +=
      "</table>\n<h2>Distinct drifts</h2>\n<table><tr><th>kind</th><th>drift</th>"
      "<th>scenarios</th><th>places</th><th>e.g.</th></tr>\n";
  for (const auto& d : distinct_drifts(report))
    body += "<tr>" + td(kind_id(d.kind)) + td("<code>" + html_escape(d.signature) + "</code>") +
            num(d.count.scenarios.size()) + num(d.count.places) + td(html_escape(d.example)) +
            "</tr>\n";
  body += "</table>\n<h2>Scenarios</h2>\n";
  for (const auto& s : report.scenarios) {
    std::string head = "<span class=\"mono\">" + html_escape(s.file) + "</span> (" +
                       html_escape(statuses(s)) + ")";
    if (s.gated) {
      body += "<div class=\"SKIP\">GATED " + head + ": " + html_escape(*s.gated) + "</div>\n";
      continue;
    }
    if (!drifted(s)) continue;
    body += "<details><summary>" + head + ": " + std::to_string(s.drifts.size()) +
            " difference(s)</summary>\n<pre>";
    if (s.unreadable) body += html_escape(*s.unreadable) + "\n";
    for (const auto& d : s.drifts)
      body += html_escape(std::string("[") + kind_id(d.kind) + "] " + d.str()) + "\n";
    body += "</pre>\n";
    if (s.from_session && s.to_session)
      body += side_by_side_html(*s.from_session, *s.to_session, report.from, report.to);
    body += "</details>\n";
  }
  return util::html_page("Drift: " + report.from + " -> " + report.to, body);
}

dap::json json_report(const DriftReport& report) {
  dap::json scenarios = dap::json::array();
  for (const auto& s : report.scenarios) {
    dap::json drifts = dap::json::array();
    for (const auto& d : s.drifts) {
      drifts.push_back({{"kind", kind_id(d.kind)},
                        {"step", d.step.number},
                        {"line", d.step.line},
                        {"keyword", d.step.keyword},
                        {"message", d.difference.kind},
                        {"name", d.difference.name},
                        {"path", d.difference.path},
                        {"from", d.difference.recorded},
                        {"to", d.difference.replayed},
                        {"text", d.str()}});
    }
    dap::json entry = {
        {"file", s.file},           {"name", s.name},         {"from_status", s.from_status},
        {"to_status", s.to_status}, {"unstable", s.unstable}, {"drifts", drifts}};
    if (s.gated) entry["gated"] = *s.gated;
    if (s.unreadable) entry["unreadable"] = *s.unreadable;
    if (s.ran_despite_gate) entry["ran_despite_gate"] = *s.ran_despite_gate;
    if (!s.from_problem.empty()) entry["from_problem"] = s.from_problem;
    if (!s.to_problem.empty()) entry["to_problem"] = s.to_problem;
    scenarios.push_back(std::move(entry));
  }
  dap::json kinds = dap::json::object();
  for (const auto& [kind, count] : count_by_kind(report))
    kinds[kind_id(kind)] = {{"places", count.places}, {"scenarios", count.scenarios.size()}};
  dap::json distinct = dap::json::array();
  for (const auto& d : distinct_drifts(report)) {
    distinct.push_back({{"kind", kind_id(d.kind)},
                        {"drift", d.signature},
                        {"scenarios", d.count.scenarios.size()},
                        {"places", d.count.places},
                        {"example", d.example}});
  }
  return {{"from", report.from}, {"to", report.to},      {"differences", report.drift_count()},
          {"kinds", kinds},      {"distinct", distinct}, {"scenarios", scenarios}};
}

}  // namespace drift
