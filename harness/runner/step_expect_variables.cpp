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

std::string names_of(const std::vector<json>& vars) {
  std::vector<std::string> names;
  for (const auto& v : vars) names.push_back(v.value("name", "?"));
  if (names.size() > 20) {
    names.resize(20);
    names.push_back("...");
  }
  return util::join(names, ", ");
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
  if (!expect.count && expect.children.empty()) return std::nullopt;

  int reference = actual.value("variablesReference", 0);
  std::vector<json> children;
  if (reference != 0) {
    auto fetched = fetch(ctx, reference, expect.page);
    if (!fetched) return infrastructure(expect.loc, fetched.error());
    children = std::move(*fetched);
  }
  std::string children_path = path + (expect.page ? ".page" + page_label(*expect.page) : "");
  checks.check(expect.count, static_cast<int>(children.size()), children_path + ".children.count");
  for (const auto& child : expect.children) {
    const json* found = find_named(children, child.name);
    std::string child_path = children_path + "." + child.name;
    if (child.absent) {
      if (found)
        checks.fail(child.loc, child_path + ": expected no such child, got one with value " +
                                   found->value("value", ""));
      continue;
    }
    if (!found) {
      checks.fail(child.loc, child_path + ": no such child (children: " +
                                 (children.empty() ? "none" : names_of(children)) + ")");
      continue;
    }
    if (auto problem = check_variable(ctx, checks, child, *found, child_path)) return problem;
  }
  return std::nullopt;
}

}  // namespace

StepResult run_expect_variables(RunContext& ctx, const scenario::Step& step,
                                const scenario::ExpectVariables& expect) {
  if (!ctx.stop) {
    return failure(step.loc,
                   "cannot read variables: the program is not stopped (an "
                   "expect_stop step must come first)");
  }
  auto scope = scope_reference(ctx, step.loc, expect.scope, expect.frame);
  if (auto* problem = std::get_if<Problem>(&scope)) return *problem;
  auto vars = fetch(ctx, std::get<int>(scope));
  if (!vars) return infrastructure(step.loc, vars.error());

  Checks checks;
  for (const auto& expected : expect.vars) {
    const json* found = find_named(*vars, expected.name);
    std::string path = expect.scope + "." + expected.name;
    if (expected.absent) {
      if (found)
        checks.fail(expected.loc, path + ": expected no such variable, got one with value " +
                                      found->value("value", ""));
      continue;
    }
    if (!found) {
      checks.fail(expected.loc, path + ": no such variable (" + expect.scope + ": " +
                                    (vars->empty() ? "none" : names_of(*vars)) + ")");
      continue;
    }
    if (auto problem = check_variable(ctx, checks, expected, *found, path)) return problem;
  }
  return checks.result();
}

}  // namespace runner
