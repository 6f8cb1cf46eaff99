#include "harness/scenario/yaml_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <regex>

#include "harness/scenario/captures.h"
#include "harness/util/strings.h"

namespace scenario {
namespace {

constexpr std::size_t kMaxShownScalar = 40;
constexpr double kMaxSeconds = 7 * 24 * 3600;

bool is_plain(const YAML::Node& node) {
  return node.Tag() == "?";
}

std::optional<long long> plain_integer(const YAML::Node& node) {
  if (!node.IsScalar() || !is_plain(node)) return std::nullopt;
  std::string_view text = node.Scalar();
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::optional<double> plain_number(const YAML::Node& node) {
  static const std::regex number(R"(^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$)");
  if (!node.IsScalar() || !is_plain(node) || !std::regex_match(node.Scalar(), number))
    return std::nullopt;
  std::string_view text = node.Scalar();
  if (text[0] == '+') text.remove_prefix(1);
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<bool> plain_bool(const YAML::Node& node) {
  if (!node.IsScalar() || !is_plain(node)) return std::nullopt;
  const std::string& s = node.Scalar();
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  return std::nullopt;
}

// At most kMaxShownScalar bytes of `text`, cut on a UTF-8 boundary.
std::string shown(const std::string& text) {
  if (text.size() <= kMaxShownScalar) return util::quote(text);
  std::size_t cut = kMaxShownScalar;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return util::quote(text.substr(0, cut)) + "…";
}

std::string suggestion_or_list(std::string_view word, const std::vector<std::string>& candidates,
                               std::string_view list_label) {
  std::string close = util::did_you_mean(word, candidates);
  if (!close.empty()) return " (did you mean '" + close + "'?)";
  return "; " + std::string(list_label) + ": " + util::join(candidates, ", ");
}

// The lines of a text without their line ends ("\n" or "\r\n").
std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines = util::split(text, '\n');
  for (auto& line : lines)
    if (!line.empty() && line.back() == '\r') line.pop_back();
  return lines;
}

}  // namespace

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "map";
    case YAML::NodeType::Sequence:
      return "list";
    case YAML::NodeType::Scalar:
      break;
    default:
      return "null";
  }
  if (auto b = plain_bool(node)) return std::string("bool ") + (*b ? "true" : "false");
  if (plain_number(node)) return "number " + node.Scalar();
  return "string " + shown(node.Scalar());
}

nlohmann::json to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      auto object = nlohmann::json::object();
      for (auto it = node.begin(); it != node.end(); ++it)
        object[it->first.IsScalar() ? it->first.Scalar() : ""] = to_json(it->second);
      return object;
    }
    case YAML::NodeType::Sequence: {
      auto array = nlohmann::json::array();
      for (const auto& item : node) array.push_back(to_json(item));
      return array;
    }
    case YAML::NodeType::Scalar:
      break;
    default:
      return nullptr;
  }
  if (auto b = plain_bool(node)) return *b;
  if (auto i = plain_integer(node); i && std::to_string(*i) == node.Scalar()) return *i;
  return node.Scalar();
}

Reader::Reader(std::string file, std::string_view text)
    : file_(std::move(file)), lines_(split_lines(text)) {}

SourceLoc Reader::loc(const YAML::Node& node) const {
  YAML::Mark mark = node.Mark();
  if (mark.is_null() || mark.line < 0) return SourceLoc{file_, 0, 0};
  return SourceLoc{file_, mark.line + 1, mark.column + 1};
}

SourceLoc Reader::key_loc(const Entry& entry) const {
  return loc(entry.key_node);
}

bool Reader::null_written_at(const YAML::Node& node) const {
  SourceLoc at = loc(node);
  if (at.line < 1 || at.line > static_cast<int>(lines_.size())) return false;
  std::string_view line = lines_[at.line - 1];
  if (static_cast<std::size_t>(at.col - 1) >= line.size()) return false;
  std::string_view rest = line.substr(at.col - 1);
  return util::starts_with(rest, "~") || util::starts_with(rest, "null") ||
         util::starts_with(rest, "Null") || util::starts_with(rest, "NULL");
}

SourceLoc Reader::value_loc(const Entry& entry) const {
  if (entry.value.IsNull() && !null_written_at(entry.value)) return key_loc(entry);
  return loc(entry.value);
}

