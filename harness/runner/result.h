#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "harness/match/matcher.h"

#include "harness/util/deadline.h"
#include "harness/util/phases.h"
#include "harness/util/source_loc.h"

namespace runner {

// PASS: every expectation held. FAIL: an expectation did not hold (the product's fault).
// ERROR: the harness could not find out (dlv died, deadline, launch refused, build failed).
// SKIP: the scenario was not run.
enum class Status { Pass, Fail, Error, Skip };
const char* status_name(Status status);  // "PASS", "FAIL", "ERROR", "SKIP"

// What went wrong in a scenario: an expectation that failed, or an infrastructure problem.
// A scenario goes on after a failed expectation, so the first problem (the headline) carries
// those of the later steps in `later`; its message lists them all.
struct Problem {
  Status status = Status::Fail;  // Fail or Error
  std::string message;           // complete, one or more lines; starts with the location if known
  util::SourceLoc where;         // the scenario line it concerns
  // The expectations behind a Fail that compared a value (what `run --update` can rewrite),
  // the later problems' included.
  std::vector<match::Mismatch> mismatches;
  std::vector<Problem> later = {};  // problems of later steps, in step order (each without `later`)
};

// The problems of one scenario run, in step order; the first is the headline.
class ProblemList {
 public:
  void add(Problem problem) { problems_.push_back(std::move(problem)); }
  bool empty() const { return problems_.empty(); }
  Status last_status() const { return problems_.back().status; }
  // nullopt without problems. Else the first, carrying the others in `later` and their
  // mismatches in its own; its message goes on with "N more failed step(s) after it:" and
  // theirs (the first kLaterShown of them; the rest are counted).
  std::optional<Problem> headline() const;

  static constexpr std::size_t kLaterShown = 20;

 private:
  std::vector<Problem> problems_;
};

// The outcome of one scenario, with what a report needs to explain it.
struct ScenarioResult {
  std::string id;    // the scenario file path as given, e.g. "scenarios/variables/locals.yaml"
  std::string name;  // the scenario's name
  util::SourceLoc loc;
  Status status = Status::Pass;
  Problem problem;  // meaningful unless status is Pass
  util::Duration duration{0};
  std::optional<bool> build_cache_hit;      // exec mode: whether the harness's build was cached
  std::string transcript_tail;              // last DAP messages, for failed scenarios
  std::string dlv_output;                   // dlv's stdout+stderr (program output on old dlv)
  std::filesystem::path artifacts_dir;      // transcript, dlv log; empty if none written
  int attempts = 1;                         // runs it took (more than 1 with --retries)
  std::optional<Problem> first_failure;     // the failure of attempt 1 when a retry was made
  int repetition = 1;                       // which run of the scenario (--repeat)
  int repetitions = 1;                      // how many runs of it were asked for
  std::optional<std::string> gate_ignored;  // run (Environment::run_gated) despite this gate
  // Where the session's time went, in order: build, dlv start, handshake, steps, teardown,
  // artifacts (a session that ended early has the phases it reached).
  std::vector<util::Phase> phases;

  // Passed, but only on a retry: reported as flaky, not silently green.
  bool flaky() const { return status == Status::Pass && attempts > 1; }
  // The name reports use: the scenario's name, with "(run K/N)" under --repeat.
  std::string display_name() const {
    return repetitions > 1 ? name + " (run " + std::to_string(repetition) + "/" +
                                 std::to_string(repetitions) + ")"
                           : name;
  }
};

}  // namespace runner
