#include <algorithm>

#include "harness/scenario/captures.h"
#include "harness/scenario/readers.h"

namespace scenario {

namespace {

// The requests with a step of their own (or the handshake) that `request` refuses, and where
// to go instead.
const std::vector<std::pair<std::string, std::string>>& lifecycle_requests() {
  static const std::vector<std::pair<std::string, std::string>> requests = {
      {"launch", "use 'launch:' or 'launch_json:'"},
      {"attach", "use 'launch: {topology: ...}'"},
      {"configurationDone", "the first 'continue' or 'pause' step sends it"},
      {"disconnect", "use the 'disconnect' step"},
  };
  return requests;
}

// A map whose only key is an operator is a matcher; any other map selects members.
bool is_matcher_map(const YAML::Node& node) {
  if (!node.IsMap() || node.size() != 1) return false;
  const auto& ops = matcher_keywords();
  auto key = node.begin()->first;
  return key.IsScalar() && std::find(ops.begin(), ops.end(), key.Scalar()) != ops.end();
}

// The JSON pointers of the plain scalars below `node` that hold a placeholder.
void find_plain_placeholders(const YAML::Node& node, const nlohmann::json::json_pointer& pointer,
                             std::vector<std::string>& found) {
  if (node.IsMap()) {
    for (const auto& pair : node)
      find_plain_placeholders(pair.second,
                              pointer / (pair.first.IsScalar() ? pair.first.Scalar() : ""), found);
  } else if (node.IsSequence()) {
    for (std::size_t i = 0; i < node.size(); ++i)
      find_plain_placeholders(node[i], pointer / i, found);
  } else if (node.IsScalar() && node.Tag() == "?" && !find_placeholders(node.Scalar()).empty()) {
    found.push_back(pointer.to_string());
  }
}

// `command:`: any name but the lifecycle requests.
std::optional<std::string> read_command(Reader& reader, const Entry& entry) {
  auto command = reader.string(entry);
  if (!command) return std::nullopt;
  for (const auto& [name, instead] : lifecycle_requests()) {
    if (*command != name) continue;
    reader.error(reader.value_loc(entry), "'request' cannot send '" + name + "': " + instead);
    return std::nullopt;
  }
  return command;
}

// `expect:` of `request`: {success, message, error, body}.
bool read_request_expect(Reader& reader, const Entry& entry, Request& request) {
  static const std::vector<std::string> keys = {"success", "message", "error", "body"};
  auto pairs = reader.map_value(entry, &keys);
  if (!pairs) return false;
  bool ok = pairs->size() == (entry.value.IsMap() ? entry.value.size() : 0);
  const Entry* success = nullptr;
  for (const auto& pair : *pairs) {
    if (pair.key == "success") {
      success = &pair;
      auto value = reader.boolean(pair);
      ok = ok && value;
      if (value) request.success = *value;
    } else if (pair.key == "body") {
      request.body = read_json_expect(reader, pair);
      ok = ok && request.body;
    } else {
      auto matcher = reader.matcher(pair);
      ok = ok && matcher;
      (pair.key == "message" ? request.message : request.error) = std::move(matcher);
    }
  }
  if (!request.message && !request.error) return ok;
  if (success && request.success) {
    reader.error(reader.value_loc(*success),
                 "'success: true' contradicts 'message'/'error', which expect a failed request");
    return false;
  }
  request.success = false;
  return ok;
}

}  // namespace

std::optional<JsonExpect> read_json_expect(Reader& reader, const Entry& entry) {
  JsonExpect expect;
  if ((entry.value.IsSequence() || entry.value.IsMap()) && entry.value.size() == 0) {
    reader.error(reader.value_loc(entry), "'" + entry.key +
                                              "' is empty: write a matcher, or the members or "
                                              "elements to check");
    return std::nullopt;
  }
  if (entry.value.IsSequence()) {
    bool ok = true;
    for (std::size_t i = 0; i < entry.value.size(); ++i) {
      Entry item{entry.key + "[" + std::to_string(i) + "]", entry.value[i], entry.value[i]};
      auto read = read_json_expect(reader, item);
      ok = ok && read;
      if (read) expect.items.push_back(std::move(*read));
    }
    if (!ok) return std::nullopt;
    return expect;
  }
  if (entry.value.IsMap() && !is_matcher_map(entry.value)) {
    bool ok = true;
    auto pairs = reader.entries(entry.value, nullptr);
    for (const auto& pair : pairs) {
      auto read = read_json_expect(reader, pair);
      ok = ok && read;
      if (read) expect.members.push_back({pair.key, std::move(*read)});
    }
    if (!ok || pairs.size() != entry.value.size()) return std::nullopt;
    return expect;
  }
  expect.leaf = reader.matcher(entry);
  if (!expect.leaf) return std::nullopt;
  return expect;
}

std::optional<StepKind> read_request(Reader& reader, const Entry& body, const Entry* expect) {
  static const std::vector<std::string> keys = {"command", "arguments"};
  auto pairs = reader.map_value(body, &keys);
  if (!pairs) return std::nullopt;
  Request request;
  bool ok = pairs->size() == (body.value.IsMap() ? body.value.size() : 0);
  const Entry* arguments = nullptr;
  bool has_command = false;
  for (const auto& pair : *pairs) {
    if (pair.key == "command") {
      has_command = true;
      auto command = read_command(reader, pair);
      ok = ok && command;
      if (command) request.command = *command;
    } else if (!pair.value.IsMap()) {
      reader.error(reader.value_loc(pair),
                   "'arguments' must be a map, got " + describe(pair.value));
      ok = false;
    } else {
      arguments = &pair;
      request.arguments = to_json(pair.value);
      find_plain_placeholders(pair.value, nlohmann::json::json_pointer(),
                              request.plain_placeholders);
    }
  }
  if (!has_command) {
    reader.missing(body.value.IsNull() ? reader.key_loc(body) : reader.value_loc(body), "command",
                   "'request'");
    ok = false;
  }
  if (arguments && request.command == "initialize") {
    reader.error(reader.key_loc(*arguments),
                 "'request' with 'initialize' takes no 'arguments': it checks the response the "
                 "handshake received (DAP allows one initialize)");
    ok = false;
  }
  if (expect) ok = read_request_expect(reader, *expect, request) && ok;
  if (!ok) return std::nullopt;
  return request;
}

}  // namespace scenario