SourceLoc Reader::item_loc(const YAML::Node& list, const YAML::Node& item) const {
  if (item.IsNull() && !null_written_at(item)) return loc(list);
  return loc(item);
}

Diagnostic Reader::diagnostic(const SourceLoc& where, std::string message) const {
  std::string line;
  if (where.line >= 1 && where.line <= static_cast<int>(lines_.size()))
    line = lines_[where.line - 1];
  return Diagnostic{where, std::move(message), std::move(line)};
}

void Reader::error(const SourceLoc& where, std::string message) {
  diagnostics_.push_back(diagnostic(where, std::move(message)));
}

std::vector<Diagnostic> Reader::take_diagnostics() {
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::pair(a.loc.line, a.loc.col) < std::pair(b.loc.line, b.loc.col);
                   });
  return std::move(diagnostics_);
}

void Reader::missing(const SourceLoc& where, std::string_view key, std::string_view owner) {
  std::string message = "missing required key '" + std::string(key) + "'";
  if (!owner.empty()) message += " in " + std::string(owner);
  error(where, std::move(message));
}

std::vector<Entry> Reader::entries(const YAML::Node& map, const std::vector<std::string>* allowed,
                                   std::string_view owner) {
  std::vector<Entry> out;
  std::map<std::string, SourceLoc> seen;
  for (auto it = map.begin(); it != map.end(); ++it) {
    Entry entry{"", it->first, it->second};
    if (!entry.key_node.IsScalar()) {
      error(loc(entry.key_node), "a key must be a scalar, got " + describe(entry.key_node));
      continue;
    }
    entry.key = entry.key_node.Scalar();
    SourceLoc at = key_loc(entry);
    if (auto first = seen.find(entry.key); first != seen.end()) {
      error(at, "duplicate key '" + entry.key + "' (first at " +
                    std::to_string(first->second.line) + ":" + std::to_string(first->second.col) +
                    ")");
      continue;
    }
    seen.emplace(entry.key, at);
    if (allowed && std::find(allowed->begin(), allowed->end(), entry.key) == allowed->end()) {
      std::string message = "unknown key '" + entry.key + "'";
      if (allowed->empty())
        message += ": '" + std::string(owner) + "' takes no keys";
      else
        message += suggestion_or_list(entry.key, *allowed, "allowed keys");
      error(at, std::move(message));
      continue;
    }
    out.push_back(std::move(entry));
  }
  return out;
}

std::optional<std::vector<Entry>> Reader::map_value(const Entry& entry,
                                                    const std::vector<std::string>* allowed) {
  if (entry.value.IsNull()) return std::vector<Entry>{};
  if (!entry.value.IsMap()) {
    error(value_loc(entry), "'" + entry.key + "' must be a map, got " + describe(entry.value));
    return std::nullopt;
  }
  return entries(entry.value, allowed, entry.key);
}

std::optional<std::string> Reader::string(const Entry& entry) {
  if (entry.value.IsScalar()) return entry.value.Scalar();
  error(value_loc(entry), "'" + entry.key + "' must be a string, got " + describe(entry.value));
  return std::nullopt;
}

std::optional<int> Reader::integer(const Entry& entry, int min) {
  auto value = plain_integer(entry.value);
  if (!value || *value < INT32_MIN || *value > INT32_MAX) {
    error(value_loc(entry), "'" + entry.key + "' must be an integer, got " + describe(entry.value));
    return std::nullopt;
  }
  if (*value < min) {
    error(value_loc(entry), "'" + entry.key + "' must be at least " + std::to_string(min) +
                                ", got " + std::to_string(*value));
    return std::nullopt;
  }
  return static_cast<int>(*value);
}

std::optional<bool> Reader::boolean(const Entry& entry) {
  if (auto value = plain_bool(entry.value)) return value;
  error(value_loc(entry),
        "'" + entry.key + "' must be true or false, got " + describe(entry.value));
  return std::nullopt;
}

