#include "harness/drift/drift_kind.h"

#include <iterator>
#include <regex>

#include "harness/util/strings.h"

namespace drift {

namespace {

constexpr const char* kAbsent = "(absent)";

// The frame `path` points into ("body.stackFrames[3].line" -> stackFrames[3]), or null.
const dap::json* frame_at(const std::string& path, const dap::json* message) {
  static const std::regex frame(R"(^body\.stackFrames\[(\d+)\])");
  std::smatch found;
  if (!message || !std::regex_search(path, found, frame)) return nullptr;
  auto body = message->find("body");
  if (body == message->end() || !body->is_object()) return nullptr;
  auto frames = body->find("stackFrames");
  std::size_t i = std::stoul(found[1]);
  if (frames == body->end() || !frames->is_array() || i >= frames->size()) return nullptr;
  return &(*frames)[i];
}

bool in_runtime(const dap::json& frame, const std::vector<std::string>& std_roots) {
  if (!frame.is_object()) return false;
  std::string name = frame.value("name", "");
  auto source = frame.find("source");
  std::string file = source != frame.end() && source->is_object() ? source->value("path", "") : "";
  for (const auto& root : std_roots)
    if (util::starts_with(file, root)) return true;
  return util::starts_with(name, "runtime.") || file.find("/src/runtime/") != std::string::npos;
}

bool ends_with_any(const std::string& path, std::initializer_list<const char*> names) {
  for (const char* name : names)
    if (util::ends_with(path, name)) return true;
  return false;
}

}  // namespace

namespace {

struct KindNames {
  DriftKind kind;
  const char* id;
  const char* title;
};

// Every kind in report order, with its JSON id and its title.
constexpr KindNames kKinds[] = {
    {DriftKind::RuntimeLocation, "runtime-location", "Go runtime and library locations moved"},
    {DriftKind::FunctionName, "function-name", "function and goroutine names"},
    {DriftKind::Rendering, "rendering", "values and types rendered differently"},
    {DriftKind::Children, "children", "lists longer or shorter (children, frames, ...)"},
    {DriftKind::Lifecycle, "lifecycle", "events and lifecycle"},
    {DriftKind::Capabilities, "capabilities", "capabilities (initialize)"},
    {DriftKind::Behaviour, "behaviour", "fields and behaviour added or removed"},
    {DriftKind::Output, "output", "output lines"},
    {DriftKind::Other, "other", "everything else"},
};

const KindNames& names_of(DriftKind kind) {
  for (const auto& names : kKinds)
    if (names.kind == kind) return names;
  return kKinds[std::size(kKinds) - 1];
}

}  // namespace

const char* kind_title(DriftKind kind) {
  return names_of(kind).title;
}

const char* kind_id(DriftKind kind) {
  return names_of(kind).id;
}

DriftKind classify(const replay::Difference& d, const dap::json* from_message,
                   const std::vector<std::string>& std_roots) {
  if (d.kind == "output line") return DriftKind::Output;
  if (d.kind == "response" && d.name == "initialize") return DriftKind::Capabilities;
  if (d.path.empty()) return d.kind == "event" ? DriftKind::Lifecycle : DriftKind::Behaviour;
  if (const dap::json* frame = frame_at(d.path, from_message);
      frame && in_runtime(*frame, std_roots)) {
    if (ends_with_any(d.path,
                      {".line", ".column", ".path", ".name", ".instructionPointerReference"}))
      return DriftKind::RuntimeLocation;
  }
  bool one_side = d.recorded == kAbsent || d.replayed == kAbsent;
  if (one_side && util::ends_with(d.path, "]")) return DriftKind::Children;
  if (one_side) return DriftKind::Behaviour;
  if (ends_with_any(d.path, {"success", ".message", ".format"}) || d.path.find("body.error") == 0)
    return DriftKind::Behaviour;
  if (d.path.find("stackFrames[") != std::string::npos && util::ends_with(d.path, ".name"))
    return DriftKind::FunctionName;
  if (d.path.find("threads") != std::string::npos) return DriftKind::FunctionName;
  if (ends_with_any(d.path, {".value", ".type", ".result", "indexedVariables", "namedVariables"}))
    return DriftKind::Rendering;
  if (d.kind == "event") return DriftKind::Lifecycle;
  return DriftKind::Other;
}

}  // namespace drift
