#include "harness/replay/handles.h"

#include <algorithm>

namespace replay {

namespace {

// The container the members of an object see: the array the object is an element of (reached
// with an empty key), else none.
std::string_view members_container(std::string_view key, std::string_view container) {
  return key.empty() ? container : std::string_view();
}

}  // namespace

std::optional<HandleKind> handle_kind(std::string_view key, std::string_view container) {
  if (key == "threadId") return HandleKind::Thread;
  if (key == "frameId") return HandleKind::Frame;
  if (key == "variablesReference") return HandleKind::Variables;
  if (key == "id") {
    if (container == "threads") return HandleKind::Thread;
    if (container == "stackFrames") return HandleKind::Frame;
    if (container == "breakpoints") return HandleKind::Breakpoint;
  }
  if (key.empty() && container == "hitBreakpointIds") return HandleKind::Breakpoint;
  return std::nullopt;
}

void HandleMap::learn(const dap::json& recorded, const dap::json& replayed) {
  learn_at(recorded, replayed, "", "");
}

void HandleMap::learn_at(const dap::json& recorded, const dap::json& replayed, std::string_view key,
                         std::string_view container) {
  if (recorded.is_number_integer() && replayed.is_number_integer()) {
    if (auto kind = handle_kind(key, container))
      map_[{*kind, recorded.get<long long>()}] = replayed.get<long long>();
    return;
  }
  if (recorded.is_object() && replayed.is_object()) {
    for (const auto& [member, value] : recorded.items()) {
      if (auto it = replayed.find(member); it != replayed.end())
        learn_at(value, *it, member, members_container(key, container));
    }
  } else if (recorded.is_array() && replayed.is_array()) {
    std::size_t n = std::min(recorded.size(), replayed.size());
    for (std::size_t i = 0; i < n; ++i) learn_at(recorded[i], replayed[i], "", key);
  }
}

dap::json HandleMap::rewrite(const dap::json& arguments) const {
  dap::json copy = arguments;
  rewrite_at(copy, "", "");
  return copy;
}

void HandleMap::rewrite_at(dap::json& value, std::string_view key,
                           std::string_view container) const {
  if (value.is_number_integer()) {
    if (auto kind = handle_kind(key, container))
      if (auto mapped = find(*kind, value.get<long long>())) value = *mapped;
  } else if (value.is_object()) {
    for (auto& [member, child] : value.items())
      rewrite_at(child, member, members_container(key, container));
  } else if (value.is_array()) {
    for (auto& element : value) rewrite_at(element, "", key);
  }
}

std::optional<long long> HandleMap::find(HandleKind kind, long long recorded) const {
  auto it = map_.find({kind, recorded});
  if (it == map_.end()) return std::nullopt;
  return it->second;
}

}  // namespace replay
