#include <algorithm>
#include <set>

#include "harness/runner/scope_lookup.h"
#include "harness/runner/steps.h"
#include "harness/util/strings.h"

namespace runner {

namespace {

// Fetches the variables behind a reference: all of them, or one page.
util::Expected<std::vector<json>> fetch(RunContext& ctx, int reference,
                                        const std::optional<scenario::VariablePage>& page = {}) {
  json args = {{"variablesReference", reference}};
  if (page) {
    args["filter"] = page->filter;
    args["start"] = page->start;
    args["count"] = page->count;
  }
  auto response = ctx.request("variables", args);
  if (!response) return util::fail(response.error());
  return (*response)["body"].value("variables", json::array()).get<std::vector<json>>();
}

// The variable called `name` in `vars`, or null.
const json* find_named(const std::vector<json>& vars, const std::string& name) {
  for (const auto& v : vars)
    if (v.value("name", "") == name) return &v;
  return nullptr;
}

// "{filter: indexed, start: 190, count: 10}", naming a page in failure paths.
std::string page_label(const scenario::VariablePage& page) {
  return "{filter: " + page.filter + ", start: " + std::to_string(page.start) +
         ", count: " + std::to_string(page.count) + "}";
}

// ".page{...}" for one page, ".pages[{...}, {...}]" for several, "" for none.
std::string pages_label(const std::vector<scenario::VariablePage>& pages) {
  if (pages.size() == 1) return ".page" + page_label(pages.front());
  std::vector<std::string> labels;
  for (const auto& page : pages) labels.push_back(page_label(page));
  return labels.empty() ? "" : ".pages[" + util::join(labels, ", ") + "]";
}

// The children behind `reference`: all of them, or the given pages one after the other.
util::Expected<std::vector<json>> fetch_children(RunContext& ctx, int reference,
                                                 const std::vector<scenario::VariablePage>& pages) {
  if (pages.empty()) return fetch(ctx, reference);
  std::vector<json> children;
  for (const auto& page : pages) {
    auto fetched = fetch(ctx, reference, page);
    if (!fetched) return fetched;
    children.insert(children.end(), fetched->begin(), fetched->end());
  }
  return children;
}

int distinct_names(const std::vector<json>& vars) {
  std::set<std::string> names;
  for (const auto& v : vars) names.insert(v.value("name", ""));
  return static_cast<int>(names.size());
}

std::string variable_names_of(const std::vector<json>& vars) {
  std::vector<std::string> names;
  for (const auto& v : vars) names.push_back(v.value("name", "?"));
  if (names.size() > 20) {
    names.resize(20);
    names.push_back("...");
  }
  return util::join(names, ", ");
}

StepResult check_variable(RunContext& ctx, Checks& checks, const scenario::VarExpect& expect,
                          const json& actual, const std::string& path);

// How a variables list is named in failures: a scope's ("variable", "Locals") or a variable's
// children ("child", "children").
struct ListWords {
  const char* entry;
  std::string list;
};

// Checks what `list` says of `actual` as a whole: the named entries in order, nothing else,
// each entry's predicate. `found` holds the index of each entry of `expects` (npos: missing).
void check_list_shape(Checks& checks, const std::vector<scenario::VarExpect>& expects,
                      const std::vector<std::size_t>& found, const scenario::ListExpect& list,
                      const std::vector<json>& actual, const std::string& path,
                      const util::SourceLoc& where) {
  constexpr auto npos = std::string::npos;
  if (list.ordered) {
    std::size_t last = 0;
    const scenario::VarExpect* previous = nullptr;
    for (std::size_t i = 0; i < expects.size(); ++i) {
      if (found[i] == npos) continue;
      if (previous && found[i] < last)
        checks.fail(expects[i].loc, path + ": expected " + expects[i].name + " after " +
                                        previous->name + ", got the order " +
                                        variable_names_of(actual));
      last = found[i];
      previous = &expects[i];
    }
  }
  if (list.exact) {
    std::vector<std::string> others;
    for (std::size_t at = 0; at < actual.size(); ++at)
      if (std::find(found.begin(), found.end(), at) == found.end())
        others.push_back(actual[at].value("name", "?"));
    if (!others.empty())
      checks.fail(where, path + ": expected nothing but the listed entries, got also " +
                             util::join(others, ", "));
  }
  if (list.each) {
    for (const auto& entry : actual) {
      std::string at = path + "[" + entry.value("name", "?") + "]";
      checks.check(list.each->name, entry.value("name", json()), at + ".name");
      checks.check(list.each->value, entry.value("value", json()), at + ".value");
      checks.check(list.each->type, entry.value("type", json()), at + ".type");
    }
  }
}

// Checks each of `expects` against the list `actual` (a scope's variables or a variable's
// children), then the list as a whole.
StepResult check_list(RunContext& ctx, Checks& checks,
                      const std::vector<scenario::VarExpect>& expects,
                      const scenario::ListExpect& list, const std::vector<json>& actual,
                      const std::string& path, const ListWords& words,
                      const util::SourceLoc& where) {
  std::vector<std::size_t> found(expects.size(), std::string::npos);
  for (std::size_t i = 0; i < expects.size(); ++i) {
    const auto& expected = expects[i];
    const json* match = find_named(actual, expected.name);
    std::string entry_path = path + "." + expected.name;
    if (expected.absent) {
      if (match)
        checks.fail(expected.loc, entry_path + ": expected no such " + words.entry +
                                      ", got one with value " + match->value("value", ""));
      continue;
    }
    if (!match) {
      checks.fail(expected.loc, entry_path + ": no such " + words.entry + " (" + words.list + ": " +
                                    (actual.empty() ? "none" : variable_names_of(actual)) + ")");
      continue;
    }
    found[i] = static_cast<std::size_t>(match - actual.data());
    if (expected.position && *expected.position != static_cast<int>(found[i]))
      checks.fail(expected.loc,
                  entry_path + ".position: expected " + std::to_string(*expected.position) +
                      ", got " + std::to_string(found[i]) + " (" + variable_names_of(actual) + ")");
    if (auto problem = check_variable(ctx, checks, expected, *match, entry_path)) return problem;
  }
  check_list_shape(checks, expects, found, list, actual, path, where);
  return std::nullopt;
}

// Checks `expect` against the variable `actual` (found at `path`), recursing into children.
StepResult check_variable(RunContext& ctx, Checks& checks, const scenario::VarExpect& expect,
                          const json& actual, const std::string& path) {
  checks.check(expect.value, actual.value("value", json()), path + ".value");
  if (expect.save) ctx.captures[*expect.save] = actual.value("value", "");
  checks.check(expect.type, actual.value("type", json()), path + ".type");
  checks.check(expect.evaluate_name, actual.value("evaluateName", json()), path + ".evaluateName");
  checks.check(expect.indexed, actual.value("indexedVariables", 0), path + ".indexedVariables");
  checks.check(expect.named, actual.value("namedVariables", 0), path + ".namedVariables");
  const auto& list = expect.children_list;
  if (!expect.count && !expect.distinct && expect.children.empty() && !list.exact &&
      !list.ordered && !list.each)
    return std::nullopt;

  int reference = actual.value("variablesReference", 0);
  std::vector<json> children;
  if (reference != 0) {
    auto fetched = fetch_children(ctx, reference, expect.pages);
    if (!fetched) return infrastructure(expect.loc, fetched.error());
    children = std::move(*fetched);
  }
  std::string children_path = path + pages_label(expect.pages);
  checks.check(expect.count, static_cast<int>(children.size()), children_path + ".children.count");
  checks.check(expect.distinct, distinct_names(children), children_path + ".children.distinct");
  return check_list(ctx, checks, expect.children, list, children, children_path,
                    {"child", "children"}, expect.loc);
}

}  // namespace

StepResult run_expect_variables(RunContext& ctx, const scenario::Step& step,
                                const scenario::ExpectVariables& expect) {
  if (!ctx.stop) {
    return failure(step.loc,
                   "cannot read variables: the program is not stopped (an "
                   "expect_stop step must come first)");
  }
  auto scope = find_scope(ctx, step.loc, expect.scope, expect.frame);
  if (auto* problem = std::get_if<Problem>(&scope)) return *problem;
  const json& found_scope = std::get<json>(scope);
  auto vars = fetch(ctx, found_scope.value("variablesReference", 0));
  if (!vars) return infrastructure(step.loc, vars.error());

  Checks checks;
  checks.check(expect.count, static_cast<int>(vars->size()), expect.scope + ".count");
  checks.check(expect.expensive, found_scope.value("expensive", false),
               expect.scope + ".expensive");
  if (auto problem = check_list(ctx, checks, expect.vars, expect.list, *vars, expect.scope,
                                {"variable", expect.scope}, step.loc))
    return problem;
  return checks.result();
}

}  // namespace runner
