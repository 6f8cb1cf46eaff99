#include "harness/launchjson/translate.h"

#include <fstream>

#include "harness/util/strings.h"

namespace launchjson {

namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

// Attributes only VS Code or vscode-go itself reads; dlv-dap never sees them.
const std::vector<std::string>& editor_only() {
  static const std::vector<std::string> keys = {"preLaunchTask",
                                                "postDebugTask",
                                                "internalConsoleOptions",
                                                "presentation",
                                                "serverReadyAction",
                                                "debugAdapter",
                                                "console",
                                                "windows",
                                                "linux",
                                                "osx",
                                                "envFile",
                                                "dlvFlags",
                                                "showLog",
                                                "logOutput",
                                                "logDest",
                                                "trace",
                                                "asRoot"};
  return keys;
}

util::Expected<std::string> variable(const std::string& name, const Workspace& w) {
  auto need_file = [&]() -> util::Expected<fs::path> {
    if (!w.file) {
      return util::fail(
          util::ErrorKind::InvalidScenario,
          "${" + name + "} needs the file open in the editor: set launch_json.file_var");
    }
    return *w.file;
  };
  if (name == "workspaceFolder" || name == "cwd") return w.folder.string();
  if (name == "workspaceFolderBasename") return w.folder.filename().string();
  if (name == "pathSeparator") return std::string("/");
  if (name == "userHome") {
    auto home = w.env.find("HOME");
    return home == w.env.end() ? std::string() : home->second;
  }
  if (util::starts_with(name, "env:")) {
    auto it = w.env.find(name.substr(4));
    return it == w.env.end() ? std::string() : it->second;  // VS Code substitutes ""
  }
  if (name == "file" || name == "fileDirname" || name == "fileBasename" ||
      name == "fileBasenameNoExtension" || name == "relativeFile") {
    auto file = need_file();
    if (!file) return util::fail(file.error());
    if (name == "file") return file->string();
    if (name == "fileDirname") return file->parent_path().string();
    if (name == "fileBasename") return file->filename().string();
    if (name == "fileBasenameNoExtension") return file->stem().string();
    return file->lexically_relative(w.folder).string();
  }
  return util::fail(util::ErrorKind::InvalidScenario, "unsupported variable ${" + name + "}");
}

util::Expected<std::string> substitute(const std::string& text, const Workspace& w) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    auto start = text.find("${", pos);
    if (start == std::string::npos) return out + text.substr(pos);
    auto end = text.find('}', start);
    if (end == std::string::npos) return out + text.substr(pos);
    auto value = variable(text.substr(start + 2, end - start - 2), w);
    if (!value) return util::fail(value.error());
    out += text.substr(pos, start - pos) + *value;
    pos = end + 1;
  }
}

util::Expected<void> substitute_all(json& value, const Workspace& w) {
  if (value.is_string()) {
    auto s = substitute(value.get<std::string>(), w);
    if (!s) return util::fail(s.error());
    value = *s;
  } else if (value.is_structured()) {
    for (auto& item : value) {
      auto done = substitute_all(item, w);
      if (!done) return done;
    }
  }
  return {};
}

// KEY=VALUE lines; # comments, blank lines, optional quotes and `export ` ignored.
util::Expected<std::map<std::string, std::string>> read_env_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return util::fail(util::ErrorKind::InvalidScenario, "cannot read envFile " + path);
  std::map<std::string, std::string> vars;
  for (std::string line; std::getline(in, line);) {
    std::string_view l = util::trim(line);
    if (l.empty() || l.front() == '#') continue;
    if (util::starts_with(l, "export ")) l = util::trim(l.substr(7));
    auto eq = l.find('=');
    if (eq == std::string_view::npos) continue;
    std::string value(util::trim(l.substr(eq + 1)));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    vars[std::string(util::trim(l.substr(0, eq)))] = value;
  }
  return vars;
}

}  // namespace

