#include "harness/report/compare.h"

#include <algorithm>
#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "harness/util/strings.h"

namespace report {

namespace {

namespace pt = boost::property_tree;

std::string first_line_of(const std::string& text) {
  std::string trimmed(util::trim(text));
  return trimmed.substr(0, trimmed.find('\n'));
}

double number(const std::string& text) {
  try {
    return text.empty() ? 0 : std::stod(text);
  } catch (...) {
    return 0;
  }
}

void read_suite(const pt::ptree& suite, std::vector<Case>& cases) {
  for (const auto& [tag, node] : suite) {
    if (tag == "testsuite") read_suite(node, cases);  // nested suites
    if (tag != "testcase") continue;
    Case c;
    c.key = node.get<std::string>("<xmlattr>.classname", "") + " / " +
            node.get<std::string>("<xmlattr>.name", "");
    c.seconds = number(node.get<std::string>("<xmlattr>.time", "0"));
    for (const char* failed : {"failure", "error"}) {
      if (auto f = node.get_child_optional(failed)) {
        c.outcome = Outcome::Fail;
        std::string message = f->get<std::string>("<xmlattr>.message", "");
        c.message = first_line_of(message.empty() ? f->data() : message);
      }
    }
    if (auto s = node.get_child_optional("skipped")) {
      c.outcome = Outcome::Skip;
      std::string message = s->get<std::string>("<xmlattr>.message", "");
      c.message = first_line_of(message.empty() ? s->data() : message);
    }
    cases.push_back(std::move(c));
  }
}

util::Expected<std::vector<Case>> read_junit(const std::string& text, const std::string& file) {
  pt::ptree tree;
  try {
    std::istringstream in(text);
    pt::read_xml(in, tree);
  } catch (const pt::xml_parser_error& e) {
    return util::fail(util::ErrorKind::Protocol,
                      file + ":" + std::to_string(e.line()) + ": not valid XML: " + e.message());
  }
  std::vector<Case> cases;
  if (auto suites = tree.get_child_optional("testsuites")) read_suite(*suites, cases);
  if (auto suite = tree.get_child_optional("testsuite")) read_suite(*suite, cases);
  return cases;
}

// "dlv-harness / fixtures/cli/x.yaml" for Package "dlv-harness/fixtures/cli" and Test "x.yaml":
// the run (or cell) name, then the scenario path, as reports of earlier versions wrote them
// (Package the run, Test the whole path), so that old and new reports compare; a cell name's space
// is a '-' in either.
std::string case_key(std::string package, const std::string& test) {
  std::replace(package.begin(), package.end(), ' ', '-');  // a matrix cell, as written before
  auto slash = package.find('/');
  if (slash == std::string::npos) return package + " / " + test;
  return package.substr(0, slash) + " / " + package.substr(slash + 1) + "/" + test;
}

util::Expected<std::vector<Case>> read_test2json(const std::string& text, const std::string& file) {
  std::map<std::string, Case> by_test;
  std::map<std::string, std::string> output;  // per test, the lines that explain a failure
  std::vector<std::string> order;
  int line_number = 0;
  for (const auto& line : util::split(text, '\n')) {
    ++line_number;
    if (util::trim(line).empty()) continue;
    auto event = nlohmann::json::parse(line, nullptr, false);
    if (event.is_discarded() || !event.is_object()) {
      return util::fail(util::ErrorKind::Protocol,
                        file + ":" + std::to_string(line_number) + ": not a JSON event: " + line);
    }
    std::string test = event.value("Test", "");
    if (test.empty()) continue;
    std::string key = case_key(event.value("Package", ""), test);
    std::string action = event.value("Action", "");
    if (action == "output") {
      std::string out = event.value("Output", "");
      if (util::starts_with(out, "    ") && output[key].empty()) output[key] = out.substr(4);
    } else if (action == "pass" || action == "fail" || action == "skip") {
      if (!by_test.count(key)) order.push_back(key);
      Case& c = by_test[key];
      c.key = key;
      c.outcome = action == "pass"   ? Outcome::Pass
                  : action == "fail" ? Outcome::Fail
                                     : Outcome::Skip;
      c.seconds = event.value("Elapsed", 0.0);
      c.message = c.outcome == Outcome::Pass ? "" : first_line_of(output[key]);
    }
  }
  std::vector<Case> cases;
  for (const auto& key : order) cases.push_back(by_test[key]);
  return cases;
}

std::string seconds_text(double s) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2fs", s);
  return text;
}

const char* outcome_name(Outcome o) {
  return o == Outcome::Pass ? "PASS" : o == Outcome::Fail ? "FAIL" : "SKIP";
}

}  // namespace

