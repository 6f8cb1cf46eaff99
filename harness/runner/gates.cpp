#include "harness/runner/gates.h"

#include "harness/util/strings.h"

namespace runner {

namespace {

std::vector<int> parts(const gotool::Version& version) {
  return {version.major, version.minor, version.patch};
}

Problem skip(const scenario::Scenario& scenario, std::string message) {
  return Problem{Status::Skip, std::move(message), scenario.requirements.loc, {}};
}

}  // namespace

const char* host_os() {
#if defined(__linux__)
  return "linux";
#elif defined(__APPLE__)
  return "darwin";
#elif defined(_WIN32)
  return "windows";
#else
  return "freebsd";
#endif
}

std::optional<Problem> unmet_tool_requirements(const scenario::Scenario& scenario,
                                               const Environment& env) {
  const auto& wanted = scenario.requirements;
  if (wanted.dlv && !wanted.dlv->contains(parts(env.dlv.version))) {
    return skip(scenario,
                "requires dlv " + wanted.dlv->text + " (have " + env.dlv.version.str() + ")");
  }
  if (wanted.go && !wanted.go->contains(parts(env.go.version))) {
    return skip(scenario,
                "requires go " + wanted.go->text + " (have " + env.go.version.str() + ")");
  }
  if (wanted.os && *wanted.os != host_os()) {
    return skip(scenario, "requires os " + *wanted.os + " (have " + host_os() + ")");
  }
  return std::nullopt;
}

std::optional<Problem> unmet_capabilities(const scenario::Scenario& scenario,
                                          const Environment& env, const json& initialize_response) {
  const json body = initialize_response.value("body", json::object());
  std::vector<std::string> missing;
  for (const auto& name : scenario.requirements.capabilities) {
    const json value = body.value(name, json());
    if (!value.is_boolean() || !value.get<bool>()) missing.push_back(name);
  }
  if (missing.empty()) return std::nullopt;
  return skip(scenario, "requires capabilities " + util::join(missing, ", ") + " (dlv " +
                            env.dlv.version.str() + " does not offer " +
                            (missing.size() == 1 ? "it" : "them") + ")");
}

}  // namespace runner
