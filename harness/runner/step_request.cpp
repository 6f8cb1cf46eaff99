#include <algorithm>

#include "harness/dap/message.h"
#include "harness/runner/steps.h"

namespace runner {

namespace {

// The requests after which the stop (and its frame ids) is gone.
bool resumes(const std::string& command) {
  static const std::vector<std::string> resuming = {"continue", "next",        "stepIn",
                                                    "stepOut",  "stepBack",    "reverseContinue",
                                                    "goto",     "restartFrame"};
  return std::find(resuming.begin(), resuming.end(), command) != resuming.end();
}

// Every operand text of the expectations below `expect`.
void operands(const scenario::JsonExpect& expect, std::string& out) {
  if (expect.leaf) out += expect.leaf->operand().dump();
  for (const auto& [key, member] : expect.members) operands(member, out);
  for (const auto& item : expect.items) operands(item, out);
}

// True when the request's arguments or expectations write `${name}`.
bool mentions(const scenario::Request& request, const std::string& name) {
  std::string text = request.arguments.dump();
  for (const auto* m : {&request.message, &request.error})
    if (*m) text += (*m)->operand().dump();
  if (request.body) operands(*request.body, text);
  return text.find("${" + name + "}") != std::string::npos;
}

// The initialize response the handshake received on the current connection.
util::Expected<json> recorded_initialize(RunContext& ctx) {
  for (const auto& message : ctx.session().messages())
    if (message.value("type", "") == "response" && message.value("command", "") == "initialize")
      return message;
  return util::fail(util::ErrorKind::Protocol, "no initialize response was received");
}

// Sends the request (initialize: takes the recorded response) and waits for its response.
util::Expected<json> exchange(RunContext& ctx, const scenario::Request& request) {
  if (request.command == "initialize") return recorded_initialize(ctx);
  if (resumes(request.command)) {
    ctx.cursor = ctx.session().received_count();
    ctx.resumed();
  }
  auto seq = ctx.session().send_request(request.command, request.arguments);
  if (!seq) return util::fail(seq.error());
  return ctx.session().wait_response(*seq, ctx.deadline(ctx.env.timeouts.request));
}

StepResult check_response(const scenario::Step& step, const scenario::Request& request,
                          const json& response) {
  std::string path = "request(" + request.command + ")";
  bool success = dap::is_success(response);
  Checks checks;
  if (success != request.success) {
    std::string got = success ? "success" : "failure: " + dap::error_text(response);
    checks.fail(step.loc, path + ".success: expected " + (request.success ? "true" : "false") +
                              ", got " + got);
    return checks.result();
  }
  const json& body = response.contains("body") ? response["body"] : json();
  checks.check(request.message, response.value("message", json()), path + ".message");
  json format = body.is_object() && body.contains("error") && body["error"].is_object()
                    ? body["error"].value("format", json())
                    : json();
  checks.check(request.error, format, path + ".error");
  if (request.body) check_json(checks, *request.body, body, path + ".body");
  return checks.result();
}

}  // namespace

void check_json(Checks& checks, const scenario::JsonExpect& expect, const json& actual,
                const std::string& path) {
  if (expect.leaf) {
    checks.check(expect.leaf, actual, path);
    return;
  }
  for (std::size_t i = 0; i < expect.items.size(); ++i) {
    bool there = actual.is_array() && i < actual.size();
    check_json(checks, expect.items[i], there ? actual[i] : json(),
               path + "[" + std::to_string(i) + "]");
  }
  for (const auto& [key, member] : expect.members) {
    bool there = actual.is_object() && actual.contains(key);
    check_json(checks, member, there ? actual[key] : json(), path + "." + key);
  }
}

std::variant<std::map<std::string, std::string>, Problem> request_captures(
    RunContext& ctx, const scenario::Step& step, const scenario::Request& request) {
  auto captures = ctx.captures;
  bool thread = mentions(request, "thread"), frame = mentions(request, "frame");
  if (!ctx.stop) {
    if (!thread && !frame) return captures;
    return failure(step.loc, std::string("request(") + request.command + "): ${" +
                                 (thread ? "thread" : "frame") +
                                 "} needs a stop: the program is not stopped (an expect_stop "
                                 "step must come first)");
  }
  captures["thread"] = std::to_string(ctx.stop->thread_id);
  if (!frame) return captures;
  auto frames = ctx.frames();
  if (!frames) return infrastructure(step.loc, frames.error());
  if ((*frames)->empty())
    return failure(step.loc, "request(" + request.command + "): ${frame}: the stop has no frames");
  captures["frame"] = std::to_string((*frames)->front().value("id", 0));
  return captures;
}

StepResult run_request(RunContext& ctx, const scenario::Step& step,
                       const scenario::Request& request) {
  auto response = exchange(ctx, request);
  if (!response) return infrastructure(step.loc, response.error());
  return check_response(step, request, *response);
}

}  // namespace runner
