// libFuzzer target: arbitrary text as a launch.json (JSON with comments). The parser must never
// crash or hang; a rejection carries the file and a line and column >= 1, and an accepted
// document has a position for its root and is linted without an exception (valid JSON of the
// wrong types once aborted lint-launch).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "harness/launchjson/jsonc.h"
#include "harness/launchjson/lint.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = launchjson::parse_jsonc(text, "launch.json");
  if (!parsed) {
    const auto& where = parsed.error().where;
    if (!where || where->file != "launch.json" || where->line < 1 || where->col < 1)
      __builtin_trap();
    return 0;
  }
  (void)parsed->where("");
  (void)parsed->value.dump();
  for (const auto& finding : launchjson::lint_launch(*parsed, std::string("1.20.2")))
    (void)finding.str();
  return 0;
}
