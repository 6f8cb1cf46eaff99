#include "harness/scenario/stray_comma.h"

#include <algorithm>

namespace scenario {
namespace {

bool blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// One pass over the text, a character at a time, tracking just enough YAML to know whether a
// comma starts a token outside a flow collection.
class CommaScan {
 public:
  explicit CommaScan(std::string_view text) : text_(text) {}

  // The offset of the first stray comma, if any.
  std::optional<std::size_t> find() {
    for (i_ = 0; i_ < text_.size(); ++i_) {
      if (i_ == line_begin_ && skip_at_line_start()) continue;
      if (scan_character()) return i_;
    }
    return std::nullopt;
  }

  int line() const { return line_; }
  std::size_t line_begin() const { return line_begin_; }

 private:
  enum class Before { LineStart, Indicator, Token, Plain };  // what precedes, on this line

  void new_line_at(std::size_t newline) {
    ++line_;
    line_begin_ = newline + 1;
  }

  // Moves i_ to the last character before the end of this line.
  void skip_to_line_end() { i_ = std::min(text_.find('\n', i_), text_.size()) - 1; }

  // At the start of a line: skips a line of block scalar content or a document marker.
  bool skip_at_line_start() {
    std::size_t indent = std::min(text_.find_first_not_of(" \t", i_), text_.size());
    bool empty = indent == text_.size() || text_[indent] == '\n' || text_[indent] == '\r';
    if (in_block_ && (empty || indent - i_ > block_indent_)) {  // block scalar content
      i_ = std::min(text_.find('\n', i_), text_.size() - 1);
      new_line_at(i_);
      return true;
    }
    in_block_ = false;
    std::string_view head = text_.substr(i_, 4);
    if ((head.substr(0, 3) == "---" || head.substr(0, 3) == "...") &&
        (head.size() == 3 || blank(head[3]))) {
      i_ += 2;  // a document marker: what follows starts a document
      return true;
    }
    return false;
  }

  // Moves i_ to the closing quote of the scalar that opens at i_ (or to the end of the text).
  // In double quotes a backslash escapes the next character, a line break included; in single
  // quotes '' stands for one quote.
  void skip_quoted(char quote) {
    for (++i_; i_ < text_.size(); ++i_) {
      char c = text_[i_];
      if (quote == '"' && c == '\\' && i_ + 1 < text_.size()) {
        if (text_[++i_] == '\n') new_line_at(i_);
      } else if (c == '\n') {
        new_line_at(i_);
      } else if (c == quote) {
        if (quote == '\'' && i_ + 1 < text_.size() && text_[i_ + 1] == '\'') {
          ++i_;
          continue;
        }
        return;
      }
    }
  }

  // Consumes the character at i_; true when it is a stray comma.
  bool scan_character() {
    char c = text_[i_];
    bool after_value = before_ == Before::Plain;
    if (c == '\n') {
      new_line_at(i_);
      before_ = Before::LineStart;
    } else if (c == ' ' || c == '\t' || c == '\r') {
      return false;
    } else if (c == '#' && (i_ == line_begin_ || blank(text_[i_ - 1]))) {
      skip_to_line_end();  // a comment
    } else if ((c == '"' || c == '\'') && !after_value) {
      skip_quoted(c);
      before_ = Before::Token;
    } else if ((c == '[' || c == '{') && !after_value) {
      ++depth_;
      before_ = Before::Indicator;
    } else if ((c == ']' || c == '}') && depth_ > 0) {
      --depth_;
      before_ = Before::Token;
    } else if (c == ',' && depth_ > 0) {
      before_ = Before::Indicator;
    } else if (c == ',' && !after_value) {
      return true;
    } else if ((c == '!' || c == '&') && !after_value) {
      while (i_ + 1 < text_.size() && !blank(text_[i_ + 1]) && text_[i_ + 1] != ',') ++i_;
      before_ = Before::Token;  // a tag or an anchor
    } else if ((c == '|' || c == '>') && !after_value && depth_ == 0) {
      std::size_t indent = text_.find_first_not_of(" \t", line_begin_);
      in_block_ = true;
      block_indent_ = indent - line_begin_;  // the lines indented deeper are its content
      skip_to_line_end();
    } else if ((c == ':' || c == '-' || c == '?') &&
               (i_ + 1 == text_.size() || blank(text_[i_ + 1]))) {
      before_ = Before::Indicator;
    } else if (c == ':' && before_ == Before::Token) {
      before_ = Before::Indicator;  // after a quoted key or a collection: {"k":"v"}
    } else {
      before_ = Before::Plain;
    }
    return false;
  }

  std::string_view text_;
  std::size_t i_ = 0;
  Before before_ = Before::LineStart;
  int depth_ = 0, line_ = 1;
  std::size_t line_begin_ = 0;
  bool in_block_ = false;         // inside a block scalar
  std::size_t block_indent_ = 0;  // its parent's indentation
};

}  // namespace

std::optional<Diagnostic> find_stray_comma(const std::string& file, std::string_view text) {
  CommaScan scan(text);
  auto at = scan.find();
  if (!at) return std::nullopt;
  std::size_t begin = scan.line_begin();
  return Diagnostic{SourceLoc{file, scan.line(), static_cast<int>(*at - begin) + 1},
                    "a ',' cannot start a value outside [ ] or { } (yaml-cpp 0.7 may never "
                    "return from it); put it inside the list or quote the value",
                    std::string(text.substr(begin, text.find('\n', begin) - begin))};
}

}  // namespace scenario