util::Expected<json> find_configuration(const Document& doc, const std::string& name) {
  std::vector<std::string> names;
  const json configs =
      doc.value.is_object() ? doc.value.value("configurations", json::array()) : json::array();
  for (const auto& c : configs) {
    if (!c.is_object()) continue;
    std::string n = c.contains("name") && c["name"].is_string() ? c["name"].get<std::string>() : "";
    if (n == name) return c;
    names.push_back(n);
  }
  std::string close = util::did_you_mean(name, names);
  std::string file = doc.where("").file;
  return util::fail(util::ErrorKind::InvalidScenario,
                    "no configuration '" + name + "' in " + file +
                        (close.empty() ? "; configurations: " + util::join(names, ", ")
                                       : " (did you mean '" + close + "'?)"));
}

util::Expected<DlvLaunch> to_dlv_launch(const json& config, const Workspace& workspace) {
  json c = config;
  if (c.contains("linux") && c["linux"].is_object()) c.update(c["linux"]);
  for (const char* key : {"request", "mode", "program"}) {
    if (c.contains(key) && !c[key].is_string())
      return util::fail(util::ErrorKind::InvalidScenario,
                        std::string("'") + key + "' must be a string, got " + c[key].type_name());
  }
  std::string request = c.value("request", "launch");
  DlvLaunch out;
  if (request == "attach") {
    std::string mode = c.value("mode", "local");
    if (mode != "local" && mode != "remote") {
      return util::fail(util::ErrorKind::InvalidScenario, "attach mode '" + mode + "' is unknown");
    }
    if (mode == "remote") {
      out.remote_address = (c.contains("host") ? c["host"].dump() : std::string("127.0.0.1")) +
                           ":" + (c.contains("port") ? c["port"].dump() : std::string("?"));
      c.erase("host");
      c.erase("port");
    } else {
      c.erase("processId");  // often ${command:pickProcess}: the harness knows the pid
    }
  } else if (request != "launch") {
    return util::fail(util::ErrorKind::InvalidScenario, "request '" + request + "' is unknown");
  }
  for (const char* remote : {"port", "host", "debugServer"}) {
    if (c.contains(remote)) {
      return util::fail(util::ErrorKind::InvalidScenario,
                        std::string("'") + remote +
                            "' connects to a dlv started elsewhere: not supported here yet");
    }
  }
  auto substituted = substitute_all(c, workspace);
  if (!substituted) return util::fail(substituted.error());

  json env = json::object();
  if (c.contains("envFile")) {
    json files = c["envFile"].is_array() ? c["envFile"] : json::array({c["envFile"]});
    for (const auto& f : files) {
      if (!f.is_string()) continue;
      auto vars = read_env_file(f.get<std::string>());
      if (!vars) return util::fail(vars.error());
      for (const auto& [k, v] : *vars) env[k] = v;
    }
  }
  if (c.contains("env") && c["env"].is_object()) env.update(c["env"]);  // env wins

  if (c.contains("dlvFlags") && c["dlvFlags"].is_array()) {
    for (const auto& f : c["dlvFlags"])
      if (f.is_string()) out.dlv_flags.push_back(f.get<std::string>());
  }
  const auto& drop = editor_only();
  for (auto& [key, value] : c.items()) {
    if (std::find(drop.begin(), drop.end(), key) == drop.end()) out.arguments[key] = value;
  }
  if (!env.empty()) out.arguments["env"] = env;
  if (request == "attach") {
    out.arguments["mode"] = c.value("mode", "local");
    out.arguments["request"] = "attach";
    return out;
  }
  std::string mode = c.value("mode", "debug");
  if (mode == "auto") {
    mode = util::ends_with(c.value("program", ""), "_test.go") ? "test" : "debug";
  }
  out.arguments["mode"] = mode;
  out.arguments["request"] = "launch";
  return out;
}

}  // namespace launchjson
