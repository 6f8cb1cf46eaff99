#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "harness/dap/json.h"
#include "harness/record/recording.h"
#include "harness/util/expected.h"

// An editor session captured by `harness proxy` (its transcript.txt), read as a recording: what
// `harness record --from-capture` turns into a scenario.
namespace record {

// A breakpoint the editor set, named for the scenario ("main_go_31").
struct CapturedBreakpoint {
  std::string source;  // the editor's path
  int line = 0;
  std::string id;
};

struct Capture {
  dap::json launch;                             // the launch arguments as the editor sent them
  std::vector<CapturedBreakpoint> breakpoints;  // the last setBreakpoints of each source
  Recording recording;  // stops (each with the top frame, the locals the editor was shown and
                        // the children it expanded, its evaluations), output and exit code
  std::vector<std::string>
      notes;  // what was left out, e.g. "stop 2: the editor asked no stackTrace"
};

// Reads a capture's transcript: the launch request; setBreakpoints (ids from dlv's answers, so
// that a stop's hitBreakpointIds name the scenario's breakpoint); each stopped event and the
// request that resumed before it (configurationDone and continue: continue, next, stepIn:
// step_in, stepOut: step_out); at each stop the first stackTrace of the stopped thread (its top
// frame), the variables of that frame's first scope and of the variables expanded below them,
// and the evaluations; output events of categories stdout and stderr; exited. Paths stay as the
// editor and dlv wrote them (see relative_to). Errors (Usage, naming `name`): no launch request.
util::Expected<Capture> read_capture(std::string_view transcript, const std::string& name);

// The folder of the Go program the capture debugged: the launch `program` when it is a folder
// (modes debug, test, auto), the folder of a .go file, else (mode exec: a binary) the folder of
// the first stop's top frame.
std::filesystem::path captured_program_dir(const Capture& capture);

// `path` as a scenario writes it: relative to `program_dir` when inside it, else unchanged.
std::string relative_to(const std::filesystem::path& program_dir, const std::string& path);

// The scenario's head (name, program, launch mode, args and env, breakpoints by file relative
// to `program_dir`), to which the recorded steps are added. `program` is the program folder as
// the scenario names it.
std::string capture_skeleton(const Capture& capture, const std::string& name,
                             const std::string& program, const std::filesystem::path& program_dir);

}  // namespace record
