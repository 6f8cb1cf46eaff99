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
  // Added to the debuggee's environment; nullopt (YAML null, as vscode-go sends it) unsets one.
  std::map<std::string, std::optional<std::string>> env;
  std::optional<std::string> cwd;  // relative to the program directory
  bool stop_on_entry = false;
  std::optional<std::string> test_run;  // mode test or test_binary: regex passed as -test.run
  bool test_binary = false;  // mode exec: the harness builds the test binary (`go test -c`)
  // Further DAP launch attributes passed to dlv as written (showGlobalVariables, outputMode,
  // substitutePath, ...); only names from dap_launch_attributes() are accepted.
  nlohmann::json dap_attributes = nlohmann::json::object();
  SourceLoc loc;
};

// Where dlv placed a verified breakpoint (`resolved: {file, line}`): the answer's source.path
// (relative to the program directory when inside it) and line. At least one is set.
struct Resolved {
  std::optional<match::Matcher> file;
  std::optional<match::Matcher> line;
};

// What dlv must answer for one breakpoint: verified (the default), or (`verified: false`)
// unverified with a `message` that matches.
struct Verification {
  bool verified = true;
  std::optional<match::Matcher> message;  // only with verified == false
  std::optional<Resolved> resolved;       // only with verified == true
};

// A line breakpoint; `id` is the scenario's own name for it ("" if unnamed). With a
// `log_message` it is a logpoint: dlv prints the message ({expr} interpolated) instead of stopping.
struct SourceBreakpoint {
  std::string id;
  int line = 0;
  std::optional<std::string> condition;
  std::optional<std::string> hit_condition;
  std::optional<std::string> log_message;
  Verification verification;
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
  Verification verification;
  SourceLoc loc;
};

// One page of a variable's children: `variables {filter, start, count}` (DAP variable paging).
struct VariablePage {
  std::string filter;  // "indexed" | "named"
  int start = 0;
  int count = 0;  // 0 = all from `start`
  SourceLoc loc;
};

// `each:` a predicate every entry of a variables list must satisfy.
struct EachExpect {
  std::optional<match::Matcher> name;
  std::optional<match::Matcher> value;
  std::optional<match::Matcher> type;
  SourceLoc loc;
};

// Expectations on a variables list as a whole: a scope's variables, or a variable's children.
struct ListExpect {
  bool exact = false;    // nothing but the named entries
  bool ordered = false;  // the named entries come in the order written
  std::optional<EachExpect> each;
};

// Expectations on one variable (and, recursively, its children).
struct VarExpect {
  std::string name;  // as DAP shows it: "cfg", "Name", "[0]", "len()"
  SourceLoc loc;
  std::optional<match::Matcher> value;
  std::optional<match::Matcher> type;
  std::optional<match::Matcher> evaluate_name;  // the variable's evaluateName
  bool absent = false;  // the variable must not exist (no other expectation allowed)
  std::optional<match::Matcher> count;     // number of children a plain `variables` request returns
  std::optional<match::Matcher> indexed;   // the variable's indexedVariables
  std::optional<match::Matcher> named;     // the variable's namedVariables
  std::optional<match::Matcher> distinct;  // number of different names among the children
  // `page:` one or more pages; the checks on children apply to them, concatenated, instead of
  // to what a plain `variables` request returns.
  std::vector<VariablePage> pages;
  std::vector<VarExpect> children;  // in file order
  ListExpect children_list;         // exact / ordered / each, on the children
  std::optional<int> position;      // its index among its siblings (0: the first)
  std::optional<std::string> save;  // capture name that receives the variable's value
};

// Steps. Each is one entry of `steps:`.
// continue / next / step_in / step_out act on the thread that last stopped, or on the one
// thread whose name (as `threads` reports it, e.g. "[Go 7] main.courier") matches `thread`.
struct Continue {
  std::optional<match::Matcher> thread;
};
struct Next {
  std::optional<match::Matcher> thread;
};
struct StepIn {
  std::optional<match::Matcher> thread;
};
struct StepOut {
  std::optional<match::Matcher> thread;
};
// Headless topology: disconnect without ending the program, then attach a second DAP client
// to the same dlv server (initialize, attach remote, breakpoints again).
struct Reconnect {};

