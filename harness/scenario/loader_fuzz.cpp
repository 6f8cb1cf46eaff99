// libFuzzer target: arbitrary text as a scenario file. The loader must never crash or hang, and
// every rejection must be a diagnostic positioned in the file (line and column >= 1), except the
// whole-file ones (unreadable, too big) that have no position. Run it from the source tree so
// `program: goprojects/...` resolves and the fuzzer gets past the program check.
#include <cstddef>
#include <cstdint>
#include <string>

#include "harness/scenario/loader.h"
#include "harness/util/strings.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto result = scenario::load_text("scenarios/fuzz.yaml", text);
  if (result.scenarios.empty() == result.diagnostics.empty()) __builtin_trap();
  for (const auto& d : result.diagnostics) {
    if (d.loc.file != "scenarios/fuzz.yaml") __builtin_trap();
    if (d.loc.line < 1 || d.loc.col < 1) __builtin_trap();  // every problem has a place
    if (util::starts_with(d.message, "cannot read scenario:")) __builtin_trap();  // an escape
    (void)d.str();
  }
  return 0;
}
