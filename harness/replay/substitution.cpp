#include "harness/replay/substitution.h"

#include "harness/util/strings.h"

namespace replay {

std::optional<Substitution> parse_substitution(std::string_view text) {
  std::size_t eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0) return std::nullopt;
  return Substitution{std::string(text.substr(0, eq)), std::string(text.substr(eq + 1))};
}

dap::json substitute_prefixes(const dap::json& value, const std::vector<Substitution>& subs) {
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    for (const auto& sub : subs)
      if (util::starts_with(text, sub.from)) return sub.to + text.substr(sub.from.size());
    return value;
  }
  dap::json copy = value;
  if (copy.is_object()) {
    for (auto& [member, child] : copy.items()) child = substitute_prefixes(child, subs);
  } else if (copy.is_array()) {
    for (auto& element : copy) element = substitute_prefixes(element, subs);
  }
  return copy;
}

std::string substitute_all(std::string_view text, const std::vector<Substitution>& subs) {
  std::string out(text);
  for (const auto& sub : subs) {
    std::string next;
    std::size_t from = 0;
    for (std::size_t at = out.find(sub.from); at != std::string::npos;
         at = out.find(sub.from, from)) {
      next.append(out, from, at - from);
      next += sub.to;
      from = at + sub.from.size();
    }
    next.append(out, from);
    out = std::move(next);
  }
  return out;
}

}  // namespace replay
