#pragma once

namespace cli {

// Process exit statuses of the harness (documented in --help and the README).
enum ExitCode : int {
  kAllPassed = 0,       // every scenario passed or was skipped, and at least one ran
  kScenarioFailed = 1,  // at least one scenario failed or errored
  kUsage = 2,           // bad command line or invalid scenario files; nothing was run
  kMissingTool = 3,     // go or dlv not found or unusable
  kNothingTested = 4,   // no scenario ran: none selected, or every one skipped (--allow-empty: 0)
  kInterrupted = 130,   // SIGINT: reports hold what finished, marked partial
  kTerminated = 143,    // SIGTERM: likewise
};

}  // namespace cli