// `hit_breakpoint_ids` of expect_stop: stopped.hitBreakpointIds as sent, one matcher per
// element (dlv's own numbers), or `{absent: true}`: the event has no hitBreakpointIds.
struct HitIds {
  bool absent = false;
  std::vector<match::Matcher> ids;  // empty with absent == false: an empty list
  SourceLoc loc;
};

struct ExpectStop {
  std::optional<match::Matcher> reason;  // "breakpoint", "step", "exception", ...
  std::optional<std::string> at;         // a breakpoint id that must be in hitBreakpointIds
  SourceLoc at_loc;
  std::optional<match::Matcher> file;         // top frame's source path, relative to program dir
  std::optional<match::Matcher> line;         // top frame's line
  std::optional<match::Matcher> function;     // top frame's name
  std::optional<match::Matcher> description;  // stopped.description (e.g. "panic")
  std::optional<match::Matcher> text;         // stopped.text (e.g. the panic value)
  std::optional<match::Matcher> thread;       // the stopped thread's name, from `threads`
  std::optional<match::Matcher> all_threads_stopped;  // stopped.allThreadsStopped
  std::optional<HitIds> hit_breakpoint_ids;
};

struct ExpectVariables {
  std::string scope = "Locals";  // scope name as dlv reports it
  int frame = 0;                 // 0 = top frame of the stopped thread
  std::vector<VarExpect> vars;
  ListExpect list;                          // exact / ordered / each, on the scope's variables
  std::optional<match::Matcher> count;      // how many variables the scope holds
  std::optional<match::Matcher> expensive;  // the scope's `expensive` flag
};

struct Evaluate {
  std::string expr;
  std::string context = "watch";  // watch | repl | hover | clipboard
  // `frame: N`: the frame at depth N of the stopped thread. Unset: the top frame, or no frame
  // when dlv cannot produce the stack (a stop at entry has no goroutine yet).
  std::optional<int> frame;
  bool without_frame = false;            // `frame: none`: never send a frameId
  std::optional<match::Matcher> result;  // from `expect:`
  std::optional<match::Matcher> type;
  std::optional<match::Matcher> error;    // the request must fail with this message
  std::optional<std::string> save;        // capture name that receives the result
  std::optional<match::Matcher> indexed;  // the result's indexedVariables (0 when not sent)
  std::optional<match::Matcher> named;    // the result's namedVariables (0 when not sent)
  std::optional<match::Matcher> count;    // children a `variables` request of the result returns
};

// Waits until the collected output of `category` satisfies `text`, or (`in_order`) until each
// matcher matches a line after the line the previous one matched. Exactly one of the two is set.
struct ExpectOutput {
  std::string category = "stdout";     // stdout | stderr | console | any | dlv
  std::optional<match::Matcher> text;  // contains / matches / prefix / eq on the whole output
  std::vector<match::Matcher> in_order;
  std::vector<match::Matcher> absent;  // no line matches any of them (checked, not awaited)
};

struct ExpectExit {
  match::Matcher code;
};

// DAP `setVariable` in a scope of a frame. `name` is a variable of the scope or a path of child
// names below one ("cfg.Name", "ages.\"ann\""); `expect:` checks the response.
struct SetVariable {
  std::string name;
  std::string value;  // a Go expression, as typed into the editor
  std::string scope = "Locals";
  int frame = 0;
  std::optional<match::Matcher> result;  // the response's value
  std::optional<match::Matcher> type;
  std::optional<match::Matcher> error;  // the request must fail with this message
};

// Expectations on one frame of a `stackTrace` answer.
struct FrameExpect {
  std::optional<match::Matcher> function;  // the frame's name
  std::optional<match::Matcher> file;      // source path, relative to the program dir if inside
  std::optional<match::Matcher> line;
  std::optional<match::Matcher> presentation_hint;  // "normal" when dlv sends none
  SourceLoc loc;
};

