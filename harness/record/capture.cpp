#include "harness/record/capture.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "harness/dap/transcript.h"
#include "harness/record/dap_variable.h"
#include "harness/record/yaml_writer.h"
#include "harness/util/strings.h"

namespace record {

namespace {

using dap::json;

// The scenario step a resuming request stands for ("" for other requests).
std::string action_of(const std::string& command) {
  if (command == "configurationDone" || command == "continue") return "continue";
  if (command == "next") return "next";
  if (command == "stepIn") return "step_in";
  if (command == "stepOut") return "step_out";
  return "";
}

// Reads the messages in order and keeps what a scenario can state.
class CaptureReader {
 public:
  void client(const json& message) {
    if (message.value("type", "") != "request") return;
    std::string command = message.value("command", "");
    requests_[message.value("seq", 0)] = message;
    if (command == "launch") capture_.launch = message.value("arguments", json::object());
    if (auto action = action_of(command); !action.empty()) resume(action);
  }

  void adapter(const json& message) {
    std::string type = message.value("type", "");
    if (type == "response") return response(message);
    if (type != "event") return;
    std::string event = message.value("event", "");
    const json body = message.value("body", json::object());
    if (event == "stopped") stopped(body);
    if (event == "output") {
      std::string category = body.value("category", "console");
      if (category == "stdout") capture_.recording.stdout_text += body.value("output", "");
      if (category == "stderr") capture_.recording.stderr_text += body.value("output", "");
    }
    if (event == "exited") {
      capture_.recording.exit_code = body.value("exitCode", 0);
      if (!capture_.recording.stops.empty()) capture_.recording.final_action = pending_action_;
    }
  }

  Capture finish() { return std::move(capture_); }

 private:
  void resume(const std::string& action) {
    pending_action_ = action;
    stop_ = std::nullopt;  // frame and variables references die with the stop
  }

  void stopped(const json& body) {
    RecordedStop stop;
    stop.action = pending_action_;
    stop.reason = body.value("reason", "");
    stop.description = body.value("description", "");
    stop.text = body.value("text", "");
    if (auto hits = body.value("hitBreakpointIds", json::array());
        !hits.empty() && hits[0].is_number())
      if (auto it = breakpoint_names_.find(hits[0].get<int>()); it != breakpoint_names_.end())
        stop.breakpoint = it->second;
    capture_.recording.stops.push_back(std::move(stop));
    stop_ = StopRefs{body.value("threadId", 0), std::nullopt, std::nullopt, {}};
  }

  void response(const json& message) {
    auto request = requests_.find(message.value("request_seq", -1));
    if (request == requests_.end()) return;
    std::string command = request->second.value("command", "");
    const json arguments = request->second.value("arguments", json::object());
    const json body = message.value("body", json::object());
    bool success = message.value("success", false);
    if (command == "setBreakpoints" && success) return breakpoints_set(arguments, body);
    if (!stop_) return;
    RecordedStop& stop = capture_.recording.stops.back();
    if (command == "evaluate") return evaluated(stop, arguments, message);
    if (!success) return;
    if (command == "stackTrace" && !stop_->top_frame &&
        arguments.value("threadId", 0) == stop_->thread) {
      const json frames = body.value("stackFrames", json::array());
      if (frames.empty()) return;
      const json& top = frames[0];
      stop_->top_frame = top.value("id", 0);
      stop.function = top.value("name", "");
      stop.line = top.value("line", 0);
      stop.file = top.contains("source") ? top["source"].value("path", "") : "";
    } else if (command == "scopes" && stop_->top_frame &&
               arguments.value("frameId", -1) == *stop_->top_frame && !stop_->locals_reference) {
      const json scopes = body.value("scopes", json::array());
      if (!scopes.empty()) stop_->locals_reference = scopes[0].value("variablesReference", 0);
    } else if (command == "variables") {
      variables_read(stop, arguments.value("variablesReference", 0),
                     body.value("variables", json::array()));
    }
  }

  void breakpoints_set(const json& arguments, const json& body) {
    std::string source = arguments.value("source", json::object()).value("path", "");
    std::erase_if(capture_.breakpoints,
                  [&](const CapturedBreakpoint& b) { return b.source == source; });
    const json asked = arguments.value("breakpoints", json::array());
    const json answered = body.value("breakpoints", json::array());
    for (std::size_t i = 0; i < asked.size(); ++i) {
      int line = asked[i].value("line", 0);
      std::string id =
          std::filesystem::path(source).filename().string() + "_" + std::to_string(line);
      for (char& c : id)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      capture_.breakpoints.push_back({source, line, id});
      if (i < answered.size() && answered[i].contains("id"))
        breakpoint_names_[answered[i].value("id", 0)] = id;
    }
  }

  // The variables of the top frame's first scope are the locals; variables read below one the
  // editor expanded are its children.
  void variables_read(RecordedStop& stop, int reference, const json& variables) {
    if (stop_->locals_reference && reference == *stop_->locals_reference && stop.locals.empty())
      return take_variables(stop.locals, variables);
    auto parent = stop_->expandable.find(reference);
    if (parent == stop_->expandable.end() || !parent->second->children.empty()) return;
    take_variables(parent->second->children, variables);
    parent->second->count = static_cast<int>(variables.size());
  }

