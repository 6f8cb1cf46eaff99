#include <algorithm>

#include "harness/scenario/captures.h"
#include "harness/scenario/readers.h"
#include "harness/util/strings.h"

namespace scenario {

namespace {

// Adds the capture names saved in `vars` (recursively) to `saved`.
void add_variable_saves(const std::vector<VarExpect>& vars, std::vector<std::string>& saved) {
  for (const auto& var : vars) {
    if (var.save) saved.push_back(*var.save);
    add_variable_saves(var.children, saved);
  }
}

// The capture names `step` saves.
std::vector<std::string> saves_of(const Step& step) {
  std::vector<std::string> saved;
  if (const auto* evaluate = std::get_if<Evaluate>(&step.kind); evaluate && evaluate->save)
    saved.push_back(*evaluate->save);
  if (const auto* variables = std::get_if<ExpectVariables>(&step.kind))
    add_variable_saves(variables->vars, saved);
  return saved;
}

// True when a scalar value below `node` holds a `${name}`.
bool has_placeholder(const YAML::Node& node) {
  if (node.IsMap()) {
    for (const auto& pair : node)
      if (has_placeholder(pair.second)) return true;
    return false;
  }
  if (node.IsSequence()) {
    for (const auto& item : node)
      if (has_placeholder(item)) return true;
    return false;
  }
  return node.IsScalar() && !find_placeholders(node.Scalar()).empty();
}

// Reports the unknown placeholders of every scalar value below `node` (map keys are names, not
// values, and are not searched).
void check_node(Reader& reader, const YAML::Node& node, const std::vector<std::string>& saved) {
  if (node.IsMap()) {
    for (const auto& pair : node) check_node(reader, pair.second, saved);
    return;
  }
  if (node.IsSequence()) {
    for (const auto& item : node) check_node(reader, item, saved);
    return;
  }
  if (!node.IsScalar()) return;
  for (const auto& placeholder : find_placeholders(node.Scalar())) {
    if (placeholder.escape) continue;
    if (std::find(saved.begin(), saved.end(), placeholder.name) != saved.end()) continue;
    std::string message = "unknown capture '${" + placeholder.name + "}': no earlier step saves '" +
                          placeholder.name + "'";
    std::string close = util::did_you_mean(placeholder.name, saved);
    if (!close.empty())
      message += " (did you mean '" + close + "'?)";
    else if (!saved.empty())
      message += "; saved so far: " + util::join(saved, ", ");
    reader.error(reader.loc(node), std::move(message));
  }
}

}  // namespace

std::optional<std::string> read_capture_name(Reader& reader, const Entry& entry) {
  auto name = reader.string(entry);
  if (!name) return std::nullopt;
  const auto& builtins = builtin_captures();
  if (std::find(builtins.begin(), builtins.end(), *name) != builtins.end()) {
    reader.error(reader.value_loc(entry), "capture name '" + *name +
                                              "' is built in ('request' reads it as the id of the "
                                              "last stop's " +
                                              *name + ")");
    return std::nullopt;
  }
  if (is_capture_name(*name)) return name;
  reader.error(
      reader.value_loc(entry),
      "capture name '" + *name + "' must be letters, digits and '_', not starting with a digit");
  return std::nullopt;
}

void check_captures(Reader& reader, const YAML::Node& item, const Step* step,
                    std::vector<std::string>& saved) {
  static const std::vector<std::string> substituting = {
      "evaluate",      "set_variable", "expect_stop", "expect_variables",
      "expect_output", "expect_exit",  "request"};
  if (step &&
      std::find(substituting.begin(), substituting.end(), step->keyword) == substituting.end()) {
    if (has_placeholder(item)) {
      reader.error(step->loc, "'" + step->keyword + "' takes no captures (${name} works in " +
                                  util::join(substituting, ", ") + ")");
    }
  } else if (step && step->keyword == "request") {
    std::vector<std::string> known = saved;
    known.insert(known.end(), builtin_captures().begin(), builtin_captures().end());
    check_node(reader, item, known);
  } else {
    check_node(reader, item, saved);
  }
  if (!step) return;
  for (auto& name : saves_of(*step))
    if (std::find(saved.begin(), saved.end(), name) == saved.end()) saved.push_back(name);
}

}  // namespace scenario
