#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "harness/dap/json.h"
#include "harness/replay/substitution.h"

namespace replay {

// One place where the replayed session disagrees with the recorded one.
struct Difference {
  std::size_t index = 0;  // 1-based position of the recorded message in the trace; 0: none
  std::string kind;       // "response", "event" or "output line"
  std::string name;       // the command, the event, or the output category
  int request = 0;        // for a response: the recorded seq of its request
  std::string path;       // JSON path in the message, e.g. "body.stackFrames[0].name"; "" whole
  std::string recorded;   // JSON text of the recorded value; "" when only the replay has it
  std::string replayed;   // JSON text of the replayed value; "" when only the recording has it

  // One line, e.g. "#14 response 'stackTrace' (request 12): body.stackFrames[0].name: recorded
  // "main.main", replayed "main.(*T).run"", "#3 event 'process' missing", "extra event
  // 'exited'", "#9 output line 'stdout' missing: "hello"".
  std::string str() const;
};

// Where two messages differ, path by path, after normalize_message on both sides. Handles
// (see handle_kind) are compared only for being 0 or not, since the values change between runs;
// the elements of a `threads` array are compared by name as a multiset (goroutines have no
// stable order or ids), leaving out goroutines whose current function is in package runtime
// (they vary from run to run). Each result has path, recorded and replayed set ("(absent)" for a
// member only one side has).
std::vector<Difference> diff_messages(const dap::json& recorded, const dap::json& replayed,
                                      const std::vector<Substitution>& subs);

}  // namespace replay