std::optional<util::Duration> Reader::seconds(const Entry& entry) {
  auto value = plain_number(entry.value);
  if (!value || !(*value > 0)) {
    error(value_loc(entry), "'" + entry.key + "' must be a number of seconds greater than 0, got " +
                                describe(entry.value));
    return std::nullopt;
  }
  if (*value > kMaxSeconds) {
    error(value_loc(entry), "'" + entry.key + "' must be at most " +
                                std::to_string(static_cast<int>(kMaxSeconds)) + " seconds, got " +
                                describe(entry.value));
    return std::nullopt;
  }
  return util::Duration(std::max<long long>(1, std::llround(*value * 1000)));
}

std::optional<std::vector<std::string>> Reader::strings(const Entry& entry) {
  if (entry.value.IsNull()) return std::vector<std::string>{};
  if (!entry.value.IsSequence()) {
    error(value_loc(entry),
          "'" + entry.key + "' must be a list of strings, got " + describe(entry.value));
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (const auto& item : entry.value) {
    if (item.IsScalar()) {
      out.push_back(item.Scalar());
      continue;
    }
    error(item_loc(entry.value, item),
          "'" + entry.key + "' must be a list of strings, got a " + describe(item) + " item");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::string> Reader::choice(const Entry& entry,
                                          const std::vector<std::string>& choices,
                                          std::string_view what) {
  auto text = string(entry);
  if (!text) return std::nullopt;
  if (std::find(choices.begin(), choices.end(), *text) != choices.end()) return text;
  error(value_loc(entry), "unknown " + std::string(what) + " '" + *text + "'" +
                              suggestion_or_list(*text, choices, std::string(what) + "s"));
  return std::nullopt;
}

std::optional<match::Matcher> Reader::operator_matcher(const Entry& op_entry) {
  const auto& ops = match::Matcher::op_names();
  bool known = std::find(ops.begin(), ops.end(), op_entry.key) != ops.end();
  nlohmann::json operand = to_json(op_entry.value);
  // With `${name}` placeholders the operand is final only at run time: check it with each
  // placeholder standing for "0", keep it uncompiled.
  std::vector<Placeholder> placeholders;
  if (known && operand.is_string()) placeholders = find_placeholders(operand.get<std::string>());
  std::map<std::string, std::string> samples;
  for (const auto& placeholder : placeholders) samples[placeholder.name] = "0";
  nlohmann::json sample = operand;
  if (!placeholders.empty()) sample = *substitute(operand.get<std::string>(), samples);
  auto made = match::Matcher::make(op_entry.key, sample, key_loc(op_entry));
  if (made && !placeholders.empty())
    return match::Matcher::uncompiled(made->op(), operand, key_loc(op_entry));
  if (made) return std::move(made).value();
  // An unknown operator is the key's fault; a bad operand (or regex) is the value's.
  error(known ? value_loc(op_entry) : key_loc(op_entry), made.error().message);
  return std::nullopt;
}

std::optional<match::Matcher> Reader::matcher(const Entry& entry) {
  const auto& ops = matcher_keywords();
  if (entry.value.IsScalar()) return match::Matcher::eq(to_json(entry.value), loc(entry.value));
  if (!entry.value.IsMap()) {
    error(value_loc(entry), "'" + entry.key + "' must be a scalar or a map with one operator (" +
                                util::join(ops, ", ") + "), got " + describe(entry.value));
    return std::nullopt;
  }
  std::vector<Entry> pairs = entries(entry.value, nullptr);
  const Entry* chosen = nullptr;
  bool ok = true;
  for (const auto& pair : pairs) {
    if (std::find(ops.begin(), ops.end(), pair.key) == ops.end()) {
      operator_matcher(pair);  // reports the unknown operator
      ok = false;
      continue;
    }
    if (chosen) {
      error(key_loc(pair), "a matcher takes exactly one operator, got '" + chosen->key + "' and '" +
                               pair.key + "'");
      ok = false;
      continue;
    }
    chosen = &pair;
  }
  if (!ok) return std::nullopt;
  if (!chosen) {
    if (pairs.size() == entry.value.size())  // nothing reported yet
      error(value_loc(entry), "'" + entry.key + "' needs one operator (" + util::join(ops, ", ") +
                                  "), got an empty map");
    return std::nullopt;
  }
  if (is_combinator(chosen->key)) return combined_matcher(*chosen);
  return operator_matcher(*chosen);
}

}  // namespace scenario
