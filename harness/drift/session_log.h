#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "harness/dap/json.h"
#include "harness/util/expected.h"

namespace drift {

// Where in a scenario a message was exchanged: a step (1-based, with its line and keyword), 0
// for the handshake before the first step, kTeardown for the teardown after the last.
struct StepMark {
  static constexpr int kTeardown = -1;
  int number = 0;
  int line = 0;
  std::string keyword;  // "expect_stop"; "handshake" for step 0, "teardown" for the teardown

  bool teardown() const { return number == kTeardown; }
  // "step 4 expect_stop (line 19)", "handshake" or "teardown".
  std::string str() const;
};

// One DAP message of a scenario run.
struct LoggedMessage {
  dap::json message;
  bool from_client = false;
  std::size_t step = 0;  // index into SessionLog::steps
  std::string time;      // since the session began: "0.123s"
};

// A scenario run's transcript as the drift comparison reads it: the steps, then every message in
// order with the step it belongs to.
struct SessionLog {
  std::vector<StepMark> steps;  // steps[0] is the handshake
  std::vector<LoggedMessage> messages;
};

// Reads the harness's transcript.txt: "+T --> {...}" sent, "+T <-- {...}" received, and the
// step notes (dap::step_note) "+T -- step N (line L): KEYWORD" and the teardown note; other
// notes are skipped. Errors
// (Usage, naming `name`:line): a message line whose JSON is malformed.
util::Expected<SessionLog> read_session_log(std::string_view transcript, const std::string& name);

}  // namespace drift
