#include "harness/runner/scope_lookup.h"

#include "harness/util/strings.h"

namespace runner {

std::variant<int, Problem> scope_reference(RunContext& ctx, const util::SourceLoc& where,
                                           const std::string& scope, int frame) {
  auto found = find_scope(ctx, where, scope, frame);
  if (auto* problem = std::get_if<Problem>(&found)) return *problem;
  return std::get<json>(found).value("variablesReference", 0);
}

std::variant<json, Problem> find_scope(RunContext& ctx, const util::SourceLoc& where,
                                       const std::string& scope, int frame) {
  auto frames = ctx.frames();
  if (!frames) return infrastructure(where, frames.error());
  if (frame >= static_cast<int>((*frames)->size())) {
    return failure(where, "frame " + std::to_string(frame) + " does not exist (" +
                              std::to_string((*frames)->size()) + " frames)");
  }
  int frame_id = (**frames)[frame].value("id", 0);
  auto scopes = ctx.request("scopes", {{"frameId", frame_id}});
  if (!scopes) return infrastructure(where, scopes.error());
  std::vector<std::string> scope_names;
  for (const auto& s : (*scopes)["body"].value("scopes", json::array())) {
    if (util::starts_with(s.value("name", ""), scope)) return s;
    scope_names.push_back(s.value("name", ""));
  }
  return failure(where, "no scope '" + scope + "' in frame " + std::to_string(frame) +
                            " (scopes: " + util::join(scope_names, ", ") + ")");
}

}  // namespace runner
