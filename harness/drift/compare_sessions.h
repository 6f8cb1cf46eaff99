#pragma once
#include <set>
#include <string>
#include <vector>

#include "harness/drift/drift_kind.h"
#include "harness/drift/session_log.h"
#include "harness/replay/diff.h"
#include "harness/replay/substitution.h"

namespace drift {

// One observable difference between two runs of a scenario, where in the scenario it was seen.
struct Drift {
  DriftKind kind = DriftKind::Other;
  StepMark step;                  // the from side's step (the to side's for what only it has)
  replay::Difference difference;  // `recorded` is the from side, `replayed` the to side

  // "step 4 expect_stack (line 19): response 'stackTrace': body.stackFrames[2].line: 250 -> 271"
  std::string str() const;
  // The same without the step: "response 'stackTrace': body.stackFrames[2].line: 250 -> 271".
  std::string what() const;
};

// Every difference between two runs of one scenario (`from`, `to`), normalised as a replay is
// (addresses, goroutine and thread ids, handles, thread order, output line order, and here the
// order of a map's entries, which a per-process hash seed decides); `subs` maps
// from-side paths to to-side ones (GOROOTs: a frame in FROM/src/ is the Go runtime's or standard
// library's), besides the launch `program`, `output` and `cwd`, which are mapped from the logs
// themselves. The entries of a `variables` list are compared by name where names are unique.
// Responses are paired by command and occurrence (the n-th stackTrace of one side with the n-th of
// the other); events by name and occurrence; output lines as a multiset per category. A request
// only one side sent is a difference too.
std::vector<Drift> compare_sessions(const SessionLog& from, const SessionLog& to,
                                    std::vector<replay::Substitution> subs);

// What identifies a difference across runs, for noise masking: the step, the message and the
// path (a thread's name left out); for an event or output line that only one side has, the
// event's name or the output's category, wherever it came (a racy scenario's lifecycle varies).
std::string noise_key(const Drift& drift);

// Leaves out of `drifts` those whose noise_key is in `noise` (differences that two runs of one
// cell show too); returns how many it left out.
std::size_t remove_noise(std::vector<Drift>& drifts, const std::set<std::string>& noise);

// The drift between the runs of one scenario in two cells (at least one run each).
struct RunsDrift {
  std::vector<Drift> drifts;  // those of the first runs, noise left out
  std::size_t unstable = 0;   // how many were left out
};
// Noise is what two runs of one cell show different, and what not every pair of runs of the two
// cells shows different: real drift is systematic, a race shows in some pairs only.
RunsDrift compare_runs(const std::vector<SessionLog>& from, const std::vector<SessionLog>& to,
                       const std::vector<replay::Substitution>& subs);

}  // namespace drift
