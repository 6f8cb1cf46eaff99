#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "harness/dap/json.h"
#include "harness/replay/substitution.h"

namespace replay {

// What always varies between two runs of one session, taken out of the text before comparing:
// heap addresses ("0x" and 8 or more hex digits -> "0x<addr>", and the decimal dlv prints
// before one: "60053095550544 = 0x<addr>" -> "<addr> = 0x<addr>"), goroutine ids in thread names
// ("[Go 7]" -> "[Go #]"), OS thread ids ("Thread 24834" -> "Thread #"), and on the recorded side
// the --substitute-path prefixes (FROM -> TO, every occurrence).
std::string normalize_text(std::string_view text, bool recorded,
                           const std::vector<Substitution>& subs);

// normalize_text plus what program and dlv output varies in: process ids ("Process 4242" ->
// "Process #") and durations ("0.012s", "15ms" -> "<time>").
std::string normalize_output(std::string_view text, bool recorded,
                             const std::vector<Substitution>& subs);

// A message with every string normalized (normalize_text) and the members that differ in every
// run removed: the top-level seq and request_seq, and systemProcessId anywhere.
dap::json normalize_message(const dap::json& message, bool recorded,
                            const std::vector<Substitution>& subs);

}  // namespace replay
