#include "harness/record/merge.h"

#include <algorithm>
#include <filesystem>

#include "harness/record/generalize.h"
#include "harness/util/strings.h"

namespace record {

namespace {

// Output lines compared across runs at most; beyond them the scenario would mostly echo logs.
constexpr std::size_t kMaxOutputLines = 20;

// An expectation as a scenario value: the literal itself or {op: operand}.
Yaml expectation_node(const Expectation& e) {
  if (e.op.empty()) return Yaml::scalar(e.operand);
  return Yaml::map({{e.op, Yaml::scalar(e.operand)}});
}

// Adds `key: expectation` unless nothing stable can be expected.
void add_expectation(YamlMap& map, const std::string& key, const std::vector<std::string>& values,
                     const Variance& local) {
  Expectation e = expectation_for(values, local);
  if (!e.none()) map.emplace_back(key, expectation_node(e));
}

template <class T, class F>
std::vector<std::string> each(const std::vector<const T*>& items, F field) {
  std::vector<std::string> out;
  for (const T* item : items) out.push_back(field(*item));
  return out;
}

// The variables named like those of run 0 that every run has, in run 0's order.
std::vector<std::vector<const RecordedVar*>> common_vars(
    const std::vector<const std::vector<RecordedVar>*>& lists) {
  std::vector<std::vector<const RecordedVar*>> common;
  for (const auto& v : *lists.front()) {
    std::vector<const RecordedVar*> across;
    for (const auto* list : lists) {
      auto found = std::find_if(list->begin(), list->end(),
                                [&](const RecordedVar& w) { return w.name == v.name; });
      if (found == list->end()) break;
      across.push_back(&*found);
    }
    if (across.size() == lists.size()) common.push_back(std::move(across));
  }
  return common;
}

bool same_ints(const std::vector<int>& values) {
  return std::all_of(values.begin(), values.end(), [&](int v) { return v == values.front(); });
}

YamlMap variables_map(const std::vector<const std::vector<RecordedVar>*>& lists,
                      const Variance& local);

// The expectations on one variable seen in every run.
Yaml variable_node(const std::vector<const RecordedVar*>& across, const Variance& local) {
  YamlMap node;
  add_expectation(node, "value", each(across, [](const RecordedVar& v) { return v.value; }), local);
  add_expectation(node, "type", each(across, [](const RecordedVar& v) { return v.type; }), local);
  if (!across.front()->evaluate_name.empty() &&
      across.front()->evaluate_name != across.front()->name) {
    add_expectation(node, "evaluate_name",
                    each(across, [](const RecordedVar& v) { return v.evaluate_name; }), local);
  }
  std::vector<int> indexed, named, counts;
  bool counted = true;
  for (const auto* v : across) {
    indexed.push_back(v->indexed);
    named.push_back(v->named);
    counted = counted && v->count;
    counts.push_back(v->count.value_or(0));
  }
  if (indexed.front() > 0 && same_ints(indexed))
    node.emplace_back("indexed", Yaml::number(indexed.front()));
  if (named.front() > 0 && same_ints(named))
    node.emplace_back("named", Yaml::number(named.front()));
  if (counted && same_ints(counts)) node.emplace_back("count", Yaml::number(counts.front()));
  std::vector<const std::vector<RecordedVar>*> children;
  for (const auto* v : across) children.push_back(&v->children);
  if (YamlMap kids = variables_map(children, local); !kids.empty())
    node.emplace_back("children", Yaml::map(std::move(kids)));
  return Yaml::map(std::move(node));
}

YamlMap variables_map(const std::vector<const std::vector<RecordedVar>*>& lists,
                      const Variance& local) {
  YamlMap vars;
  for (const auto& across : common_vars(lists)) {
    Yaml node = variable_node(across, local);
    if (!std::get<YamlMap>(node.node).empty())
      vars.emplace_back(across.front()->name, std::move(node));
  }
  return vars;
}

// "stop 2 (breakpoint at main.go:31 in main.main)", to explain runs that differ.
std::string stop_text(const RecordedStop& s, std::size_t index) {
  return "stop " + std::to_string(index + 1) + " (" + s.reason + " at " + s.file + ":" +
         std::to_string(s.line) + " in " + s.function + ")";
}

bool same_place(const RecordedStop& a, const RecordedStop& b) {
  return a.action == b.action && a.reason == b.reason && a.breakpoint == b.breakpoint &&
         a.file == b.file && a.line == b.line && a.function == b.function;
}

util::Expected<void> check_same_stops(const std::vector<Recording>& runs) {
  const auto& first = runs.front();
  for (std::size_t r = 1; r < runs.size(); ++r) {
    const auto& other = runs[r];
    std::size_t n = std::min(first.stops.size(), other.stops.size());
    for (std::size_t i = 0; i < n; ++i) {
      if (!same_place(first.stops[i], other.stops[i])) {
        return util::fail(util::ErrorKind::InvalidScenario,
                          "run 1 and run " + std::to_string(r + 1) + " differ at " +
                              stop_text(first.stops[i], i) + " versus " +
                              stop_text(other.stops[i], i) +
                              ": the program does not stop the same way every run");
      }
    }
    if (first.stops.size() != other.stops.size() ||
        first.exit_code.has_value() != other.exit_code.has_value()) {
      return util::fail(util::ErrorKind::InvalidScenario,
                        "run 1 stopped " + std::to_string(first.stops.size()) + " time(s), run " +
                            std::to_string(r + 1) + " " + std::to_string(other.stops.size()) +
                            ": the program does not stop the same way every run");
    }
  }
  return {};
}

Yaml stop_step(const std::vector<const RecordedStop*>& across, const Variance& local) {
  const RecordedStop& s = *across.front();
  YamlMap expect = {{"reason", Yaml::scalar(s.reason)}};
  if (!s.breakpoint.empty()) expect.emplace_back("at", Yaml::scalar(s.breakpoint));
  if (s.file.empty() || s.file.front() != '/') {
    expect.emplace_back("file", Yaml::scalar(s.file));
  } else {
    // Outside the program (the Go runtime): its folder differs between machines.
    std::filesystem::path file(s.file);
    std::string tail = (file.parent_path().filename() / file.filename()).string();
    expect.emplace_back(
        "file", Yaml::map({{"matches", Yaml::scalar("(^|/)" + regex_escaped(tail) + "$")}}));
  }
  expect.emplace_back("line", Yaml::number(s.line));
  expect.emplace_back("function", Yaml::scalar(s.function));
  if (!s.description.empty())
    add_expectation(expect, "description",
                    each(across, [](const RecordedStop& x) { return x.description; }), local);
  if (!s.text.empty())
    add_expectation(expect, "text", each(across, [](const RecordedStop& x) { return x.text; }),
                    local);
  return Yaml::map({{"expect_stop", Yaml::map(std::move(expect))}});
}

// One `evaluate` step per expression, with `expect:` when every run answered the same way (all
// results, or all errors).
void evaluate_steps(const std::vector<const RecordedStop*>& across, const Variance& local,
                    YamlList& steps) {
  for (std::size_t e = 0; e < across.front()->evaluations.size(); ++e) {
    std::vector<const RecordedEvaluation*> evals;
    for (const auto* s : across) evals.push_back(&s->evaluations[e]);
    YamlMap expect;
    bool all_results =
        std::all_of(evals.begin(), evals.end(), [](auto* x) { return x->result.has_value(); });
    bool all_errors =
        std::all_of(evals.begin(), evals.end(), [](auto* x) { return x->error.has_value(); });
    if (all_results) {
      add_expectation(expect, "result",
                      each(evals, [](const RecordedEvaluation& x) { return *x.result; }), local);
      if (!evals.front()->type.empty())
        add_expectation(expect, "type",
                        each(evals, [](const RecordedEvaluation& x) { return x.type; }), local);
    } else if (all_errors) {
      add_expectation(expect, "error",
                      each(evals, [](const RecordedEvaluation& x) { return *x.error; }), local);
    }
    YamlMap step = {{"evaluate", Yaml::map({{"expr", Yaml::scalar(evals.front()->expression)}})}};
    if (!expect.empty()) step.emplace_back("expect", Yaml::map(std::move(expect)));
    steps.push_back(Yaml::map(std::move(step)));
  }
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines = util::split(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  for (auto& line : lines)
    if (!line.empty() && line.back() == '\r') line.pop_back();
  return lines;
}

// expect_output for one stream: one `contains` per line that every run printed (at most
// kMaxOutputLines), except lines that name a path of this machine (variance.local_paths: dlv's
// "Building /home/me/prog" in mode debug), which another machine prints differently. Never
// `in_order`: goroutines that print concurrently can agree on an order in every recorded run by
// chance and disagree later (seen with goprojects/workers).
void output_step(const std::vector<Recording>& runs, const std::string& category,
                 std::string Recording::*text, const Variance& variance, YamlList& steps) {
  std::vector<std::vector<std::string>> lines;
  for (const auto& run : runs) lines.push_back(lines_of(run.*text));
  std::size_t added = 0;
  for (const auto& line : lines.front()) {
    if (line.empty() || added == kMaxOutputLines) continue;
    if (std::any_of(variance.local_paths.begin(), variance.local_paths.end(),
                    [&](const std::string& path) { return line.find(path) != std::string::npos; }))
      continue;
    bool everywhere = std::all_of(lines.begin(), lines.end(), [&](const auto& l) {
      return std::find(l.begin(), l.end(), line) != l.end();
    });
    if (!everywhere) continue;
    steps.push_back(Yaml::map({{"expect_output", Yaml::map({{"category", Yaml::scalar(category)},
                                                            {"contains", Yaml::scalar(line)}})}}));
    ++added;
  }
}

}  // namespace

util::Expected<Yaml> merged_steps(const std::vector<Recording>& runs, const Variance& local) {
  if (auto same = check_same_stops(runs); !same) return util::fail(same.error());
  YamlList steps;
  const Recording& first = runs.front();
  for (std::size_t i = 0; i < first.stops.size(); ++i) {
    std::vector<const RecordedStop*> across;
    for (const auto& run : runs) across.push_back(&run.stops[i]);
    steps.push_back(Yaml::map({{across.front()->action, Yaml::empty_map()}}));
    steps.push_back(stop_step(across, local));
    std::vector<const std::vector<RecordedVar>*> locals;
    for (const auto* s : across) locals.push_back(&s->locals);
    if (YamlMap vars = variables_map(locals, local); !vars.empty())
      steps.push_back(
          Yaml::map({{"expect_variables", Yaml::map({{"vars", Yaml::map(std::move(vars))}})}}));
    evaluate_steps(across, local, steps);
  }
  if (first.exit_code) {
    steps.push_back(Yaml::map({{first.final_action.value_or("continue"), Yaml::empty_map()}}));
    output_step(runs, "stdout", &Recording::stdout_text, local, steps);
    output_step(runs, "stderr", &Recording::stderr_text, local, steps);
    std::vector<std::string> codes;
    for (const auto& run : runs) codes.push_back(std::to_string(run.exit_code.value_or(0)));
    Expectation code = expectation_for(codes);
    YamlMap exit;
    if (!code.none())
      exit.emplace_back("code",
                        code.op.empty() ? Yaml::number(*first.exit_code) : expectation_node(code));
    if (!exit.empty()) steps.push_back(Yaml::map({{"expect_exit", Yaml::map(std::move(exit))}}));
  }
  return Yaml::list(std::move(steps));
}

}  // namespace record
