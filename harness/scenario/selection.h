#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/match/regex.h"
#include "harness/scenario/model.h"
#include "harness/util/expected.h"

// Choosing which scenarios of the loaded ones run: by pattern, by tag and by shard.
namespace scenario {

// One shard of n (index 0-based).
struct Shard {
  std::size_t index = 0;
  std::size_t count = 1;
};

struct Selection {
  std::optional<match::Regex> filter;  // keep scenarios whose id or name matches (searched)
  std::optional<match::Regex> skip;    // drop scenarios whose id or name matches
  std::vector<std::string> tags;       // keep scenarios with at least one of these tags
  std::optional<Shard> shard;
};

// Parses "I/N" with 1 <= I <= N (as --shard takes it) into a 0-based Shard.
util::Expected<Shard> parse_shard(const std::string& text);
// The shard from HARNESS_SHARD_INDEX (0-based) and HARNESS_TOTAL_SHARDS when both are set;
// nullopt when neither is; an error when one is missing or they do not make a shard.
util::Expected<std::optional<Shard>> shard_from_environment();

// The stable shard key of a scenario: FNV-1a (64 bit) of its file path, normalised and relative
// to the current directory, so `scenarios/x.yaml` and `./scenarios/x.yaml` fall in one shard on
// every machine and in every run.
std::uint64_t shard_key(const ScenarioEntry& scenario);

// The scenarios `selection` keeps, in their order.
std::vector<ScenarioEntry> select(std::vector<ScenarioEntry> scenarios, const Selection& selection);

}  // namespace scenario
