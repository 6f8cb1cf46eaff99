#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "harness/util/expected.h"

// Captures: a step saves a value under a name (`save: addr`), later steps write `${addr}` in
// their strings and the runner replaces it before the step runs.
namespace scenario {

// One `${name}` in a text: the name, where the `$` is, and the placeholder's length. An escape
// (`$${`, a literal `${`) is a placeholder too: `escape` set, no name, its first `$` (length 1)
// is what substitution removes.
struct Placeholder {
  std::string name;
  std::size_t offset = 0;
  std::size_t length = 0;
  bool escape = false;
};

// The captures `request` has without a `save:`: "thread" (the id of the thread that last
// stopped) and "frame" (the id of its top frame). No step may save under these names.
const std::vector<std::string>& builtin_captures();

// True for a capture name: an ASCII letter or '_', then letters, digits or '_'.
bool is_capture_name(std::string_view name);

// The `${name}` placeholders and `$${` escapes of `text`, in order. `$` not followed by `{name}`
// is plain text.
std::vector<Placeholder> find_placeholders(std::string_view text);

// `text` with every placeholder replaced by its value and every `$${` by `${`. Error
// (InvalidScenario) naming the first placeholder that has no value.
util::Expected<std::string> substitute(std::string_view text,
                                       const std::map<std::string, std::string>& values);

}  // namespace scenario
