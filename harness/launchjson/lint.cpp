#include "harness/launchjson/lint.h"

#include <algorithm>
#include <tuple>

#include "harness/util/strings.h"

namespace launchjson {

namespace {

// Launch/attach attributes vscode-go passes to dlv-dap, or uses itself, with effect.
const std::vector<std::string>& effective_attributes() {
  static const std::vector<std::string> names = {
      // VS Code's own
      "name",
      "type",
      "request",
      "preLaunchTask",
      "postDebugTask",
      "internalConsoleOptions",
      "presentation",
      "debugServer",
      "serverReadyAction",
      "console",
      "windows",
      "linux",
      "osx",
      // vscode-go with dlv-dap
      "mode",
      "program",
      "args",
      "env",
      "envFile",
      "cwd",
      "buildFlags",
      "dlvFlags",
      "output",
      "stopOnEntry",
      "showLog",
      "logOutput",
      "logDest",
      "trace",
      "traceDirPath",
      "backend",
      "substitutePath",
      "showGlobalVariables",
      "showRegisters",
      "hideSystemGoroutines",
      "debugAdapter",
      "asRoot",
      "coreFilePath",
      "processId",
      "port",
      "host",
      "remotePath",
      "stackTraceDepth",
      "goroot",
      "maxStringLen",
      "maxArrayValues",
      "dlvLoadConfig",
      "apiVersion",
  };
  return names;
}

struct Context {
  const Document& doc;
  const std::optional<std::string>& dlv_version;
  std::vector<Finding>& out;
};

// True when a dlv version is known and older than major.minor.patch.
bool dlv_older_than(const std::optional<std::string>& version, int major, int minor, int patch) {
  if (!version) return false;
  auto parts = util::split(std::string(util::trim(*version)), '.');
  int v[3] = {0, 0, 0};
  for (std::size_t i = 0; i < 3 && i < parts.size(); ++i) v[i] = std::atoi(parts[i].c_str());
  return std::make_tuple(v[0], v[1], v[2]) < std::make_tuple(major, minor, patch);
}

void add(Context& c, const std::string& pointer, Severity severity, const std::string& config,
         const std::string& attribute, std::string message) {
  c.out.push_back(
      Finding{c.doc.where_key(pointer), severity, config, attribute, std::move(message)});
}

// The attributes whose value must be a string; VS Code refuses a configuration otherwise.
constexpr const char* kStringAttributes[] = {"name", "type", "request", "mode", "debugAdapter"};

// `key` of `config` as a string; "" when it is missing or not a string.
std::string string_value(const nlohmann::json& config, const char* key) {
  auto it = config.find(key);
  return it != config.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A finding for each of kStringAttributes that `config` holds with another type.
void lint_attribute_types(Context& c, const nlohmann::json& config, const std::string& pointer,
                          const std::string& name) {
  for (const char* key : kStringAttributes) {
    auto it = config.find(key);
    if (it == config.end() || it->is_string()) continue;
    add(c, pointer + "/" + pointer_token(key), Severity::Warning, name, key,
        std::string("'") + key + "' must be a string, got " + it->type_name() +
            (it->is_null() ? "" : " (" + it->dump() + ")") + ": VS Code refuses the configuration");
  }
}

void lint_configuration(Context& c, const nlohmann::json& config, const std::string& pointer) {
  std::string name = string_value(config, "name");
  if (name.empty()) name = "(unnamed)";
  lint_attribute_types(c, config, pointer, name);
  bool legacy = string_value(config, "debugAdapter") == "legacy";
  auto at = [&](const std::string& key) { return pointer + "/" + pointer_token(key); };

  for (const auto& [key, value] : config.items()) {
    const auto& known = effective_attributes();
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      std::string close = util::did_you_mean(key, known);
      add(c, at(key), Severity::Warning, name, key,
          "'" + key +
              "' is not a vscode-go launch attribute: VS Code passes it on and dlv "
              "ignores it" +
              (close.empty() ? "" : " (did you mean '" + close + "'?)"));
    }
  }
  if (legacy) return;  // the legacy adapter reads the attributes below

  if (config.contains("dlvLoadConfig")) {
    std::string instead =
        dlv_older_than(c.dlv_version, 1, 27, 1)
            ? "with dlv " + *c.dlv_version +
                  " the limits cannot be changed (64 elements, 512-byte strings); dlv >= 1.27.1 "
                  "accepts 'maxStringLen' and 'maxArrayValues'"
            : "use 'maxStringLen' / 'maxArrayValues' in the configuration (dlv >= 1.27.1)";
    add(c, at("dlvLoadConfig"), Severity::Warning, name, "dlvLoadConfig",
        "'dlvLoadConfig' is ignored by dlv-dap (only the legacy adapter read it); " + instead);
  }
  if (config.contains("apiVersion")) {
    add(c, at("apiVersion"), Severity::Warning, name, "apiVersion",
        "'apiVersion' is ignored by dlv-dap (it chose the JSON-RPC API of the legacy adapter's "
        "headless dlv); remove it");
  }
  if (config.contains("remotePath")) {
    add(c, at("remotePath"), Severity::Warning, name, "remotePath",
        "'remotePath' is ignored by dlv-dap; use 'substitutePath': [{\"from\": "
        "\"${workspaceFolder}\", \"to\": \"<the path dlv sees>\"}]");
  }
  for (const char* key : {"maxStringLen", "maxArrayValues"}) {
    if (config.contains(key) && dlv_older_than(c.dlv_version, 1, 27, 1)) {
      add(c, at(key), Severity::Warning, name, key,
          std::string("'") + key + "' needs dlv >= 1.27.1; dlv " + *c.dlv_version + " ignores it");
    }
  }
  if (string_value(config, "request") == "launch" && string_value(config, "mode") == "remote") {
    add(c, at("mode"), Severity::Warning, name, "mode",
        "mode 'remote' is not a launch mode with dlv-dap; use \"request\": \"attach\" with "
        "\"mode\": \"remote\"");
  }
}

}  // namespace

std::string Finding::str() const {
  std::string prefix = where.known() ? where.str() + ": " : "";
  return prefix + (severity == Severity::Warning ? "warning: " : "info: ") + "[" + configuration +
         "] " + message;
}

std::vector<Finding> lint_launch(const Document& doc,
                                 const std::optional<std::string>& dlv_version) {
  std::vector<Finding> findings;
  Context c{doc, dlv_version, findings};
  const auto& configs = doc.value.is_object() ? doc.value.value("configurations", nlohmann::json())
                                              : nlohmann::json();
  if (!configs.is_array()) return findings;
  for (std::size_t i = 0; i < configs.size(); ++i) {
    if (!configs[i].is_object()) continue;
    std::string pointer = "/configurations/" + std::to_string(i);
    auto type = configs[i].find("type");
    if (type != configs[i].end() && !type->is_string()) {
      std::string name = string_value(configs[i], "name");
      lint_attribute_types(c, configs[i], pointer, name.empty() ? "(unnamed)" : name);
      continue;
    }
    if (string_value(configs[i], "type") != "go") continue;
    lint_configuration(c, configs[i], pointer);
  }
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.where.line, a.where.col) < std::tie(b.where.line, b.where.col);
  });
  return findings;
}

}  // namespace launchjson
