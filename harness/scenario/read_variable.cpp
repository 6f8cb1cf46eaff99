#include "harness/scenario/readers.h"

namespace scenario {

std::optional<VarExpect> read_variable(Reader& reader, const Entry& entry) {
  static const std::vector<std::string> keys = {"value",   "type",  "count",
                                                "indexed", "named", "children"};
  VarExpect var;
  var.name = entry.key;
  var.loc = reader.key_loc(entry);
  if (!entry.value.IsNull() && !entry.value.IsMap()) {
    reader.error(reader.value_loc(entry),
                 "variable '" + entry.key +
                     "' must be a map of expectations (value, type, count, indexed, named, "
                     "children), got " +
                     describe(entry.value));
    return std::nullopt;
  }
  auto pairs = reader.map_value(entry, &keys);
  if (!pairs) return std::nullopt;
  for (const auto& pair : *pairs) {
    if (pair.key == "children") {
      auto children = reader.map_value(pair, nullptr);
      if (!children) continue;
      for (const auto& child : *children)
        if (auto expect = read_variable(reader, child)) var.children.push_back(std::move(*expect));
      continue;
    }
    auto matcher = reader.matcher(pair);
    if (pair.key == "value") var.value = std::move(matcher);
    if (pair.key == "type") var.type = std::move(matcher);
    if (pair.key == "count") var.count = std::move(matcher);
    if (pair.key == "indexed") var.indexed = std::move(matcher);
    if (pair.key == "named") var.named = std::move(matcher);
  }
  return var;
}

}  // namespace scenario
