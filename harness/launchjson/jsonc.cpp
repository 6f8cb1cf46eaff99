#include "harness/launchjson/jsonc.h"

#include "harness/util/strings.h"

namespace launchjson {

namespace {

class Parser {
 public:
  Parser(std::string_view text, const std::string& file, Document& doc)
      : text_(text), file_(file), doc_(doc) {}

  util::Expected<void> parse() {
    // A UTF-8 byte-order mark (Windows editors write one; VS Code reads past it) is not text.
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    skip_space();
    auto value = parse_value("");
    if (!value) return util::fail(value.error());
    doc_.value = std::move(*value);
    skip_space();
    if (pos_ < text_.size()) return error("unexpected text after the end of the document");
    return {};
  }

 private:
  util::SourceLoc loc() const { return util::SourceLoc{file_, line_, col_}; }

  util::Unexpected error(std::string message) const {
    return util::fail(util::ErrorKind::InvalidScenario, std::move(message), loc());
  }

  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

  void advance() {
    if (text_[pos_] == '\n') {
      ++line_;
      col_ = 1;
    } else if ((static_cast<unsigned char>(text_[pos_]) & 0xC0) != 0x80) {
      ++col_;  // count characters, not UTF-8 continuation bytes
    }
    ++pos_;
  }

  // Skips white space and comments. An unterminated block comment is left for the caller to
  // find at the end of the text.
  void skip_space() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        advance();
      } else if (c == '/' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '/') {
        while (pos_ < text_.size() && text_[pos_] != '\n') advance();
      } else if (c == '/' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '*') {
        auto end = text_.find("*/", pos_ + 2);
        auto stop = end == std::string_view::npos ? text_.size() : end + 2;
        while (pos_ < stop) advance();
      } else {
        return;
      }
    }
  }

  util::Expected<nlohmann::json> parse_value(const std::string& pointer) {
    doc_.positions[pointer] = loc();
    if (++depth_ > kMaxDepth) return error("nesting deeper than 200 levels");
    struct Leave {
      int& depth;
      ~Leave() { --depth; }
    } leave{depth_};
    char c = peek();
    if (c == '{') return parse_object(pointer);
    if (c == '[') return parse_array(pointer);
    if (c == '"') {
      auto s = parse_string();
      if (!s) return util::fail(s.error());
      return nlohmann::json(std::move(*s));
    }
    if (c == '-' || (c >= '0' && c <= '9')) return parse_number();
    for (auto [word, value] :
         {std::pair{"true", nlohmann::json(true)}, std::pair{"false", nlohmann::json(false)},
          std::pair{"null", nlohmann::json(nullptr)}}) {
      std::string_view w(word);
      if (text_.substr(pos_, w.size()) == w) {
        for (std::size_t i = 0; i < w.size(); ++i) advance();
        return value;
      }
    }
    if (pos_ >= text_.size()) return error("unexpected end of the document, expected a value");
    return error(std::string("unexpected character '") + c + "', expected a value");
  }

  util::Expected<nlohmann::json> parse_object(const std::string& pointer) {
    advance();  // {
    nlohmann::json object = nlohmann::json::object();
    while (true) {
      skip_space();
      if (peek() == '}') {  // empty object, or a trailing comma before it
        advance();
        return object;
      }
      if (peek() != '"') return error("expected a member name in double quotes or '}'");
      util::SourceLoc key_loc = loc();
      auto key = parse_string();
      if (!key) return util::fail(key.error());
      doc_.key_positions[pointer + "/" + pointer_token(*key)] = key_loc;
      skip_space();
      if (peek() != ':') return error("expected ':' after the member name");
      advance();
      skip_space();
      auto value = parse_value(pointer + "/" + pointer_token(*key));
      if (!value) return value;
      object[*key] = std::move(*value);
      skip_space();
      if (peek() == ',') {
        advance();
        continue;
      }
      if (peek() == '}') {
        advance();
        return object;
      }
      return error("expected ',' or '}' after an object member");
    }
  }

  util::Expected<nlohmann::json> parse_array(const std::string& pointer) {
    advance();  // [
    nlohmann::json array = nlohmann::json::array();
    while (true) {
      skip_space();
      if (peek() == ']') {
        advance();
        return array;
      }
      auto value = parse_value(pointer + "/" + std::to_string(array.size()));
      if (!value) return value;
      array.push_back(std::move(*value));
      skip_space();
      if (peek() == ',') {
        advance();
        continue;
      }
      if (peek() == ']') {
        advance();
        return array;
      }
      return error("expected ',' or ']' after an array element");
    }
  }

  util::Expected<std::string> parse_string() {
    advance();  // "
    std::string out;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == '"') {
        advance();
        return out;
      }
      if (c == '\n') return error("unterminated string");
      if (c == '\\') {
        advance();
        if (pos_ >= text_.size()) break;
        char e = text_[pos_];
        const std::string_view simple = "\"\\/bfnrt";
        const char* replacement = "\"\\/\b\f\n\r\t";
        if (auto at = simple.find(e); at != std::string_view::npos) {
          out += replacement[at];
          advance();
          continue;
        }
        if (e != 'u') return error(std::string("invalid escape '\\") + e + "' in a string");
        // \uXXXX, with surrogate pairs; decoded through nlohmann to keep one implementation.
        std::size_t len = 5;  // uXXXX, or uXXXX\uXXXX for a surrogate pair
        auto hex = [&](std::size_t i) { return pos_ + i < text_.size() ? text_[pos_ + i] : '\0'; };
        bool high_surrogate = (hex(1) == 'd' || hex(1) == 'D') &&
                              std::string_view("89abAB").find(hex(2)) != std::string_view::npos;
        if (high_surrogate && hex(5) == '\\' && hex(6) == 'u') len = 11;
        auto piece = nlohmann::json::parse("\"\\" + std::string(text_.substr(pos_, len)) + "\"",
                                           nullptr, false);
        if (piece.is_discarded()) return error("invalid \\u escape in a string");
        out += piece.get<std::string>();
        for (std::size_t i = 0; i < len; ++i) advance();
        continue;
      }
      out += c;
      advance();
    }
    return error("unterminated string");
  }

  util::Expected<nlohmann::json> parse_number() {
    std::size_t start = pos_;
    while (pos_ < text_.size() &&
           std::string_view("+-0123456789.eE").find(text_[pos_]) != std::string_view::npos) {
      advance();
    }
    auto number = nlohmann::json::parse(text_.substr(start, pos_ - start), nullptr, false);
    if (number.is_discarded() || !number.is_number()) return error("invalid number");
    return number;
  }

  static constexpr int kMaxDepth = 200;
  std::string_view text_;
  const std::string& file_;
  Document& doc_;
  std::size_t pos_ = 0;
  int line_ = 1;
  int col_ = 1;
  int depth_ = 0;
};

}  // namespace

util::SourceLoc Document::where(const std::string& pointer) const {
  auto it = positions.find(pointer);
  if (it != positions.end()) return it->second;
  auto root = positions.find("");
  return root != positions.end() ? root->second : util::SourceLoc{};
}

util::SourceLoc Document::where_key(const std::string& pointer) const {
  auto it = key_positions.find(pointer);
  return it != key_positions.end() ? it->second : where(pointer);
}

std::string pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

util::Expected<Document> parse_jsonc(std::string_view text, const std::string& file) {
  // Strings that are not UTF-8 would throw later, when a value is sent to dlv (found by
  // jsonc_fuzz): such a file is refused here, at the first bad byte.
  if (auto at = util::find_not_text(text)) {
    return util::fail(util::ErrorKind::InvalidScenario,
                      std::string("not a UTF-8 text file (") + at->what + ")",
                      util::SourceLoc{file, at->line, at->col});
  }
  Document doc;
  Parser parser(text, file, doc);
  auto parsed = parser.parse();
  if (!parsed) return util::fail(parsed.error());
  return doc;
}

}  // namespace launchjson
