#include "harness/runner/steps.h"
#include "harness/util/strings.h"

namespace runner {

namespace {

// Fetches the variables behind a reference.
util::Expected<std::vector<json>> fetch(RunContext& ctx, int reference) {
  auto response = ctx.request("variables", {{"variablesReference", reference}});
  if (!response) return util::fail(response.error());
  return (*response)["body"].value("variables", json::array()).get<std::vector<json>>();
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
  checks.check(expect.type, actual.value("type", json()), path + ".type");
  checks.check(expect.indexed, actual.value("indexedVariables", 0), path + ".indexedVariables");
  checks.check(expect.named, actual.value("namedVariables", 0), path + ".namedVariables");
  if (!expect.count && expect.children.empty()) return std::nullopt;

  int reference = actual.value("variablesReference", 0);
  std::vector<json> children;
  if (reference != 0) {
    auto fetched = fetch(ctx, reference);
    if (!fetched) return infrastructure(expect.loc, fetched.error());
    children = std::move(*fetched);
  }
  checks.check(expect.count, static_cast<int>(children.size()), path + ".children.count");
  for (const auto& child : expect.children) {
    const json* found = nullptr;
    for (const auto& c : children) {
      if (c.value("name", "") == child.name) {
        found = &c;
        break;
      }
    }
    std::string child_path = path + "." + child.name;
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
  auto frames = ctx.frames();
  if (!frames) return infrastructure(step.loc, frames.error());
  if (expect.frame >= static_cast<int>((*frames)->size())) {
    return failure(step.loc, "frame " + std::to_string(expect.frame) + " does not exist (" +
                                 std::to_string((*frames)->size()) + " frames)");
  }
  int frame_id = (**frames)[expect.frame].value("id", 0);
  auto scopes = ctx.request("scopes", {{"frameId", frame_id}});
  if (!scopes) return infrastructure(step.loc, scopes.error());
  std::optional<json> scope;
  std::vector<std::string> scope_names;
  for (const auto& s : (*scopes)["body"].value("scopes", json::array())) {
    scope_names.push_back(s.value("name", ""));
    if (!scope && util::starts_with(s.value("name", ""), expect.scope)) scope = s;
  }
  if (!scope) {
    return failure(step.loc, "no scope '" + expect.scope + "' in frame " +
                                 std::to_string(expect.frame) +
                                 " (scopes: " + util::join(scope_names, ", ") + ")");
  }
  auto vars = fetch(ctx, scope->value("variablesReference", 0));
  if (!vars) return infrastructure(step.loc, vars.error());

  Checks checks;
  for (const auto& expected : expect.vars) {
    const json* found = nullptr;
    for (const auto& v : *vars) {
      if (v.value("name", "") == expected.name) {
        found = &v;
        break;
      }
    }
    std::string path = expect.scope + "." + expected.name;
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
