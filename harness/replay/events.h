#pragma once
#include <cstddef>
#include <vector>

#include "harness/dap/json.h"
#include "harness/replay/diff.h"
#include "harness/replay/substitution.h"

namespace replay {

// A message and where it was: its 1-based position in the trace (recorded side) or its receive
// index (replayed side).
struct Indexed {
  std::size_t index = 0;
  dap::json message;
  // Replayed: arrived after the replay's twin of the recording's last response, so it may stand
  // for a recorded event but is never reported as extra. Recorded: came after the recording's
  // last response, where dlv's events race its exit (it sends `terminated` once or twice after a
  // disconnect), so it is compared when the replay has a counterpart but never reported missing.
  bool past_recording = false;
};

// The events of the recorded session against those of the replay, in a way that tolerates the
// timing of a concurrent adapter:
// - every event but output: the n-th recorded event of a name is compared (diff_messages) with
//   the n-th replayed event of that name; one without a counterpart is missing or extra;
// - output: per category, the text of all its events is normalised (normalize_output) and cut
//   into lines, and the lines are compared as a multiset; chunking into events and the order of
//   lines are not compared (the program and dlv write at once);
// - a replayed event past the end of the recording may stand for a recorded one, and is never
//   extra; a recorded non-output event after the recording's last response is never missing.
std::vector<Difference> compare_events(const std::vector<Indexed>& recorded,
                                       const std::vector<Indexed>& replayed,
                                       const std::vector<Substitution>& subs);

}  // namespace replay
