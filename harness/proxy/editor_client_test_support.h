#pragma once
// For the proxy's tests: a DAP client that behaves like VS Code with vscode-go driving dlv dap:
// vscode-go's initialize arguments and launch attributes, and after each stop VS Code's order of
// requests (threads, stackTrace of the stopped thread, scopes of its top frame, variables of the
// first scope, then what the user does).
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "harness/dap/message.h"
#include "harness/dap/session.h"
#include "harness/transport/tcp_stream.h"

namespace proxy::testing {

constexpr util::Duration kWait{60'000};

inline dap::json vscode_initialize_arguments() {
  return {{"clientID", "vscode"},
          {"clientName", "Visual Studio Code"},
          {"adapterID", "go"},
          {"pathFormat", "path"},
          {"linesStartAt1", true},
          {"columnsStartAt1", true},
          {"supportsVariableType", true},
          {"supportsVariablePaging", true},
          {"supportsRunInTerminalRequest", true},
          {"locale", "en"},
          {"supportsProgressReporting", true},
          {"supportsInvalidatedEvent", true},
          {"supportsMemoryReferences", true},
          {"supportsArgsCanBeInterpretedByShell", true},
          {"supportsMemoryEvent", true},
          {"supportsStartDebuggingRequest", true}};
}

// A launch configuration as vscode-go sends it with a "port" set: the user's attributes
// (`program`, `mode`: exec for a binary, debug for a folder dlv builds) plus the ones the
// extension adds.
inline dap::json vscode_launch_arguments(const std::filesystem::path& program,
                                         const std::string& mode) {
  return {{"name", "Launch through the harness proxy"},
          {"type", "go"},
          {"request", "launch"},
          {"mode", mode},
          {"program", program.string()},
          {"port", 0},
          {"host", "127.0.0.1"},
          {"__configurationTarget", 6},
          {"dlvToolPath", "dlv"},
          {"showGlobalVariables", false},
          {"hideSystemGoroutines", false},
          {"dlvFlags", dap::json::array()},
          {"env", dap::json::object()},
          {"__sessionId", "8d3c7a52-0000-4000-8000-000000000001"}};
}

// What the client saw at one stop.
struct SeenStop {
  int thread = 0;
  dap::json frames;  // stackTrace body.stackFrames
  dap::json locals;  // variables of the first scope
};

// A session driven as VS Code drives it, over `stream` (to the proxy, or to dlv directly).
class EditorClient {
 public:
  explicit EditorClient(std::unique_ptr<transport::ByteStream> stream)
      : session_(std::move(stream), std::make_shared<dap::Transcript>()) {}

  // initialize, launch with `launch` (vscode_launch_arguments), setBreakpoints at `line` of
  // `source`, configurationDone.
  void start(const dap::json& launch, const std::filesystem::path& source, int line) {
    ASSERT_TRUE(request("initialize", vscode_initialize_arguments()));
    auto launched = request("launch", launch);
    ASSERT_TRUE(launched) << launched.error().str();
    ASSERT_TRUE(session_.wait([](const dap::json& m) { return dap::is_event(m, "initialized"); }, 0,
                              util::Deadline::after(kWait), "initialized"));
    ASSERT_TRUE(request("setBreakpoints", {{"source", {{"path", source.string()}}},
                                           {"breakpoints", {{{"line", line}}}},
                                           {"sourceModified", false}}));
    ASSERT_TRUE(request("configurationDone", dap::json::object()));
  }

  // Waits for the next stopped event and asks what VS Code asks after it.
  SeenStop next_stop() {
    SeenStop seen;
    auto at = session_.wait([](const dap::json& m) { return dap::is_event(m, "stopped"); },
                            stops_seen_, util::Deadline::after(kWait), "stopped");
    EXPECT_TRUE(at) << (at ? "" : at.error().str());
    if (!at) return seen;
    stops_seen_ = *at + 1;
    seen.thread = session_.message(*at)["body"].value("threadId", 0);
    (void)request("threads", dap::json::object());
    auto stack =
        request("stackTrace", {{"threadId", seen.thread}, {"startFrame", 0}, {"levels", 20}});
    if (!stack) return seen;
    seen.frames = (*stack)["body"]["stackFrames"];
    int frame = seen.frames.at(0).value("id", 0);
    auto scopes = request("scopes", {{"frameId", frame}});
    if (!scopes) return seen;
    int reference = (*scopes)["body"]["scopes"].at(0).value("variablesReference", 0);
    auto variables = request("variables", {{"variablesReference", reference}});
    if (variables) seen.locals = (*variables)["body"]["variables"];
    return seen;
  }

  // An evaluate as the debug console sends it.
  util::Expected<dap::json> evaluate(const std::string& expression, int frame) {
    return request("evaluate",
                   {{"expression", expression}, {"frameId", frame}, {"context", "repl"}});
  }

  util::Expected<dap::json> request(const std::string& command, const dap::json& arguments) {
    return session_.request(command, arguments, util::Deadline::after(kWait));
  }

  dap::Session& session() { return session_; }

 private:
  dap::Session session_;
  std::size_t stops_seen_ = 0;
};

}  // namespace proxy::testing
