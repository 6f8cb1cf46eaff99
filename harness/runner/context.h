#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "harness/dap/session.h"
#include "harness/process/dlv_server.h"
#include "harness/runner/environment.h"
#include "harness/runner/result.h"
#include "harness/scenario/model.h"
#include "harness/util/expected.h"

namespace runner {

using json = nlohmann::json;

// A step either succeeds (nullopt) or ends the scenario with a Problem.
using StepResult = std::optional<Problem>;

// An expectation that did not hold, at `where`.
Problem failure(const util::SourceLoc& where, std::string message);
// An infrastructure problem (not the program's fault), at `where` if it concerns a line.
Problem infrastructure(const util::SourceLoc& where, const util::Error& error);

// A source path as a scenario writes it: relative to the client's source root (the program
// directory unless client_source_root says otherwise) when the file lies inside it, else as dlv
// reported it.
std::string scenario_path(const scenario::Scenario& scenario, const std::string& path);

// Where the debuggee is stopped, valid until the next resume (frame ids die with it).
struct StopState {
  int thread_id = 0;
  json event;                // the `stopped` event
  std::vector<json> frames;  // stackTrace of thread_id, fetched on demand
  bool frames_loaded = false;
};

// State shared by the steps of one scenario run.
class RunContext {
 public:
  RunContext(const scenario::Scenario& scenario, const Environment& env,
             std::unique_ptr<dap::Session> session, process::DlvServer& dlv,
             util::Deadline scenario_deadline);

  const scenario::Scenario& scenario;
  const Environment& env;
  process::DlvServer& dlv;
  std::filesystem::path program;       // what dlv was asked to run (binary or package)
  std::filesystem::path scratch_dir;   // the scenario's artifacts folder
  process::Child* debuggee = nullptr;  // topology attach: the program the harness started

  // The current DAP connection.
  dap::Session& session() { return *session_; }
  // Closes the current connection and continues on `next` (a `reconnect` step): the receive
  // log starts again, and nothing of the old connection's state is kept.
  void replace_session(std::unique_ptr<dap::Session> next);

  std::map<std::string, int> breakpoint_ids;  // scenario breakpoint id -> dlv breakpoint id
  std::size_t cursor = 0;                     // receive index after the last event a step consumed
  std::size_t events_mark = 0;  // receive index where the next expect_events step starts
  bool configured = false;      // configurationDone sent (the program has been started)
  std::optional<StopState> stop;
  std::map<std::string, std::string> captures;  // `save:` name -> value, for `${name}`
  std::optional<int> exit_code;                 // once known
  bool ended = false;                           // `terminated` or `exited` seen
  bool disconnected = false;                    // a disconnect request was sent
  // Whether dlv ends once its client disconnected: every `dlv dap`; a headless server only
  // when told to terminate the debuggee (else it waits for the next client).
  bool dlv_ends_on_disconnect = true;
  // dlv (and a program the harness started) exited and their pipes were read to the end:
  // no output can come any more.
  bool output_complete = false;

  // Goroutines and locals when the scenario's first expectation failed (see stop_snapshot).
  std::optional<std::string> failure_snapshot;

  // The earlier of now + `d` and the scenario's own deadline.
  util::Deadline deadline(util::Duration d) const;
  // `d`, or the step's own timeout when it has one.
  util::Duration step_timeout(const scenario::Step& step, util::Duration d) const;
  // Sends a request and waits for its successful response (deadline: the request timeout).
  util::Expected<json> request(const std::string& command, const json& arguments);
  // Starts the program (configurationDone) unless that already happened.
  StepResult ensure_configured(const util::SourceLoc& where);
  // A noDebug launch: dlv runs the program at launch, sends no `initialized` and refuses
  // configurationDone.
  bool no_debug() const;
  // The top-down frames of the stopped thread (stackTrace on first use after a stop).
  util::Expected<const std::vector<json>*> frames();
  // After a disconnect or a closed connection: waits, until `deadline`, for dlv to close the
  // connection and, where it ends (dlv_ends_on_disconnect), for it to exit and for all it and
  // the program wrote to be read (then output_complete). A program the harness started is
  // given at most a second more. Runs its waits once.
  void settle_after_disconnect(util::Deadline deadline);
  // Reads, until `deadline`, everything written so far to the pipes of dlv and of a program
  // the harness started (see process::Child::catch_up).
  void catch_up_output(util::Deadline deadline);
  // Forgets the stop (after any resume).
  void resumed() { stop.reset(); }

 private:
  std::unique_ptr<dap::Session> session_;
  util::Deadline scenario_deadline_;
  bool settled_ = false;
};

}  // namespace runner