  // Records the named `variables` into `into` and remembers which of them the editor may expand.
  void take_variables(std::vector<RecordedVar>& into, const json& variables) {
    into.reserve(variables.size());  // the addresses kept in `expandable` stay valid
    for (const auto& v : variables) {
      RecordedVar var = recorded_var(v);
      if (var.name.empty()) continue;
      into.push_back(std::move(var));
      if (int child = v.value("variablesReference", 0); child > 0)
        stop_->expandable[child] = &into.back();
    }
  }

  void evaluated(RecordedStop& stop, const json& arguments, const json& message) {
    RecordedEvaluation evaluation;
    evaluation.expression = arguments.value("expression", "");
    if (message.value("success", false)) {
      const json body = message.value("body", json::object());
      evaluation.result = body.value("result", "");
      evaluation.type = body.value("type", "");
    } else {
      evaluation.error = message.value("message", "");
    }
    stop.evaluations.push_back(std::move(evaluation));
  }

  // The references of the current stop, valid until the next resume.
  struct StopRefs {
    int thread = 0;
    std::optional<int> top_frame;
    std::optional<int> locals_reference;
    std::map<int, RecordedVar*> expandable;  // variablesReference -> the variable it expands
  };

  Capture capture_;
  std::map<int, json> requests_;                 // by seq
  std::map<int, std::string> breakpoint_names_;  // dlv's breakpoint id -> scenario id
  std::string pending_action_ = "continue";
  std::optional<StopRefs> stop_;
};

}  // namespace

util::Expected<Capture> read_capture(std::string_view transcript, const std::string& name) {
  CaptureReader reader;
  for (const std::string& line : util::split(transcript, '\n')) {
    auto parsed = dap::parse_transcript_line(line);
    if (!parsed || parsed->kind == dap::TranscriptLine::Kind::Note) continue;
    json message = json::parse(parsed->content, nullptr, false);
    if (!message.is_object()) continue;
    if (parsed->kind == dap::TranscriptLine::Kind::Sent)
      reader.client(message);
    else
      reader.adapter(message);
  }
  Capture capture = reader.finish();
  if (capture.launch.is_null() || capture.launch.empty()) {
    return util::fail(util::ErrorKind::Usage,
                      name +
                          ": the capture holds no launch request (an attach session, or not a "
                          "transcript of `harness proxy`)");
  }
  return capture;
}

std::filesystem::path captured_program_dir(const Capture& capture) {
  std::filesystem::path program = capture.launch.value("program", "");
  std::error_code ec;
  if (std::filesystem::is_directory(program, ec)) return program;
  if (program.extension() == ".go") return program.parent_path();
  for (const auto& stop : capture.recording.stops)
    if (!stop.file.empty()) return std::filesystem::path(stop.file).parent_path();
  return program.parent_path();
}

std::string relative_to(const std::filesystem::path& program_dir, const std::string& path) {
  auto relative = std::filesystem::path(path).lexically_relative(program_dir);
  if (relative.empty() || *relative.begin() == "..") return path;
  return relative.generic_string();
}

namespace {

// The scenario's launch mode for the editor's: "auto" (vscode-go's default) is debug for a folder.
std::string scenario_mode(const json& launch) {
  std::string mode = launch.value("mode", "debug");
  return mode == "auto" ? "debug" : mode;
}

// The launch block: mode, then args and env as the editor sent them.
YamlMap launch_block(const json& launch) {
  YamlMap block = {{"mode", Yaml::scalar(scenario_mode(launch))}};
  if (auto args = launch.value("args", json::array()); args.is_array() && !args.empty()) {
    YamlList items;
    for (const auto& a : args)
      items.push_back(Yaml::scalar(a.is_string() ? a.get<std::string>() : a.dump()));
    block.emplace_back("args", Yaml::list(std::move(items)));
  }
  if (auto env = launch.value("env", json::object()); env.is_object() && !env.empty()) {
    YamlMap vars;
    for (const auto& [key, value] : env.items())
      vars.emplace_back(key,
                        Yaml::scalar(value.is_string() ? value.get<std::string>() : value.dump()));
    block.emplace_back("env", Yaml::map(std::move(vars)));
  }
  return block;
}

}  // namespace

std::string capture_skeleton(const Capture& capture, const std::string& name,
                             const std::string& program, const std::filesystem::path& program_dir) {
  YamlMap scenario = {{"name", Yaml::scalar(name)},
                      {"program", Yaml::scalar(program)},
                      {"launch", Yaml::map(launch_block(capture.launch))}};
  YamlMap breakpoints;
  for (const auto& b : capture.breakpoints) {
    std::string file = relative_to(program_dir, b.source);
    auto it = std::find_if(breakpoints.begin(), breakpoints.end(),
                           [&](const auto& entry) { return entry.first == file; });
    if (it == breakpoints.end()) it = breakpoints.insert(breakpoints.end(), {file, Yaml::list({})});
    std::get<YamlList>(it->second.node)
        .push_back(Yaml::map({{"id", Yaml::scalar(b.id)}, {"line", Yaml::number(b.line)}}));
  }
  if (!breakpoints.empty()) scenario.emplace_back("breakpoints", Yaml::map(std::move(breakpoints)));
  return yaml_text(Yaml::map(std::move(scenario)), 0);
}

}  // namespace record
