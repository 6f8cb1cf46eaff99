#pragma once
#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/match/matcher.h"
#include "harness/scenario/loader.h"
#include "harness/util/deadline.h"

// Positioned, typed access to the YAML tree of one scenario file. Every problem becomes a
// Diagnostic kept by the Reader; readers return nullopt for a value they could not use and keep
// going, so that one pass reports every problem of the file.
namespace scenario {

// One key/value pair of a YAML map, the key already as text.
struct Entry {
  std::string key;
  YAML::Node key_node;
  YAML::Node value;
};

class Reader {
 public:
  // `text` is the whole file, for the source lines shown under diagnostics.
  Reader(std::string file, std::string_view text);

  // 1-based position of a node (line 0 when yaml-cpp has none).
  SourceLoc loc(const YAML::Node& node) const;
  // Position of a pair's key.
  SourceLoc key_loc(const Entry& entry) const;
  // Position of a pair's value; the key's when the value is an empty (unwritten) null, which
  // yaml-cpp places at the next token.
  SourceLoc value_loc(const Entry& entry) const;
  // Position of a list item; the list's when the item is an empty null.
  SourceLoc item_loc(const YAML::Node& list, const YAML::Node& item) const;

  // Records a problem at `where`.
  void error(const SourceLoc& where, std::string message);
  // The problems so far, in file order (by line, then column; stable).
  std::vector<Diagnostic> take_diagnostics();

  // The pairs of a map in file order. Duplicate keys, non-scalar keys and (unless `allowed` is
  // null) keys outside `allowed` are reported and left out. `owner` names the map in the message
  // for a map that takes no keys at all ("'continue' takes no keys").
  std::vector<Entry> entries(const YAML::Node& map, const std::vector<std::string>* allowed,
                             std::string_view owner = "");
  // The pairs of the map held by `entry` (an empty null counts as an empty map); nullopt and a
  // diagnostic when the value is not a map.
  std::optional<std::vector<Entry>> map_value(const Entry& entry,
                                              const std::vector<std::string>* allowed);

  // Scalars of any kind as their text ("12", "true", "abc").
  std::optional<std::string> string(const Entry& entry);
  // A plain integer >= `min`.
  std::optional<int> integer(const Entry& entry, int min);
  // true or false.
  std::optional<bool> boolean(const Entry& entry);
  // A number of seconds > 0 (at most a week).
  std::optional<util::Duration> seconds(const Entry& entry);
  // A list of scalars.
  std::optional<std::vector<std::string>> strings(const Entry& entry);
  // One of `choices` ("unknown mode 'exe' (did you mean 'exec'?)"); `what` names the kind.
  std::optional<std::string> choice(const Entry& entry, const std::vector<std::string>& choices,
                                    std::string_view what);
  // A bare scalar (equality) or a map with exactly one operator (a text operator, `absent`,
  // `any_of` or `all_of`).
  std::optional<match::Matcher> matcher(const Entry& entry);
  // Compiles the operator pair `op_entry` (key = operator, value = operand).
  std::optional<match::Matcher> operator_matcher(const Entry& op_entry);
  // `absent: true`, `any_of: [ALTERNATIVE, ...]`, `all_of: [MATCHER, ...]` (read_matchers.cpp).
  // An alternative of any_of may carry `when: {dlv: RANGE, go: RANGE}`: with a cell set, the
  // alternatives for other versions are left out (none left: a matcher that says so).
  std::optional<match::Matcher> combined_matcher(const Entry& op_entry);

  // The dlv and Go versions `when:` conditions are decided for; unset: every alternative stays.
  void set_cell(std::optional<Cell> cell) { cell_ = std::move(cell); }

  // Reports "missing required key 'KEY'" (+ " in OWNER") at `where`.
  void missing(const SourceLoc& where, std::string_view key, std::string_view owner = "");

 private:
  // True when the null `node` is spelled out (`~`, `null`) where yaml-cpp says it is.
  bool null_written_at(const YAML::Node& node) const;
  // A diagnostic with the source line of `where` filled in.
  Diagnostic diagnostic(const SourceLoc& where, std::string message) const;

  // An alternative of any_of: a matcher, or a map of one operator and `when`; false when it
  // is for another cell (or has a problem, reported).
  bool read_alternative(const YAML::Node& item, std::vector<match::Matcher>& kept,
                        std::vector<std::string>& left_out);

  std::string file_;
  std::optional<Cell> cell_;
  std::vector<std::string> lines_;
  std::vector<Diagnostic> diagnostics_;
};

// Every matcher operator a scenario may write: the text operators, then absent, any_of, all_of,
// none_of.
const std::vector<std::string>& matcher_keywords();
bool is_combinator(const std::string& key);

// How a node is named in "got ..." messages: map, list, null, string "abc", number 1.5, bool true.
std::string describe(const YAML::Node& node);

// A scalar as JSON: quoted scalars stay strings; plain ones become integers or bools when they
// read as such (and print back identically), else strings. Maps, lists and null convert
// structurally.
nlohmann::json to_json(const YAML::Node& node);

}  // namespace scenario
