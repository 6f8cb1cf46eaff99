#include "harness/launchjson/lint.h"

#include <algorithm>
#include <cctype>
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
  std::string text(util::trim(*version));
  if (!text.empty() && text.front() == 'v') text.erase(0, 1);
  auto parts = util::split(text, '.');
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

// Attributes that only one request reads, and the modes of each request.
const std::vector<std::string> kLaunchOnly = {"program", "args", "buildFlags", "envFile"};
const std::vector<std::string> kLaunchModes = {"auto", "debug", "test", "exec", "replay", "core"};
const std::vector<std::string> kAttachModes = {"local", "remote"};

// What does not fit the configuration's request: a mode of the other request or none at all,
// attributes the request ignores, and `port`/`host` on a launch (vscode-go then connects to a
// running `dlv dap` instead of starting one).
void lint_request_fit(Context& c, const nlohmann::json& config, const std::string& pointer,
                      const std::string& name) {
  auto at = [&](const std::string& key) { return pointer + "/" + pointer_token(key); };
  std::string request = string_value(config, "request");
  if (request != "launch" && request != "attach") return;
  bool launch = request == "launch";
  std::string mode = string_value(config, "mode");
  const auto& modes = launch ? kLaunchModes : kAttachModes;
  if (!mode.empty() && std::find(modes.begin(), modes.end(), mode) == modes.end()) {
    std::string why = "mode '" + mode + "' is not a" + (launch ? " launch" : "n attach") +
                      " mode (" + util::join(modes, ", ") + ")";
    if (launch && mode == "remote") {
      why += "; use \"request\": \"attach\" with \"mode\": \"remote\"";
    } else if (std::string close = util::did_you_mean(mode, modes); !close.empty()) {
      why += "; did you mean '" + close + "'?";
    } else if (!launch && mode == "debug") {
      why += "; to start the program use \"request\": \"launch\"";
    }
    add(c, at("mode"), Severity::Warning, name, "mode", why);
  }
  for (const auto& key : kLaunchOnly) {
    if (!launch && config.contains(key))
      add(c, at(key), Severity::Warning, name, key,
          "'" + key + "' belongs to a launch configuration; attach ignores it");
  }
  if (launch && config.contains("processId"))
    add(c, at("processId"), Severity::Warning, name, "processId",
        "'processId' belongs to an attach configuration; launch ignores it");
  if (launch && (config.contains("port") || config.contains("host"))) {
    const char* key = config.contains("port") ? "port" : "host";
    add(c, at(key), Severity::Info, name, key,
        "with 'port'/'host' vscode-go does not start dlv: it connects to a `dlv dap` server "
        "already listening there (right when you point VS Code at one on purpose, e.g. "
        "`harness proxy`)");
  }
}

// `${name}` placeholders VS Code expands in launch configurations; `env:`, `config:`,
// `command:`, `input:` and `workspaceFolder:` take an argument.
bool vscode_variable(const std::string& name) {
  static const std::vector<std::string> plain = {"workspaceFolder",
                                                 "workspaceFolderBasename",
                                                 "workspaceRoot",
                                                 "file",
                                                 "fileBasename",
                                                 "fileBasenameNoExtension",
                                                 "fileDirname",
                                                 "fileDirnameBasename",
                                                 "fileExtname",
                                                 "fileWorkspaceFolder",
                                                 "relativeFile",
                                                 "relativeFileDirname",
                                                 "cwd",
                                                 "userHome",
                                                 "execPath",
                                                 "lineNumber",
                                                 "columnNumber",
                                                 "selectedText",
                                                 "pathSeparator",
                                                 "/",
                                                 "defaultBuildTask"};
  for (const char* prefix : {"env:", "config:", "command:", "input:", "workspaceFolder:"})
    if (util::starts_with(name, prefix)) return true;
  return std::find(plain.begin(), plain.end(), name) != plain.end();
}

// A finding for each `${NAME}` in a string of `value` (at `pointer`) that VS Code leaves as
// written: `${HOME}` reaches dlv as the text "${HOME}".
void lint_variables_in(Context& c, const nlohmann::json& value, const std::string& pointer,
                       const std::string& name, const std::string& attribute) {
  if (value.is_structured()) {
    for (const auto& [key, item] : value.items())
      lint_variables_in(c, item, pointer + "/" + pointer_token(key), name, attribute);
    return;
  }
  if (!value.is_string()) return;
  const std::string& text = value.get_ref<const std::string&>();
  for (std::size_t open = text.find("${"); open != std::string::npos;
       open = text.find("${", open + 2)) {
    auto close = text.find('}', open);
    if (close == std::string::npos) break;
    std::string variable = text.substr(open + 2, close - open - 2);
    if (vscode_variable(variable)) continue;
    bool upper = !variable.empty() && std::all_of(variable.begin(), variable.end(), [](char ch) {
      return std::isupper(static_cast<unsigned char>(ch)) || ch == '_' ||
             std::isdigit(static_cast<unsigned char>(ch));
    });
    c.out.push_back(Finding{c.doc.where(pointer), Severity::Warning, name, attribute,
                            "'${" + variable + "}' is not a VS Code variable and stays as written" +
                                (upper ? "; use '${env:" + variable + "}'" : "")});
  }
}

