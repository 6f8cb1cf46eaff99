#include "harness/scenario/scalar_edit.h"

#include <algorithm>
#include <optional>

#include "harness/match/matcher.h"
#include "harness/util/strings.h"

namespace scenario {

namespace {

enum class Style { Plain, SingleQuoted, DoubleQuoted };

// One scalar as it is written: where its bytes are, how it is quoted, what it reads as.
struct WrittenScalar {
  std::size_t begin = 0;
  std::size_t end = 0;  // one past the last byte
  Style style = Style::Plain;
  bool in_flow = false;  // inside { } or [ ] on its line
  std::string value;
};

// Byte offset of the start of 1-based `line`, or npos.
std::size_t line_start(std::string_view text, int line) {
  std::size_t at = 0;
  for (int l = 1; l < line; ++l) {
    at = text.find('\n', at);
    if (at == std::string_view::npos) return at;
    ++at;
  }
  return at;
}

// Whether the line prefix [from, to) leaves a { or [ open (quotes skipped).
// Follows quoted scalars through `text`: true when text[i] opens, is inside or closes one
// (`quote` the open quote, `i` moved past a backslash escape).
bool quoted_at(std::string_view text, std::size_t& i, char& quote) {
  char c = text[i];
  if (quote) {
    if (c == '\\' && quote == '"')
      ++i;
    else if (c == quote)
      quote = 0;
    return true;
  }
  if (c != '"' && c != '\'') return false;
  quote = c;
  return true;
}

bool opens_flow(std::string_view text, std::size_t from, std::size_t to) {
  int depth = 0;
  char quote = 0;
  for (std::size_t i = from; i < to; ++i) {
    char c = text[i];
    if (quoted_at(text, i, quote)) continue;
    if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return depth > 0;
}

int hex_value(std::string_view digits) {
  int v = 0;
  for (char c : digits) {
    v *= 16;
    if (c >= '0' && c <= '9')
      v += c - '0';
    else if (c >= 'a' && c <= 'f')
      v += c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      v += c - 'A' + 10;
    else
      return -1;
  }
  return v;
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The value of the double-quoted body `body` (without the quotes); nullopt for an escape this
// editor does not know.
std::optional<std::string> decode_double(std::string_view body) {
  std::string out;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\\') {
      out += body[i];
      continue;
    }
    if (++i >= body.size()) return std::nullopt;
    char e = body[i];
    std::size_t width = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
    if (width) {
      if (i + width >= body.size()) return std::nullopt;
      int cp = hex_value(body.substr(i + 1, width));
      if (cp < 0) return std::nullopt;
      append_utf8(out, static_cast<unsigned>(cp));
      i += width;
      continue;
    }
    static const std::string_view from = "0abtnvfre \"/\\";
    static const std::string_view to = std::string_view("\0\a\b\t\n\v\f\r\x1b \"/\\", 13);
    auto at = from.find(e);
    if (at == std::string_view::npos) return std::nullopt;
    out += to[at];
  }
  return out;
}

// The scalar written at `at` in `text`, or why it cannot be rewritten.
util::Expected<WrittenScalar> scalar_at(std::string_view text, const util::SourceLoc& at) {
  auto refuse = [&](std::string why) {
    return util::fail(util::ErrorKind::InvalidScenario, std::move(why));
  };
  std::size_t start = line_start(text, at.line);
  if (start == std::string_view::npos || at.col < 1) return refuse("no such position");
  std::size_t eol = std::min(text.find('\n', start), text.size());
  std::size_t p = start + static_cast<std::size_t>(at.col - 1);
  if (p >= eol)
    return refuse("no value at " + std::to_string(at.line) + ":" + std::to_string(at.col));
  WrittenScalar s;
  s.begin = p;
  s.in_flow = opens_flow(text, start, p);
  char c = text[p];
  if (c == '|' || c == '>') return refuse("a block scalar (| or >) is left as written");
  if (c == '"') {
    std::size_t i = p + 1;
    while (i < eol && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
    if (i >= eol) return refuse("a quoted value that spans lines is left as written");
    auto value = decode_double(text.substr(p + 1, i - p - 1));
    if (!value) return refuse("an escape sequence this editor does not read");
    s.style = Style::DoubleQuoted;
    s.end = i + 1;
    s.value = std::move(*value);
  } else if (c == '\'') {
    std::size_t i = p + 1;
    for (; i < eol; ++i) {
      if (text[i] != '\'') {
        s.value += text[i];
      } else if (i + 1 < eol && text[i + 1] == '\'') {
        s.value += '\'';
        ++i;
      } else {
        break;
      }
    }
    if (i >= eol) return refuse("a quoted value that spans lines is left as written");
    s.style = Style::SingleQuoted;
    s.end = i + 1;
  } else {
    std::size_t i = p;
    for (; i < eol; ++i) {
      char d = text[i];
      if (d == '#' && i > p && (text[i - 1] == ' ' || text[i - 1] == '\t')) break;
      if (s.in_flow && (d == ',' || d == ']' || d == '}')) break;
    }
    while (i > p && (text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '\r')) --i;
    s.end = i;
    s.value = std::string(text.substr(p, i - p));
  }
  return s;
}

// YAML's double-quoted form: util::quote's escapes (\" \\ \n \t \r \xHH) are YAML escapes too.
std::string double_quoted(const std::string& value) {
  return util::quote(value);
}

std::string single_quoted(const std::string& value) {
  std::string out = "'";
  for (char c : value) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

bool has_control(const std::string& value) {
  return std::any_of(value.begin(), value.end(),
                     [](unsigned char c) { return c < 0x20 || c == 0x7F; });
}

// Whether `value` written plain reads back as the same text (the loader turns plain scalars
// into strings, integers or bools, whose text is what was written; null spellings are not).
bool plain_safe(const std::string& value, bool in_flow) {
  if (value.empty() || has_control(value)) return false;
  if (value.front() == ' ' || value.back() == ' ' || value.back() == ':') return false;
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(value.front()) != std::string_view::npos)
    return false;
  if (value.find(": ") != std::string::npos || value.find(" #") != std::string::npos) return false;
  if (in_flow && value.find_first_of(",[]{}") != std::string::npos) return false;
  return value != "~" && value != "null" && value != "Null" && value != "NULL";
}

// `value` written in the style of `old` where it allows.
std::string rendered(const nlohmann::json& value, const WrittenScalar& old) {
  std::string text = match::scalar_text(value);
  switch (old.style) {
    case Style::DoubleQuoted:
      return double_quoted(text);
    case Style::SingleQuoted:
      if (has_control(text)) return double_quoted(text);
      return single_quoted(text);
    case Style::Plain:
      return yaml_scalar(text, old.in_flow);
  }
  return double_quoted(text);
}

// The edit's value as an alternative for its cell: `{eq: NEW, when: WHEN}`.
std::string alternative_item(const ScalarEdit& edit) {
  return "{eq: " + yaml_scalar(match::scalar_text(edit.value), true) +
         ", when: " + edit.alternative_when + "}";
}

// `{any_of: [OLD, {eq: NEW, when: WHEN}]}`: the old scalar as written, and the edit's value as an
// alternative (its file is loaded again by the caller, which checks it).
std::string alternative(const ScalarEdit& edit, std::string_view old_written) {
  return "{any_of: [" + std::string(old_written) + ", " + alternative_item(edit) + "]}";
}

// Whether the scalar at the edit's place in `text` reads as the edit's new value.
bool reads_back(std::string_view text, const ScalarEdit& edit) {
  auto reread = scalar_at(text, edit.at);
  return reread && reread->value == match::scalar_text(edit.value);
}

// The end of the line that holds `at` (its '\n' or the end of `text`).
std::size_t line_end(std::string_view text, std::size_t at) {
  return std::min(text.find('\n', at), text.size());
}

bool blank_or_comment(std::string_view line) {
  auto first = line.find_first_not_of(" \t\r");
  return first == std::string_view::npos || line[first] == '#';
}

// Where a new last item goes in the flow list whose `[` is at `open`: just after the last item
// (comments skipped, quotes and nested brackets followed across lines).
util::Expected<std::size_t> flow_list_insert_point(std::string_view text, std::size_t open,
                                                   bool& empty) {
  std::string closers;  // of the brackets open at i, innermost last
  char quote = 0;
  std::size_t last_content = open + 1;
  for (std::size_t i = open; i < text.size(); ++i) {
    char c = text[i];
    if (quoted_at(text, i, quote)) {
      last_content = i + 1;
      continue;
    }
    if (c == '#' && (text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '\n')) {
      i = line_end(text, i) - 1;
      continue;
    }
    if (c == '[' || c == '{') {
      closers += c == '[' ? ']' : '}';
    } else if (c == ']' || c == '}') {
      if (closers.back() != c) break;
      closers.pop_back();
      if (closers.empty()) {
        empty = last_content == open + 1;
        return last_content;
      }
    }
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') last_content = i + 1;
  }
  return util::fail(util::ErrorKind::InvalidScenario, "the any_of list is not closed");
}

// The block list that starts on the line after `from`: the offset after its last item's last
// line, and the column of its dashes.
util::Expected<std::pair<std::size_t, std::size_t>> block_list_end(std::string_view text,
                                                                   std::size_t from) {
  std::size_t dash_column = std::string_view::npos;
  std::size_t end = std::string_view::npos;
  for (std::size_t at = line_end(text, from) + 1; at < text.size(); at = line_end(text, at) + 1) {
    std::string_view line = text.substr(at, line_end(text, at) - at);
    if (blank_or_comment(line)) continue;
    std::size_t indent = line.find_first_not_of(' ');
    bool item = line[indent] == '-' && (indent + 1 == line.size() || line[indent + 1] == ' ');
    if (dash_column == std::string_view::npos) {
      if (!item) break;
      dash_column = indent;
    }
    if (indent < dash_column || (indent == dash_column && !item)) break;
    end = at + line.size();
  }
  if (end == std::string_view::npos)
    return util::fail(util::ErrorKind::InvalidScenario, "no list after 'any_of'");
  return std::pair(end, dash_column);
}

// `text` with `item` added as the last alternative of the `any_of` key at `at`.
util::Expected<std::string> with_alternative_appended(std::string_view text,
                                                      const util::SourceLoc& at,
                                                      const std::string& item) {
  auto refuse = [](std::string why) {
    return util::fail(util::ErrorKind::InvalidScenario, std::move(why));
  };
  std::size_t start = line_start(text, at.line);
  if (start == std::string_view::npos || at.col < 1) return refuse("no such position");
  std::size_t key = start + static_cast<std::size_t>(at.col - 1);
  constexpr std::string_view kKey = "any_of";
  if (text.substr(key, kKey.size()) != kKey) return refuse("no 'any_of' key there");
  std::size_t p = text.find_first_not_of(" \t", key + kKey.size());
  if (p == std::string_view::npos || text[p] != ':') return refuse("no 'any_of' key there");
  p = text.find_first_not_of(" \t", p + 1);
  std::string out(text);
  if (p != std::string_view::npos && text[p] == '[') {
    bool empty = false;
    auto insert = flow_list_insert_point(text, p, empty);
    if (!insert) return util::fail(insert.error());
    return out.insert(*insert, (empty ? "" : ", ") + item);
  }
  if (p != std::string_view::npos && !blank_or_comment(text.substr(p, line_end(text, p) - p)))
    return refuse("the any_of list is neither [ ] nor a block list");
  auto end = block_list_end(text, key);
  if (!end) return util::fail(end.error());
  std::string line = "\n" + std::string(end->second, ' ') + "- " + item;
  return out.insert(end->first, line);
}

// `text` with the scalar at the edit's place replaced (or made an `any_of` with the old value).
util::Expected<std::string> with_scalar_replaced(std::string_view text, const ScalarEdit& edit) {
  auto refuse = [](std::string why) {
    return util::fail(util::ErrorKind::InvalidScenario, std::move(why));
  };
  auto written = scalar_at(text, edit.at);
  if (!written) return util::fail(written.error());
  if (written->value.find("${") != std::string::npos) return refuse("holds a ${name} placeholder");
  if (written->value != edit.old_text)
    return refuse("the file no longer holds " + util::quote(edit.old_text) + " there");
  const std::size_t length = written->end - written->begin;
  bool as_alternative = !edit.alternative_when.empty();
  std::string replacement = as_alternative ? alternative(edit, text.substr(written->begin, length))
                                           : rendered(edit.value, *written);
  std::string next(text);
  next.replace(written->begin, length, replacement);
  if (!as_alternative && !reads_back(next, edit))
    return refuse("the new value would not read back as written");
  return next;
}

}  // namespace

util::Expected<std::string> read_scalar(std::string_view text, const util::SourceLoc& at) {
  auto written = scalar_at(text, at);
  if (!written) return util::fail(written.error());
  return std::move(written->value);
}

std::string yaml_scalar(const std::string& text, bool in_flow) {
  return plain_safe(text, in_flow) ? text : double_quoted(text);
}

EditOutcome edit_scalars(std::string_view text, std::vector<ScalarEdit> edits) {
  // From the end of the file backwards, so that earlier positions stay valid.
  std::sort(edits.begin(), edits.end(), [](const ScalarEdit& a, const ScalarEdit& b) {
    return std::pair(a.at.line, a.at.col) > std::pair(b.at.line, b.at.col);
  });
  EditOutcome outcome{std::string(text), {}, 0};
  for (auto& edit : edits) {
    auto next = edit.append_to_any_of
                    ? with_alternative_appended(outcome.text, edit.at, alternative_item(edit))
                    : with_scalar_replaced(outcome.text, edit);
    if (!next) {
      outcome.refused.emplace_back(std::move(edit), next.error().message);
      continue;
    }
    outcome.text = std::move(*next);
    ++outcome.applied;
  }
  return outcome;
}

}  // namespace scenario
