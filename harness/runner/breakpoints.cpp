#include "harness/runner/breakpoints.h"

#include "harness/runner/steps.h"
#include "harness/util/strings.h"

namespace runner {

namespace {

// One requested breakpoint as the checks need it.
struct Asked {
  std::string id;
  const scenario::Verification& verification;
  util::SourceLoc loc;
};

json breakpoint_json(const std::optional<std::string>& condition,
                     const std::optional<std::string>& hit_condition) {
  json bp = json::object();
  if (condition) bp["condition"] = *condition;
  if (hit_condition) bp["hitCondition"] = *hit_condition;
  return bp;
}

// Records dlv's ids for the breakpoints and checks each against its expected verification.
StepResult accept_breakpoints(RunContext& ctx, const json& response,
                              const std::vector<Asked>& asked, const std::string& what) {
  json actual = response["body"].value("breakpoints", json::array());
  if (actual.size() != asked.size()) {
    return failure(asked.empty() ? util::SourceLoc{} : asked.front().loc,
                   what + ": dlv answered " + std::to_string(actual.size()) + " breakpoints for " +
                       std::to_string(asked.size()) + " requested");
  }
  Checks checks;
  for (std::size_t i = 0; i < asked.size(); ++i) {
    const Asked& bp = asked[i];
    const json& answer = actual[i];
    bool verified = answer.value("verified", false);
    std::string label = bp.id.empty() ? what : "'" + bp.id + "' (" + what + ")";
    if (!verified && bp.verification.verified) {
      return failure(bp.loc, "breakpoint " + label +
                                 " not verified: " + answer.value("message", "dlv gave no reason"));
    }
    if (verified && !bp.verification.verified) {
      checks.fail(bp.loc, "breakpoint " + label + ": expected unverified, dlv verified it" +
                              (answer.contains("line")
                                   ? " at line " + std::to_string(answer["line"].get<int>())
                                   : std::string()));
      continue;
    }
    std::string path = "breakpoints[" + std::to_string(i) + "]";
    checks.check(bp.verification.message, answer.value("message", json()), path + ".message");
    if (const auto& resolved = bp.verification.resolved) {
      json source = answer.value("source", json::object());
      json file = source.contains("path")
                      ? json(scenario_path(ctx.scenario, source.value("path", "")))
                      : json();
      checks.check(resolved->file, file, path + ".source.path");
      checks.check(resolved->line, answer.value("line", json()), path + ".line");
    }
    if (!bp.id.empty() && answer.contains("id"))
      ctx.breakpoint_ids[bp.id] = answer["id"].get<int>();
  }
  return checks.result();
}

}  // namespace

StepResult set_file_breakpoints(RunContext& ctx, const scenario::BreakpointFile& file) {
  json bps = json::array();
  std::vector<Asked> asked;
  for (const auto& bp : file.breakpoints) {
    json j = breakpoint_json(bp.condition, bp.hit_condition);
    j["line"] = bp.line;
    if (bp.log_message) j["logMessage"] = *bp.log_message;
    bps.push_back(j);
    asked.push_back({bp.id, bp.verification, bp.loc});
  }
  auto path = (scenario::client_root(ctx.scenario) / file.file).lexically_normal().string();
  auto response =
      ctx.request("setBreakpoints", {{"source", {{"path", path}}}, {"breakpoints", bps}});
  if (!response) return infrastructure(file.loc, response.error());
  return accept_breakpoints(ctx, *response, asked, file.file);
}

StepResult set_function_breakpoints(RunContext& ctx,
                                    const std::vector<scenario::FunctionBreakpoint>& breakpoints,
                                    const util::SourceLoc& where) {
  json bps = json::array();
  std::vector<Asked> asked;
  for (const auto& bp : breakpoints) {
    json j = breakpoint_json(bp.condition, bp.hit_condition);
    j["name"] = bp.function;
    bps.push_back(j);
    asked.push_back({bp.id, bp.verification, bp.loc});
  }
  auto response = ctx.request("setFunctionBreakpoints", {{"breakpoints", bps}});
  if (!response) return infrastructure(where, response.error());
  return accept_breakpoints(ctx, *response, asked, "function breakpoints");
}

StepResult set_exception_filters(RunContext& ctx, const json& initialize_response) {
  const auto& s = ctx.scenario;
  if (!s.exception_filters) return std::nullopt;
  std::vector<std::string> offered;
  const json& body =
      initialize_response.contains("body") ? initialize_response["body"] : json::object();
  for (const auto& f : body.value("exceptionBreakpointFilters", json::array()))
    offered.push_back(f.value("filter", ""));
  for (const auto& wanted : *s.exception_filters) {
    if (std::find(offered.begin(), offered.end(), wanted) != offered.end()) continue;
    return infrastructure(
        s.exception_filters_loc,
        util::make_error(util::ErrorKind::Protocol,
                         "dlv does not offer the exception filter '" + wanted + "' (offered: " +
                             (offered.empty() ? "none" : util::join(offered, ", ")) +
                             "); gate the scenario with `requires`"));
  }
  auto response = ctx.request("setExceptionBreakpoints", {{"filters", *s.exception_filters}});
  if (!response) return infrastructure(s.exception_filters_loc, response.error());
  return std::nullopt;
}

}  // namespace runner