void lint_variables(Context& c, const nlohmann::json& config, const std::string& pointer,
                    const std::string& name) {
  for (const auto& [key, value] : config.items())
    lint_variables_in(c, value, pointer + "/" + pointer_token(key), name, key);
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
  lint_request_fit(c, config, pointer, name);
  lint_variables(c, config, pointer, name);
}

// Where the launch configurations are: "/configurations" (launch.json), "/launch/configurations"
// (a .code-workspace file); "" when there are none.
std::string configurations_pointer(const Document& doc) {
  for (const char* pointer : {"/configurations", "/launch/configurations"}) {
    nlohmann::json::json_pointer p(pointer);
    if (doc.value.is_object() && doc.value.contains(p) && doc.value.at(p).is_array())
      return pointer;
  }
  return "";
}

// Where vscode-go's `go.delveConfig` setting is: "/go.delveConfig" (settings.json),
// "/settings/go.delveConfig" (a .code-workspace file); "" when there is none.
std::string delve_config_pointer(const Document& doc) {
  for (const char* pointer : {"/go.delveConfig", "/settings/go.delveConfig"}) {
    nlohmann::json::json_pointer p(pointer);
    if (doc.value.is_object() && doc.value.contains(p) && doc.value.at(p).is_object())
      return pointer;
  }
  return "";
}

// The keys of `go.delveConfig` that vscode-go reads.
const std::vector<std::string> kDelveConfigKeys = {"apiVersion",
                                                   "dlvLoadConfig",
                                                   "showGlobalVariables",
                                                   "showRegisters",
                                                   "hideSystemGoroutines",
                                                   "substitutePath",
                                                   "debugAdapter",
                                                   "showLog",
                                                   "logOutput",
                                                   "logDest",
                                                   "dlvFlags"};

// The `go.delveConfig` setting (defaults for every Go configuration): what dlv-dap ignores there.
void lint_delve_config(Context& c, const nlohmann::json& settings, const std::string& pointer) {
  const std::string name = "go.delveConfig";
  auto at = [&](const std::string& key) { return pointer + "/" + pointer_token(key); };
  for (const auto& [key, value] : settings.items()) {
    if (std::find(kDelveConfigKeys.begin(), kDelveConfigKeys.end(), key) != kDelveConfigKeys.end())
      continue;
    std::string close = util::did_you_mean(key, kDelveConfigKeys);
    add(c, at(key), Severity::Warning, name, key,
        "'" + key + "' is not a go.delveConfig setting" +
            (close.empty() ? "" : " (did you mean '" + close + "'?)"));
  }
  if (string_value(settings, "debugAdapter") == "legacy") {
    add(c, at("debugAdapter"), Severity::Info, name, "debugAdapter",
        "every Go configuration without its own 'debugAdapter' uses the legacy adapter");
    return;
  }
  if (settings.contains("dlvLoadConfig"))
    add(c, at("dlvLoadConfig"), Severity::Warning, name, "dlvLoadConfig",
        "'dlvLoadConfig' is ignored by dlv-dap (only the legacy adapter read it); use "
        "'maxStringLen' / 'maxArrayValues' in each launch configuration (dlv >= 1.27.1)");
  if (settings.contains("apiVersion"))
    add(c, at("apiVersion"), Severity::Warning, name, "apiVersion",
        "'apiVersion' is ignored by dlv-dap (it chose the JSON-RPC API of the legacy adapter); "
        "remove it");
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
  std::string base = configurations_pointer(doc);
  const auto& configs =
      base.empty() ? nlohmann::json() : doc.value.at(nlohmann::json::json_pointer(base));
  for (std::size_t i = 0; configs.is_array() && i < configs.size(); ++i) {
    if (!configs[i].is_object()) continue;
    std::string pointer = base + "/" + std::to_string(i);
    auto type = configs[i].find("type");
    if (type != configs[i].end() && !type->is_string()) {
      std::string name = string_value(configs[i], "name");
      lint_attribute_types(c, configs[i], pointer, name.empty() ? "(unnamed)" : name);
      continue;
    }
    if (string_value(configs[i], "type") != "go") continue;
    lint_configuration(c, configs[i], pointer);
  }
  if (auto settings = delve_config_pointer(doc); !settings.empty())
    lint_delve_config(c, doc.value.at(nlohmann::json::json_pointer(settings)), settings);
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.where.line, a.where.col) < std::tie(b.where.line, b.where.col);
  });
  return findings;
}

std::size_t go_configurations(const Document& doc) {
  std::string base = configurations_pointer(doc);
  if (base.empty()) return 0;
  const auto& configs = doc.value.at(nlohmann::json::json_pointer(base));
  if (!configs.is_array()) return 0;
  return static_cast<std::size_t>(std::count_if(configs.begin(), configs.end(), [](const auto& c) {
    return c.is_object() && string_value(c, "type") == "go";
  }));
}

bool has_delve_config(const Document& doc) {
  return !delve_config_pointer(doc).empty();
}

}  // namespace launchjson
