#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/dap/json.h"

namespace replay {

// `--substitute-path FROM=TO`: a path of the recording machine and what it is here.
struct Substitution {
  std::string from;
  std::string to;
};

// "FROM=TO" split at its first '='; nullopt when there is none or FROM is empty.
std::optional<Substitution> parse_substitution(std::string_view text);

// `value` with every string that starts with a FROM rewritten to start with its TO (the first
// matching substitution wins), at any depth: for the arguments of a recorded request.
dap::json substitute_prefixes(const dap::json& value, const std::vector<Substitution>& subs);

// `text` with every occurrence of each FROM replaced by its TO: for recorded text compared with
// replayed text (paths inside messages, e.g. "location /src/main.go:31").
std::string substitute_all(std::string_view text, const std::vector<Substitution>& subs);

}  // namespace replay
