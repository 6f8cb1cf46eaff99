#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "harness/util/expected.h"
#include "harness/util/source_loc.h"

// In-place rewriting of single scalars of a YAML file, for `harness run --update`: every byte
// outside the rewritten scalars stays as it was (comments, order, indentation, quoting style).
namespace scenario {

// Replace the scalar that starts at `at` (a 1-based line and column, as the loader keeps them),
// whose current value reads as `old_text`, with `value`.
struct ScalarEdit {
  util::SourceLoc at;
  std::string old_text;
  nlohmann::json value;  // a string, number or bool
  // Non-empty: keep the old value and add `value` as an alternative for these versions, e.g.
  // `{dlv: "==1.27.2"}`: the scalar becomes `{any_of: [OLD, {eq: NEW, when: WHEN}]}`.
  std::string alternative_when = {};
  // `at` is an `any_of` key (old_text "any_of") whose list gets `{eq: NEW, when: WHEN}` as its
  // last item: before the `]` of a flow list, or as a new `- ` line after a block list's last item.
  bool append_to_any_of = false;
};

// What rewriting a file gave: the new text, how many edits were made, and those that could not
// be, with why ("block scalar", "holds a ${name} placeholder", "not found at 12:9").
struct EditOutcome {
  std::string text;
  std::vector<std::pair<ScalarEdit, std::string>> refused;
  int applied = 0;
};

// Applies `edits` to `text`. A double-quoted scalar stays double-quoted, a single-quoted one
// single-quoted when the value allows, a plain one plain when the value reads back as the same
// text, else double-quoted. Each replacement is read back and must give the new value's text
// (an alternative is checked by loading the file, which the caller does).
EditOutcome edit_scalars(std::string_view text, std::vector<ScalarEdit> edits);

// The text of the scalar written at `at` (as the loader reads it), or why it cannot be read.
util::Expected<std::string> read_scalar(std::string_view text, const util::SourceLoc& at);

// `text` as a YAML scalar that the loader reads back as the same text: plain when that is safe
// (`in_flow`: inside { } or [ ], where commas and brackets end a plain scalar), else
// double-quoted with escapes.
std::string yaml_scalar(const std::string& text, bool in_flow);

}  // namespace scenario