util::Expected<std::vector<Case>> read_report(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return util::fail(util::ErrorKind::Io, "cannot read " + file.string());
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  auto start = text.find_first_not_of(" \t\r\n");
  if (start == std::string::npos)
    return util::fail(util::ErrorKind::Protocol, file.string() + ": empty report");
  if (text[start] == '<') return read_junit(text, file.string());
  if (text[start] == '{') return read_test2json(text, file.string());
  return util::fail(util::ErrorKind::Protocol,
                    file.string() + ": neither JUnit XML nor go test -json events");
}

Comparison compare(const std::vector<Case>& base, const std::vector<Case>& current, double factor,
                   double floor_seconds) {
  std::map<std::string, const Case*> before;
  for (const auto& c : base) before[c.key] = &c;
  std::map<std::string, bool> seen;
  Comparison out;
  for (const auto& now : current) {
    seen[now.key] = true;
    auto it = before.find(now.key);
    if (it == before.end()) {
      out.added.push_back(now);
      continue;
    }
    const Case& then = *it->second;
    if (now.outcome == Outcome::Fail && then.outcome != Outcome::Fail) {
      out.newly_failing.push_back({then, now});
    } else if (now.outcome == Outcome::Pass && then.outcome != Outcome::Pass) {
      out.newly_passing.push_back({then, now});
    } else if (now.outcome == Outcome::Skip && then.outcome != Outcome::Skip) {
      out.newly_skipped.push_back({then, now});
    } else if (now.outcome == Outcome::Fail && now.message != then.message) {
      out.changed_message.push_back({then, now});
    }
    if (now.outcome == Outcome::Pass && then.outcome == Outcome::Pass &&
        now.seconds > then.seconds * factor && now.seconds - then.seconds > floor_seconds) {
      out.slower.push_back({then, now});
    }
  }
  for (const auto& then : base)
    if (!seen.count(then.key)) out.missing.push_back(then);
  return out;
}

std::string comparison_text(const Comparison& c) {
  std::string text;
  auto section = [&](const std::string& title, const std::vector<std::pair<Case, Case>>& pairs,
                     auto&& describe) {
    if (pairs.empty()) return;
    text += title + " (" + std::to_string(pairs.size()) + "):\n";
    for (const auto& [then, now] : pairs) text += "  " + now.key + "\n" + describe(then, now);
  };
  auto change = [](const Case& then, const Case& now) {
    std::string line =
        "    " + std::string(outcome_name(then.outcome)) + " -> " + outcome_name(now.outcome);
    if (!now.message.empty()) line += ": " + now.message;
    return line + "\n";
  };
  section("newly failing", c.newly_failing, change);
  section("newly passing", c.newly_passing, change);
  section("newly skipped", c.newly_skipped, change);
  section("changed failure message", c.changed_message, [](const Case& then, const Case& now) {
    return "    was: " + then.message + "\n    now: " + now.message + "\n";
  });
  section("slower", c.slower, [](const Case& then, const Case& now) {
    return "    " + seconds_text(then.seconds) + " -> " + seconds_text(now.seconds) + "\n";
  });
  auto list = [&](const std::string& title, const std::vector<Case>& cases) {
    if (cases.empty()) return;
    text += title + " (" + std::to_string(cases.size()) + "):\n";
    for (const auto& x : cases) text += "  " + x.key + "\n";
  };
  list("missing from the current report", c.missing);
  list("new in the current report", c.added);
  std::size_t regressions = c.newly_failing.size() + c.missing.size();
  std::size_t improvements = c.newly_passing.size();
  std::size_t other =
      c.newly_skipped.size() + c.changed_message.size() + c.slower.size() + c.added.size();
  text += "harness compare: " + std::to_string(regressions) + " regression(s), " +
          std::to_string(improvements) + " improvement(s), " + std::to_string(other) +
          " other change(s)\n";
  return text;
}

}  // namespace report