// A `stackTrace {startFrame, levels}` of the stopped thread (or of the one whose name matches
// `thread`), checked frame by frame from the first returned one.
struct ExpectStack {
  std::vector<FrameExpect> frames;
  bool exact = false;  // true: exactly these frames; false: these are the first frames
  std::optional<match::Matcher> total_frames;  // the response's totalFrames
  int start_frame = 0;
  std::optional<int> levels;  // unset: the default depth (50)
  std::optional<match::Matcher> thread;
  // `error:`: dlv must refuse the stackTrace with this message (at a stopOnEntry stop: "Unable
  // to produce stack trace: unknown goroutine 1"); no frame checks then.
  std::optional<match::Matcher> error;
  SourceLoc loc;
};

// How many threads have a name that `name` matches ("3 × main.worker").
struct ThreadCount {
  match::Matcher name;
  match::Matcher count;
};

// A `threads` request: how many, names that must be there, names that must not.
struct ExpectThreads {
  std::optional<match::Matcher> count;
  std::vector<match::Matcher> names;   // each matches at least one thread name
  std::vector<match::Matcher> absent;  // none matches any thread name
  std::vector<ThreadCount> counts;
};

// DAP setBreakpoints during the run: replaces the whole set of breakpoints of `file.file`.
struct SetBreakpoints {
  BreakpointFile file;
};
// DAP setFunctionBreakpoints during the run: replaces every function breakpoint.
struct SetFunctionBreakpoints {
  std::vector<FunctionBreakpoint> breakpoints;
};
// DAP pause of the running program (dlv halts every goroutine).
struct Pause {};
// DAP `disconnect`: the client leaves. Afterwards the harness waits until what follows is
// complete: the connection closed and, where dlv ends (every `dlv dap`; a headless server told
// to terminate the debuggee), dlv exited and its output read. Then only expect_output,
// expect_exit and expect_dlv_exit may follow.
struct Disconnect {
  std::optional<bool> terminate_debuggee;  // terminateDebuggee; unset: not sent (dlv decides)
  std::optional<bool> suspend_debuggee;    // suspendDebuggee; unset: not sent
};
// dlv's own exit status: waits for the dlv process to end and checks its exit code.
struct ExpectDlvExit {
  match::Matcher code;
};
// DAP exceptionInfo for the stopped thread: checks the answer, or (`error`) the refusal.
struct ExceptionInfo {
  std::optional<match::Matcher> exception_id;
  std::optional<match::Matcher> description;
  std::optional<match::Matcher> break_mode;
  std::optional<match::Matcher> details;  // details.stackTrace
  std::optional<match::Matcher> error;    // the request must fail with this message
};

// Expectations on a JSON value mirrored by a YAML tree: a map selects members by key, a list
// selects elements by index (neither is ever empty), a leaf is a matcher on the value's text.
struct JsonExpect {
  struct Member;                       // a map member: its key and the expectation on its value
  std::optional<match::Matcher> leaf;  // set: this value is a leaf
  std::vector<Member> members;         // a map: key -> expectation
  std::vector<JsonExpect> items;       // a list: element i -> expectation
};
// Not a std::pair: a pair of an incomplete type inside the type itself does not compile with
// clang and libstdc++ (the checked build).
struct JsonExpect::Member {
  std::string key;
  JsonExpect expect;
};

// `request`: any DAP request but the lifecycle ones, with its whole response checked. `command:
// initialize` sends nothing and checks the initialize response the handshake received.
struct Request {
  std::string command;
  nlohmann::json arguments = nlohmann::json::object();
  // JSON pointers of the plain (unquoted) argument scalars that hold a `${name}`: once
  // substituted, a value that reads as an integer is sent as a JSON number.
  std::vector<std::string> plain_placeholders;
  bool success = true;  // false (`success: false`, or `message`/`error` given): must fail
  std::optional<match::Matcher> message;  // the response's `message`
  std::optional<match::Matcher> error;    // the response's body.error.format
  std::optional<JsonExpect> body;
};

// One event an `expect_events` step looks for: its name, and optionally expectations on its body.
struct EventExpect {
  std::string event;
  std::optional<JsonExpect> body;
  SourceLoc loc;
};

// `expect_events`: the events dlv sent since the previous expect_events step (or since the
// connection began). `in_order` must be among them in that order (others may come between; the
// step waits for them), none of `absent` may be; with `exact` the events, but for the `ignore`d
// names, are `in_order` and nothing else.
struct ExpectEvents {
  std::vector<EventExpect> in_order;
  std::vector<EventExpect> absent;
  bool exact = false;
  std::vector<std::string> ignore;
};

