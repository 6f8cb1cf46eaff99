#include "harness/record/yaml_writer.h"

#include "harness/scenario/scalar_edit.h"

namespace record {

namespace {

constexpr std::size_t kFlowWidth = 96;

std::string scalar_text(const Yaml& value, bool in_flow) {
  const auto& text = std::get<std::string>(value.node);
  return value.raw ? text : scenario::yaml_scalar(text, in_flow);
}

bool is_scalar(const Yaml& value) {
  return std::holds_alternative<std::string>(value.node);
}

// `{a: 1, b: x}` when every value is a scalar, else "".
std::string flow_map(const YamlMap& map) {
  std::string out = "{";
  for (const auto& [key, value] : map) {
    if (!is_scalar(value)) return "";
    if (out.size() > 1) out += ", ";
    out += scenario::yaml_scalar(key, true) + ": " + scalar_text(value, true);
  }
  return out + "}";
}

// `[a, {b: c}]` when every item is a scalar or a flow map, else "".
std::string flow_list(const YamlList& list) {
  std::string out = "[";
  for (const auto& item : list) {
    const auto* map = std::get_if<YamlMap>(&item.node);
    std::string text = map ? flow_map(*map) : is_scalar(item) ? scalar_text(item, true) : "";
    if (text.empty()) return "";
    if (out.size() > 1) out += ", ";
    out += text;
  }
  return out + "]";
}

// Writes `value` after "key:" or "- " (`used` columns already on the line): inline when it is a
// scalar or fits in flow style, else on the following lines at `indent`.
void write_value(const Yaml& value, int indent, std::size_t used, std::string& out);

void write_map(const YamlMap& map, int indent, std::string& out) {
  for (const auto& [key, value] : map) {
    std::string head = std::string(static_cast<std::size_t>(indent), ' ') +
                       scenario::yaml_scalar(key, false) + ":";
    out += head;
    write_value(value, indent + 2, head.size(), out);
  }
}

void write_list(const YamlList& list, int indent, std::string& out) {
  for (const auto& item : list) {
    std::string dash = std::string(static_cast<std::size_t>(indent), ' ') + "- ";
    if (const auto* map = std::get_if<YamlMap>(&item.node); map && !map->empty()) {
      // The map's first key on the dash line, the others aligned with it.
      std::string rest;
      write_map(*map, indent + 2, rest);
      out += dash + rest.substr(static_cast<std::size_t>(indent) + 2);
      continue;
    }
    out += dash.substr(0, dash.size() - 1);
    write_value(item, indent + 2, dash.size() - 1, out);
  }
}

void write_value(const Yaml& value, int indent, std::size_t used, std::string& out) {
  if (is_scalar(value)) {
    out += " " + scalar_text(value, false) + "\n";
    return;
  }
  if (const auto* map = std::get_if<YamlMap>(&value.node)) {
    std::string flow = flow_map(*map);
    if (map->empty() || (!flow.empty() && used + 1 + flow.size() <= kFlowWidth)) {
      out += " " + (map->empty() ? std::string("{}") : flow) + "\n";
      return;
    }
    out += "\n";
    write_map(*map, indent, out);
    return;
  }
  const auto& list = std::get<YamlList>(value.node);
  std::string flow = flow_list(list);
  if (list.empty() || (!flow.empty() && used + 1 + flow.size() <= kFlowWidth)) {
    out += " " + (list.empty() ? std::string("[]") : flow) + "\n";
    return;
  }
  out += "\n";
  write_list(list, indent, out);
}

}  // namespace

std::string yaml_text(const Yaml& value, int indent) {
  std::string out;
  if (const auto* map = std::get_if<YamlMap>(&value.node)) {
    write_map(*map, indent, out);
  } else if (const auto* list = std::get_if<YamlList>(&value.node)) {
    write_list(*list, indent, out);
  } else {
    out = scalar_text(value, false) + "\n";
  }
  return out;
}

}  // namespace record
