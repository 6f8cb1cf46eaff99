#include "harness/replay/normalize.h"

#include <cctype>

namespace replay {

namespace {

bool is_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// Replaces "0x" followed by 8 or more hex digits with "0x<addr>".
std::string mask_addresses(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '0' && i + 1 < text.size() && (text[i + 1] == 'x' || text[i + 1] == 'X')) {
      std::size_t end = i + 2;
      while (end < text.size() && std::isxdigit(static_cast<unsigned char>(text[end]))) ++end;
      if (end - i - 2 >= 8) {
        out += "0x<addr>";
        i = end;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

// Replaces the decimal form dlv prints before a masked address ("60053095550544 = 0x<addr>",
// the display of a uintptr) with "<addr>".
std::string mask_decimal_addresses(std::string_view text) {
  constexpr std::string_view kMasked = " = 0x<addr>";
  std::string out;
  std::size_t from = 0;
  for (std::size_t at = text.find(kMasked); at != std::string_view::npos;
       at = text.find(kMasked, at + kMasked.size())) {
    std::size_t digits = at;
    while (digits > from && is_digit(text[digits - 1])) --digits;
    out.append(text.substr(from, digits - from));
    if (digits < at) out += "<addr>";
    out.append(kMasked);
    from = at + kMasked.size();
  }
  out.append(text.substr(from));
  return out;
}

// Replaces the digits right after each `prefix` (e.g. "[Go ") with '#'.
std::string mask_number_after(std::string_view text, std::string_view prefix) {
  std::string out;
  std::size_t from = 0;
  for (std::size_t at = text.find(prefix); at != std::string_view::npos;
       at = text.find(prefix, from)) {
    std::size_t digits = at + prefix.size();
    std::size_t end = digits;
    while (end < text.size() && is_digit(text[end])) ++end;
    out.append(text.substr(from, digits - from));
    if (end > digits) out += '#';
    from = end;
  }
  out.append(text.substr(from));
  return out;
}

// Replaces durations ("0.012s", "15ms", "3µs", "40ns") that stand alone with "<time>".
std::string mask_durations(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  auto word_char = [&](std::size_t at) {
    return at < text.size() &&
           (std::isalnum(static_cast<unsigned char>(text[at])) || text[at] == '_');
  };
  // The length of the time unit that ends a word at `at`, or 0.
  auto unit_length = [&](std::size_t at) -> std::size_t {
    for (std::string_view unit : {"ms", "ns", "µs", "us", "s"})
      if (text.substr(at, unit.size()) == unit && !word_char(at + unit.size())) return unit.size();
    return 0;
  };
  while (i < text.size()) {
    if (is_digit(text[i]) && (i == 0 || !word_char(i - 1))) {
      std::size_t end = i;
      while (end < text.size() && is_digit(text[end])) ++end;
      if (end + 1 < text.size() && text[end] == '.' && is_digit(text[end + 1])) {
        ++end;
        while (end < text.size() && is_digit(text[end])) ++end;
      }
      if (std::size_t unit = unit_length(end)) {
        out += "<time>";
        i = end + unit;
      } else {
        out.append(text.substr(i, end - i));
        i = end;
      }
      continue;
    }
    out += text[i++];
  }
  return out;
}

}  // namespace

std::string normalize_text(std::string_view text, bool recorded,
                           const std::vector<Substitution>& subs) {
  std::string out = recorded ? substitute_all(text, subs) : std::string(text);
  out = mask_decimal_addresses(mask_addresses(out));
  out = mask_number_after(out, "[Go ");
  return mask_number_after(out, "Thread ");
}

std::string normalize_output(std::string_view text, bool recorded,
                             const std::vector<Substitution>& subs) {
  std::string out = normalize_text(text, recorded, subs);
  out = mask_number_after(out, "Process ");
  return mask_durations(out);
}

dap::json normalize_message(const dap::json& message, bool recorded,
                            const std::vector<Substitution>& subs) {
  auto normalize = [&](auto& self, const dap::json& value) -> dap::json {
    if (value.is_string())
      return normalize_text(value.get_ref<const std::string&>(), recorded, subs);
    dap::json copy = value;
    if (copy.is_object()) {
      copy.erase("systemProcessId");
      for (auto& [member, child] : copy.items()) child = self(self, child);
    } else if (copy.is_array()) {
      for (auto& element : copy) element = self(self, element);
    }
    return copy;
  };
  dap::json out = normalize(normalize, message);
  if (out.is_object()) {
    out.erase("seq");
    out.erase("request_seq");
  }
  return out;
}

}  // namespace replay