using StepKind =
    std::variant<Continue, Next, StepIn, StepOut, ExpectStop, ExpectVariables, Evaluate,
                 ExpectOutput, ExpectExit, Reconnect, SetVariable, ExpectStack, ExpectThreads,
                 SetBreakpoints, SetFunctionBreakpoints, Pause, ExceptionInfo, Disconnect,
                 ExpectDlvExit, Request, ExpectEvents>;

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

// A version range such as ">=1.21.1, <1.30": every comparison must hold.
struct VersionRange {
  struct Comparison {
    std::string op;            // ">=", ">", "<=", "<", "=="
    std::vector<int> version;  // major, minor, patch (missing parts are 0)
  };
  std::string text;  // as written
  std::vector<Comparison> comparisons;
  // True when `version` (major, minor, patch) satisfies every comparison.
  bool contains(const std::vector<int>& version) const;
};

// `requires:` of a scenario. dlv, go and os are checked before dlv starts; capabilities (names
// of boolean `initialize` response capabilities) right after `initialize`.
struct Requirements {
  std::optional<VersionRange> dlv;
  std::optional<VersionRange> go;
  std::optional<std::string> os;  // "linux", "darwin", "windows" (compared with the build's OS)
  std::vector<std::string> capabilities;
  SourceLoc loc;
};

struct Scenario;
// The folder the client uses for the program's sources (client_source_root or program_dir).
const std::filesystem::path& client_root(const Scenario& scenario);

struct Scenario {
  std::filesystem::path file;  // the YAML file, as given (relative paths stay relative)
  std::string name;            // `name:`, defaults to the file stem
  std::vector<std::string> tags;
  std::filesystem::path program_dir;  // absolute, exists, symlinks resolved (as Go records it)
  // `program:` names one .go file (a folder of many `package main` files, as Delve's _fixtures):
  // its name inside program_dir. Empty: the program is the package in program_dir.
  std::string program_file;
  // `program: ${ROOT}/...` loaded without that root (`harness validate` knows no dlv): the root's
  // name, and program_dir stays empty until the file is loaded with LoadOptions::roots.
  std::optional<std::string> program_root;
  SourceLoc program_loc;
  Launch launch;
  std::optional<LaunchJson> launch_json;  // replaces `launch` when set
  // Where the client (the editor) sees the program's sources when that is not where dlv built
  // them: a symlinked folder, a /mnt/c-style path. Breakpoints are set, and stop files compared,
  // under this root. Absolute; unset = program_dir.
  std::optional<std::filesystem::path> client_source_root;
  std::vector<BreakpointFile> breakpoints;
  std::vector<FunctionBreakpoint> function_breakpoints;
  // `exception_filters:` sent with setExceptionBreakpoints during the handshake (unset: none
  // sent, dlv keeps its defaults).
  std::optional<std::vector<std::string>> exception_filters;
  SourceLoc exception_filters_loc;
  std::vector<Step> steps;
  std::optional<util::Duration> timeout;  // whole-scenario deadline
  // `client:` capability switches that replace the harness's defaults in the `initialize`
  // request (e.g. supportsVariablePaging: false); only the switches read_client accepts.
  std::map<std::string, bool> client_capabilities;
  Requirements requirements;  // `requires:` gates; unmet ones skip the scenario
  // `strict:`: true/false override `harness run --strict`; unset follows it.
  std::optional<bool> strict;
  SourceLoc strict_loc;                   // the `strict:` key; unset: the document start
  std::vector<std::string> allow_events;  // `allow_events:` added to the strict allow-list
  SourceLoc loc;                          // the document start
};

// What selecting, listing and reporting need of a scenario, without its steps: a run keeps one
// of these per scenario and loads the whole Scenario only while it runs (memory stays flat in the
// size of the suite).
struct ScenarioEntry {
  std::filesystem::path file;
  std::string name;
  std::vector<std::string> tags;
  LaunchMode mode = LaunchMode::Exec;
  SourceLoc loc;
};
ScenarioEntry entry_of(const Scenario& scenario);

}  // namespace scenario
