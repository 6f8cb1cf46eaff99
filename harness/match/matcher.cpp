#include "harness/match/matcher.h"

#include <algorithm>

#include "harness/util/strings.h"

namespace match {
namespace {

constexpr std::size_t kMaxActualBytes = 200;

// Names people reach for from other tools, mapped to our operator.
std::string synonym_of(std::string_view op) {
  static const std::vector<std::pair<std::string_view, std::string>> synonyms = {
      {"startswith", "prefix"}, {"starts_with", "prefix"},
      {"startsWith", "prefix"}, {"begins_with", "prefix"},
      {"regex", "matches"},     {"regexp", "matches"},
      {"match", "matches"},     {"equals", "eq"},
      {"equal", "eq"},          {"is", "eq"},
      {"includes", "contains"}, {"has", "contains"},
      {"substring", "contains"}};
  for (const auto& [word, op_name] : synonyms)
    if (word == op) return op_name;
  return "";
}

// The JSON type of a non-scalar operand, as scenario authors call it.
std::string type_word(const nlohmann::json& value) {
  if (value.is_object()) return "map";
  if (value.is_array()) return "list";
  if (value.is_null()) return "null";
  return "scalar";
}

// `text` cut to at most `limit` bytes on a UTF-8 boundary, with the rest counted.
std::string shorten(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…(" + std::to_string(text.size() - cut) + " more bytes)";
}

// The actual value as shown in a mismatch: strings quoted, missing values named.
std::string actual_text(const nlohmann::json& actual) {
  if (actual.is_null()) return "nothing";
  if (actual.is_string()) return util::quote(actual.get_ref<const std::string&>());
  if (actual.is_structured()) return actual.dump();
  return scalar_text(actual);
}

}  // namespace

std::string scalar_text(const nlohmann::json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

std::string Mismatch::str() const {
  std::string out = where.known() ? where.str() + ": " : "";
  return out + path + ": expected " + expected + ", got " + shorten(actual, kMaxActualBytes);
}

const std::vector<std::string>& Matcher::op_names() {
  static const std::vector<std::string> names = {"eq", "matches", "prefix", "contains"};
  return names;
}

util::Expected<Matcher> Matcher::make(std::string_view op, const nlohmann::json& operand,
                                      util::SourceLoc loc) {
  static const Op ops[] = {Op::Eq, Op::Matches, Op::Prefix, Op::Contains};
  const auto& names = op_names();
  std::size_t index = 0;
  while (index < names.size() && names[index] != op) ++index;
  if (index == names.size()) {
    std::string message = "unknown matcher '" + std::string(op) + "'";
    std::string close = synonym_of(op);
    if (close.empty()) close = util::did_you_mean(op, names);
    message += close.empty() ? "; operators: " + util::join(names, ", ")
                             : " (did you mean '" + close + "'?)";
    return util::fail(util::ErrorKind::InvalidScenario, std::move(message), std::move(loc));
  }
  if (!operand.is_primitive() || operand.is_null())
    return util::fail(
        util::ErrorKind::InvalidScenario,
        "operand of '" + std::string(op) + "' must be a scalar, got " + type_word(operand),
        std::move(loc));
  Matcher matcher(ops[index], operand, loc);
  if (matcher.op_ == Op::Matches) {
    auto regex = Regex::compile(matcher.text_);
    if (!regex)
      return util::fail(
          util::ErrorKind::InvalidScenario,
          "invalid regular expression /" + matcher.text_ + "/: " + regex.error().message,
          std::move(loc));
    matcher.regex_ = std::move(*regex);
  }
  return matcher;
}

Matcher Matcher::eq(const nlohmann::json& operand, util::SourceLoc loc) {
  return Matcher(Op::Eq, operand, std::move(loc));
}

Matcher Matcher::uncompiled(Op op, const nlohmann::json& operand, util::SourceLoc loc) {
  return Matcher(op, operand, std::move(loc));
}

Matcher Matcher::absent(util::SourceLoc loc) {
  return Matcher(Op::Absent, nlohmann::json(), std::move(loc));
}

Matcher Matcher::any_of(std::vector<Matcher> parts, util::SourceLoc loc, std::string unmet) {
  Matcher m(Op::AnyOf, nlohmann::json(), std::move(loc));
  m.parts_ = std::move(parts);
  m.text_ = std::move(unmet);
  return m;
}

Matcher Matcher::all_of(std::vector<Matcher> parts, util::SourceLoc loc) {
  Matcher m(Op::AllOf, nlohmann::json(), std::move(loc));
  m.parts_ = std::move(parts);
  return m;
}

Matcher Matcher::none_of(std::vector<Matcher> parts, util::SourceLoc loc) {
  Matcher m(Op::NoneOf, nlohmann::json(), std::move(loc));
  m.parts_ = std::move(parts);
  return m;
}

Matcher Matcher::with_parts(std::vector<Matcher> parts) const {
  Matcher m = *this;
  m.parts_ = std::move(parts);
  return m;
}

Matcher::Matcher(Op op, nlohmann::json operand, util::SourceLoc loc)
    : op_(op), operand_(std::move(operand)), text_(scalar_text(operand_)), loc_(std::move(loc)) {}

bool Matcher::matches(const nlohmann::json& actual) const {
  auto part_matches = [&actual](const Matcher& part) { return part.matches(actual); };
  switch (op_) {
    case Op::Absent:
      return actual.is_null();
    case Op::AnyOf:
      return std::any_of(parts_.begin(), parts_.end(), part_matches);
    case Op::AllOf:
      return std::all_of(parts_.begin(), parts_.end(), part_matches);
    case Op::NoneOf:  // like the text operators, it needs a value: a missing one fails
      return !actual.is_null() && std::none_of(parts_.begin(), parts_.end(), part_matches);
    default:
      break;
  }
  if (actual.is_null()) return false;
  const std::string text = actual.is_structured() ? actual.dump() : scalar_text(actual);
  switch (op_) {
    case Op::Eq:
      return text == text_;
    case Op::Prefix:
      return util::starts_with(text, text_);
    case Op::Contains:
      return text.find(text_) != std::string::npos;
    case Op::Matches:
      return regex_ && regex_->search(text);
    default:
      return false;
  }
}

std::optional<Mismatch> Matcher::check(const nlohmann::json& actual, std::string_view path) const {
  if (matches(actual)) return std::nullopt;
  return Mismatch{loc_,
                  std::string(path),
                  describe(),
                  actual_text(actual),
                  op_ == Op::Eq ? operand_ : nlohmann::json(),
                  actual,
                  op_ == Op::AnyOf};
}

std::string Matcher::describe() const {
  switch (op_) {
    case Op::Eq:
      return operand_.is_string() ? util::quote(text_) : text_;
    case Op::Prefix:
      return "prefix " + util::quote(text_);
    case Op::Contains:
      return "contains " + util::quote(text_);
    case Op::Matches:
      return "matches /" + text_ + "/";
    case Op::Absent:
      return "absent";
    case Op::AnyOf:
    case Op::AllOf:
    case Op::NoneOf: {
      if (parts_.empty()) return text_;
      std::vector<std::string> described;
      for (const auto& part : parts_) described.push_back(part.describe());
      if (op_ == Op::AllOf) return "all of (" + util::join(described, ", ") + ")";
      return (op_ == Op::AnyOf ? "any of (" : "none of (") + util::join(described, " | ") + ")";
    }
  }
  return text_;
}

}  // namespace match
