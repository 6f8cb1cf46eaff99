#include "harness/record/generalize.h"

#include <algorithm>

#include "harness/match/regex.h"

namespace record {

namespace {

// A stretch of a value that differs between runs by nature, and the pattern that stands for it.
struct VaryingKind {
  match::Regex find;
  std::string pattern;
};

const std::vector<VaryingKind>& varying_kinds() {
  auto kind = [](const char* find, const char* pattern) {
    return VaryingKind{match::Regex::compile(find).value(), pattern};
  };
  static const std::vector<VaryingKind> kinds = {
      kind("0x[0-9a-f]{8,}", "0x[0-9a-f]+"),
      kind("goroutine [0-9]+", "goroutine [0-9]+"),
      kind("\\[Go [0-9]+\\]", "\\[Go [0-9]+\\]"),
      kind("/tmp/[^\\s\"',;)\\]}]*", "/tmp/[^\\s\"',;)\\]}]*"),
      kind("\\b[0-9]+(\\.[0-9]+)?(ns|µs|us|ms|s|m|h)\\b", "[0-9.]+(ns|µs|us|ms|s|m|h)"),
  };
  return kinds;
}

// Where the entries of a map value with two or more entries begin ("map[string]int [" ends
// there), or npos.
std::size_t unordered_map_entries(const std::string& value) {
  for (std::size_t m = value.find("map["); m != std::string::npos; m = value.find("map[", m + 1)) {
    std::size_t open = value.find(" [", m);
    if (open == std::string::npos) return std::string::npos;
    std::size_t start = open + 2;
    int depth = 0, separators = 0;
    bool quoted = false;
    for (std::size_t i = start; i < value.size(); ++i) {
      char c = value[i];
      if (quoted) {
        if (c == '\\')
          ++i;
        else if (c == '"')
          quoted = false;
      } else if (c == '"') {
        quoted = true;
      } else if (c == '[' || c == '{' || c == '(') {
        ++depth;
      } else if (c == ']' || c == '}' || c == ')') {
        if (depth-- == 0) break;
      } else if (c == ',' && depth == 0) {
        ++separators;
      }
    }
    if (separators >= 2) return start;
  }
  return std::string::npos;
}

// `value` as a pattern in which every stretch of a varying kind is that kind's pattern; whether
// any was found.
std::pair<std::string, bool> varying_pattern(const std::string& value,
                                             const std::vector<VaryingKind>& local) {
  std::vector<const VaryingKind*> kinds;
  for (const auto& k : local) kinds.push_back(&k);  // first: a local path may hold /tmp/
  for (const auto& k : varying_kinds()) kinds.push_back(&k);
  std::string pattern;
  bool found = false;
  std::size_t at = 0;
  while (at < value.size()) {
    std::size_t best = std::string::npos, length = 0;
    const VaryingKind* kind = nullptr;
    const std::string_view rest = std::string_view(value).substr(at);
    for (const VaryingKind* k : kinds) {
      auto found = k->find.find(rest);
      if (found && at + found->position < best) {
        best = at + found->position;
        length = found->length;
        kind = k;
      }
    }
    if (!kind) break;
    pattern += regex_escaped(value.substr(at, best - at)) + kind->pattern;
    at = best + length;
    found = true;
  }
  pattern += regex_escaped(value.substr(at));
  return {pattern, found};
}

bool all_match(const std::string& pattern, const std::vector<std::string>& values) {
  auto re = match::Regex::compile(pattern);
  return re && std::all_of(values.begin(), values.end(),
                           [&](const std::string& v) { return re->full_match(v); });
}

// `value` with every run of digits as [0-9]+.
std::string digits_pattern(const std::string& value) {
  std::string pattern;
  for (std::size_t i = 0; i < value.size();) {
    if (std::isdigit(static_cast<unsigned char>(value[i]))) {
      while (i < value.size() && std::isdigit(static_cast<unsigned char>(value[i]))) ++i;
      pattern += "[0-9]+";
    } else {
      std::size_t j = i;
      while (j < value.size() && !std::isdigit(static_cast<unsigned char>(value[j]))) ++j;
      pattern += regex_escaped(value.substr(i, j - i));
      i = j;
    }
  }
  return pattern;
}

std::string common_prefix(const std::vector<std::string>& values) {
  std::string prefix = values.front();
  for (const auto& v : values) {
    std::size_t n = 0;
    while (n < prefix.size() && n < v.size() && prefix[n] == v[n]) ++n;
    prefix.resize(n);
  }
  // Never cut a UTF-8 sequence.
  while (!prefix.empty() && (static_cast<unsigned char>(prefix.back()) & 0xC0) == 0x80)
    prefix.pop_back();
  if (!prefix.empty() && static_cast<unsigned char>(prefix.back()) >= 0xC0) prefix.pop_back();
  return prefix;
}

}  // namespace

std::string regex_escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

Expectation expectation_for(const std::vector<std::string>& values, const Variance& variance) {
  std::vector<VaryingKind> local;
  for (const auto& path : variance.local_paths) {
    if (!path.empty() && path != "/")
      local.push_back({match::Regex::compile(regex_escaped(path)).value(), ".*"});
  }
  const std::string& first = values.front();
  std::size_t entries = unordered_map_entries(first);
  std::string head = entries == std::string::npos ? first : first.substr(0, entries);
  // dlv cuts long values ("...") at a byte count: a varying stretch before the cut moves it.
  bool cut = entries == std::string::npos && head.size() > 3 &&
             head.compare(head.size() - 3, 3, "...") == 0;
  if (cut) {
    std::size_t last_field = head.rfind(", ");
    head.resize(last_field == std::string::npos ? head.size() - 3 : last_field);
  }
  auto [pattern, varying] = varying_pattern(head, local);
  if (cut && varying && all_match(pattern + ".*", values)) return {"matches", "^" + pattern};
  if (entries != std::string::npos) {
    if (!varying && std::all_of(values.begin(), values.end(), [&](const std::string& v) {
          return v.compare(0, head.size(), head) == 0;
        }))
      return {"prefix", head};
    if (varying && all_match(pattern + ".*", values)) return {"matches", "^" + pattern};
  } else if (varying && all_match(pattern, values)) {
    return {"matches", "^" + pattern + "$"};
  }
  bool same =
      std::all_of(values.begin(), values.end(), [&](const std::string& v) { return v == first; });
  bool has_digits =
      std::any_of(first.begin(), first.end(), [](unsigned char c) { return std::isdigit(c); });
  if (same && !(variance.numbers && has_digits)) return {"", first};
  if (std::string digits = digits_pattern(first); all_match(digits, values))
    return {"matches", "^" + digits + "$"};
  if (std::string prefix = common_prefix(values); !prefix.empty()) return {"prefix", prefix};
  return {"none", ""};
}

}  // namespace record
