#include "harness/dap/message.h"

#include "harness/util/strings.h"

namespace dap {

namespace {

// The string member `key` of an object, or "" if absent or not a string.
std::string string_member(const json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// `text` cut to at most `limit` bytes, marked with "..." when cut.
std::string shorten(std::string text, std::size_t limit) {
  if (text.size() <= limit) return text;
  text.resize(limit);
  return text + "...";
}

// Replaces every "{name}" whose name is in `variables` by its value.
std::string substitute(const std::string& format, const json& variables) {
  if (!variables.is_object()) return format;
  std::string out;
  std::size_t pos = 0;
  while (pos < format.size()) {
    auto open = format.find('{', pos);
    auto close = open == std::string::npos ? open : format.find('}', open);
    if (close == std::string::npos) break;
    out.append(format, pos, open - pos);
    auto it = variables.find(format.substr(open + 1, close - open - 1));
    if (it == variables.end())
      out.append(format, open, close - open + 1);
    else
      out += it->is_string() ? it->get<std::string>() : to_text(*it);
    pos = close + 1;
  }
  out.append(format, std::min(pos, format.size()));
  return out;
}

}  // namespace

bool is_event(const json& message, std::string_view name) {
  return string_member(message, "type") == "event" && string_member(message, "event") == name;
}

bool is_response_to(const json& message, int request_seq) {
  if (string_member(message, "type") != "response") return false;
  auto it = message.find("request_seq");
  return it != message.end() && it->is_number_integer() && it->get<int>() == request_seq;
}

bool is_reverse_request(const json& message) {
  return string_member(message, "type") == "request";
}

bool is_success(const json& response) {
  auto it = response.is_object() ? response.find("success") : response.end();
  return it != response.end() && it->is_boolean() && it->get<bool>();
}

std::string error_text(const json& response) {
  std::string message = string_member(response, "message");
  std::string format;
  json variables;
  if (response.is_object() && response.contains("body") && response["body"].is_object() &&
      response["body"].contains("error") && response["body"]["error"].is_object()) {
    const json& error = response["body"]["error"];
    format = string_member(error, "format");
    variables = error.value("variables", json());
  }
  std::string detail = substitute(format, variables);
  if (detail.empty()) return message.empty() ? "(the response carries no error message)" : message;
  if (message.empty() || util::starts_with(detail, message)) return detail;
  return message + ": " + detail;
}

std::string summarize(const json& message) {
  std::string type = string_member(message, "type");
  if (type == "event") {
    std::string name = string_member(message, "event");
    const json body = message.value("body", json::object());
    if (name == "stopped" && body.contains("reason"))
      return "event stopped (reason: " + string_member(body, "reason") + ")";
    if (name == "output")
      return "event output (" + string_member(body, "category") + ": " +
             util::quote(shorten(string_member(body, "output"), 60)) + ")";
    if (name == "exited" && body.contains("exitCode"))
      return "event exited (exitCode: " + to_text(body["exitCode"]) + ")";
    return "event " + name;
  }
  if (type == "response") {
    std::string command = string_member(message, "command");
    if (is_success(message)) return "response " + command + " (success)";
    return "response " + command + " (failed: " + shorten(error_text(message), 200) + ")";
  }
  if (type == "request") return "request " + string_member(message, "command");
  return "message without a known type: " + shorten(to_text(message), 80);
}

}  // namespace dap
