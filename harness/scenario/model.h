#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "harness/match/matcher.h"
#include "harness/util/deadline.h"
#include "harness/util/source_loc.h"

// Plain data for a loaded, validated scenario. Every node keeps the position it was read from,
// so that any failure at run time can point at the line that asked for it.
namespace scenario {

using util::SourceLoc;

enum class LaunchMode { Debug, Exec, Test };
const char* mode_name(LaunchMode mode);  // "debug", "exec", "test"

// The JSON type a DAP launch attribute must have in a scenario.
enum class AttributeType { Bool, Int, String, StringOrList, List, Map };
// The DAP/vscode-go launch attributes a scenario may pass through to dlv, by name.
const std::vector<std::pair<std::string, AttributeType>>& dap_launch_attributes();

// How the harness reaches dlv: `dlv dap` launching the program (Dap); a headless dlv server
// started with the program (`dlv exec|debug|test --headless --accept-multiclient`) that the
// harness attaches to in mode remote (Headless); `dlv dap` attaching to the program the
// harness started itself, by process id (Attach); or `go test -exec` running the test binary
// under a headless dlv that the harness attaches to in mode remote (GoTestExec).
enum class Topology { Dap, Headless, Attach, GoTestExec };

// How the program is started (the `launch:` map).
struct Launch {
  LaunchMode mode = LaunchMode::Exec;
  Topology topology = Topology::Dap;
  std::optional<std::string> ready_output;  // attach: the program prints this when ready
  std::vector<std::string> args;            // program arguments
  std::map<std::string, std::string> env;   // added to the debuggee's environment
  std::optional<std::string> cwd;           // relative to the program directory
  bool stop_on_entry = false;
  std::optional<std::string> test_run;  // mode test: regex passed as -test.run
  // Further DAP launch attributes passed to dlv as written (showGlobalVariables, outputMode,
  // substitutePath, ...); only names from dap_launch_attributes() are accepted.
  nlohmann::json dap_attributes = nlohmann::json::object();
  SourceLoc loc;
};

// A line breakpoint; `id` is the scenario's own name for it ("" if unnamed).
struct SourceBreakpoint {
  std::string id;
  int line = 0;
  std::optional<std::string> condition;
  std::optional<std::string> hit_condition;
  SourceLoc loc;
};

// All line breakpoints of one source file (path relative to the program directory).
struct BreakpointFile {
  std::string file;
  std::vector<SourceBreakpoint> breakpoints;
  SourceLoc loc;
};

// A function breakpoint, e.g. function: main.fill.
struct FunctionBreakpoint {
  std::string id;
  std::string function;
  std::optional<std::string> condition;
  std::optional<std::string> hit_condition;
  SourceLoc loc;
};

// Expectations on one variable (and, recursively, its children).
struct VarExpect {
  std::string name;  // as DAP shows it: "cfg", "Name", "[0]", "len()"
  SourceLoc loc;
  std::optional<match::Matcher> value;
  std::optional<match::Matcher> type;
  std::optional<match::Matcher> count;    // number of children a plain `variables` request returns
  std::optional<match::Matcher> indexed;  // the variable's indexedVariables
  std::optional<match::Matcher> named;    // the variable's namedVariables
  std::vector<VarExpect> children;        // in file order
};

// Steps. Each is one entry of `steps:`.
struct Continue {};
struct Next {};
struct StepIn {};
struct StepOut {};
// Headless topology: disconnect without ending the program, then attach a second DAP client
// to the same dlv server (initialize, attach remote, breakpoints again).
struct Reconnect {};

struct ExpectStop {
  std::optional<match::Matcher> reason;  // "breakpoint", "step", "exception", ...
  std::optional<std::string> at;         // a breakpoint id that must be in hitBreakpointIds
  SourceLoc at_loc;
  std::optional<match::Matcher> file;         // top frame's source path, relative to program dir
  std::optional<match::Matcher> line;         // top frame's line
  std::optional<match::Matcher> function;     // top frame's name
  std::optional<match::Matcher> description;  // stopped.description (e.g. "panic")
  std::optional<match::Matcher> text;         // stopped.text (e.g. the panic value)
};

struct ExpectVariables {
  std::string scope = "Locals";  // scope name as dlv reports it
  int frame = 0;                 // 0 = top frame of the stopped thread
  std::vector<VarExpect> vars;
};

struct Evaluate {
  std::string expr;
  std::string context = "watch";  // watch | repl | hover | clipboard
  int frame = 0;
  std::optional<match::Matcher> result;  // from `expect:`
  std::optional<match::Matcher> type;
  std::optional<match::Matcher> error;  // the request must fail with this message
};

// Waits until the collected output of `category` satisfies `text`.
struct ExpectOutput {
  std::string category = "stdout";  // stdout | stderr | console | any
  match::Matcher text;              // contains / matches / prefix / eq on the whole output
};

struct ExpectExit {
  match::Matcher code;
};

using StepKind = std::variant<Continue, Next, StepIn, StepOut, ExpectStop, ExpectVariables,
                              Evaluate, ExpectOutput, ExpectExit, Reconnect>;

struct Step {
  std::string keyword;  // as written: "continue", "expect_stop", ...
  StepKind kind;
  std::optional<util::Duration> timeout;  // overrides the runner's default for this step
  SourceLoc loc;
};

// A launch configuration taken from a VS Code launch.json instead of `launch:`, already
// translated the way vscode-go sends it to dlv-dap.
struct LaunchJson {
  std::filesystem::path file;          // absolute
  std::string configuration;           // its "name"
  nlohmann::json arguments;            // the DAP launch arguments
  std::vector<std::string> dlv_flags;  // dlvFlags, for the dlv command line
  SourceLoc loc;
};

struct Scenario;
// The folder the client uses for the program's sources (client_source_root or program_dir).
const std::filesystem::path& client_root(const Scenario& scenario);

struct Scenario {
  std::filesystem::path file;  // the YAML file, as given (relative paths stay relative)
  std::string name;            // `name:`, defaults to the file stem
  std::vector<std::string> tags;
  std::filesystem::path program_dir;  // absolute, exists
  SourceLoc program_loc;
  Launch launch;
  std::optional<LaunchJson> launch_json;  // replaces `launch` when set
  // Where the client (the editor) sees the program's sources when that is not where dlv built
  // them: a symlinked folder, a /mnt/c-style path. Breakpoints are set, and stop files compared,
  // under this root. Absolute; unset = program_dir.
  std::optional<std::filesystem::path> client_source_root;
  std::vector<BreakpointFile> breakpoints;
  std::vector<FunctionBreakpoint> function_breakpoints;
  std::vector<Step> steps;
  std::optional<util::Duration> timeout;  // whole-scenario deadline
  SourceLoc loc;                          // the document start
};

}  // namespace scenario
