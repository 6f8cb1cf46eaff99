#include "harness/dap/message.h"
#include "harness/runner/scope_lookup.h"
#include "harness/runner/steps.h"
#include "harness/util/strings.h"

namespace runner {

namespace {

// "cfg.Name" -> {"cfg", "Name"}; a dot inside double quotes (a map key) does not split.
std::vector<std::string> name_path(const std::string& name) {
  std::vector<std::string> parts(1);
  bool quoted = false;
  for (char c : name) {
    if (c == '"') quoted = !quoted;
    if (c == '.' && !quoted) {
      parts.emplace_back();
    } else {
      parts.back() += c;
    }
  }
  return parts;
}

}  // namespace

StepResult run_set_variable(RunContext& ctx, const scenario::Step& step,
                            const scenario::SetVariable& set) {
  if (!ctx.stop) {
    return failure(step.loc,
                   "cannot set a variable: the program is not stopped (an expect_stop step must "
                   "come first)");
  }
  auto scope = scope_reference(ctx, step.loc, set.scope, set.frame);
  if (auto* problem = std::get_if<Problem>(&scope)) return *problem;
  int reference = std::get<int>(scope);

  // Walk down to the container of the last name: the scope itself or a variable's children.
  std::vector<std::string> parts = name_path(set.name);
  std::string walked = set.scope;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    auto listed = ctx.request("variables", {{"variablesReference", reference}});
    if (!listed) return infrastructure(step.loc, listed.error());
    std::optional<json> found;
    for (const auto& v : (*listed)["body"].value("variables", json::array()))
      if (!found && v.value("name", "") == parts[i]) found = v;
    if (!found) return failure(step.loc, walked + ": has no variable '" + parts[i] + "'");
    walked += "." + parts[i];
    reference = found->value("variablesReference", 0);
    if (reference == 0) return failure(step.loc, walked + ": has no children");
  }

  std::string path = "set_variable(" + set.name + ")";
  auto seq = ctx.session().send_request(
      "setVariable",
      {{"variablesReference", reference}, {"name", parts.back()}, {"value", set.value}});
  if (!seq) return infrastructure(step.loc, seq.error());
  auto response = ctx.session().wait_response(*seq, ctx.deadline(ctx.env.timeouts.request));
  if (!response) return infrastructure(step.loc, response.error());

  Checks checks;
  if (!dap::is_success(*response)) {
    if (set.error) {
      checks.check(set.error, dap::error_text(*response), path + ".error");
    } else {
      checks.fail(step.loc, path + ": failed: " + dap::error_text(*response));
    }
    return checks.result();
  }
  const json& body = (*response)["body"];
  if (set.error) {
    checks.fail(set.error->loc(),
                path + ": expected an error, got value " + body.value("value", "").c_str());
  }
  checks.check(set.result, body.value("value", json()), path + ".value");
  checks.check(set.type, body.value("type", json()), path + ".type");
  return checks.result();
}

}  // namespace runner
