#include "harness/scenario/selection.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>

namespace scenario {

namespace {

std::optional<std::size_t> number(const std::string& text) {
  std::size_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

bool searched(const match::Regex& pattern, const ScenarioEntry& s) {
  return pattern.search(s.file.string()) || pattern.search(s.name);
}

}  // namespace

util::Expected<Shard> parse_shard(const std::string& text) {
  auto slash = text.find('/');
  auto index = slash == std::string::npos ? std::nullopt : number(text.substr(0, slash));
  auto count = slash == std::string::npos ? std::nullopt : number(text.substr(slash + 1));
  if (!index || !count || *count == 0 || *index == 0 || *index > *count) {
    return util::fail(util::ErrorKind::Usage,
                      "--shard must be I/N with 1 <= I <= N (e.g. 2/4), got '" + text + "'");
  }
  return Shard{*index - 1, *count};
}

util::Expected<std::optional<Shard>> shard_from_environment() {
  const char* index = std::getenv("HARNESS_SHARD_INDEX");
  const char* total = std::getenv("HARNESS_TOTAL_SHARDS");
  if (!index && !total) return std::optional<Shard>();
  auto i = index ? number(index) : std::nullopt;
  auto n = total ? number(total) : std::nullopt;
  if (!i || !n || *n == 0 || *i >= *n) {
    return util::fail(util::ErrorKind::Usage,
                      std::string("HARNESS_SHARD_INDEX (0-based) and HARNESS_TOTAL_SHARDS must "
                                  "both be set, with index < total; got index '") +
                          (index ? index : "(unset)") + "', total '" + (total ? total : "(unset)") +
                          "'");
  }
  return std::optional<Shard>(Shard{*i, *n});
}

std::uint64_t shard_key(const ScenarioEntry& scenario) {
  std::error_code ec;
  auto absolute = std::filesystem::absolute(scenario.file, ec).lexically_normal();
  auto relative = absolute.lexically_relative(std::filesystem::current_path(ec));
  std::string text = (relative.empty() ? absolute : relative).generic_string();
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

std::vector<ScenarioEntry> select(std::vector<ScenarioEntry> scenarios,
                                  const Selection& selection) {
  auto dropped = [&](const ScenarioEntry& s) {
    if (selection.filter && !searched(*selection.filter, s)) return true;
    if (selection.skip && searched(*selection.skip, s)) return true;
    if (!selection.tags.empty() &&
        std::none_of(selection.tags.begin(), selection.tags.end(), [&](const std::string& t) {
          return std::find(s.tags.begin(), s.tags.end(), t) != s.tags.end();
        }))
      return true;
    if (selection.shard && shard_key(s) % selection.shard->count != selection.shard->index)
      return true;
    return false;
  };
  scenarios.erase(std::remove_if(scenarios.begin(), scenarios.end(), dropped), scenarios.end());
  return scenarios;
}

}  // namespace scenario
