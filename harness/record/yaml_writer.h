#pragma once
#include <string>
#include <utility>
#include <variant>
#include <vector>

// A small YAML tree in the shape scenarios are written (block maps and lists, short maps in flow
// style), and its text.
namespace record {

struct Yaml;
using YamlMap = std::vector<std::pair<std::string, Yaml>>;
using YamlList = std::vector<Yaml>;

struct Yaml {
  // A scalar holds its text (rendered quoted or plain as needed); `raw` scalars are written as
  // they are ({} for an empty map).
  std::variant<std::string, YamlMap, YamlList> node;
  bool raw = false;

  static Yaml scalar(std::string text) { return Yaml{std::move(text), false}; }
  static Yaml number(long value) { return Yaml{std::to_string(value), true}; }
  static Yaml empty_map() { return Yaml{std::string("{}"), true}; }
  static Yaml map(YamlMap entries) { return Yaml{std::move(entries), false}; }
  static Yaml list(YamlList items) { return Yaml{std::move(items), false}; }
};

// The text of `value` as the value of a key, or an item, indented by `indent` spaces; maps whose
// values are all scalars are written in flow style ({a: 1, b: x}) when the line stays short.
std::string yaml_text(const Yaml& value, int indent);

}  // namespace record
