#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "harness/scenario/model.h"
#include "harness/scenario/yaml_reader.h"

// The readers of the parts of a scenario file and the checks that need the whole file. Each
// reports its problems through the Reader and fills what it could read.
namespace scenario {

// Facts gathered while reading that are checked once the whole file is read.
struct Pending {
  std::vector<std::pair<std::string, SourceLoc>> breakpoint_ids;  // id and its value's position
  std::optional<SourceLoc> cwd_loc;                               // where `cwd` was written
};

// `launch:` (mode, args, env, cwd, stopOnEntry, test_run).
void read_launch(Reader& reader, const Entry& entry, Launch& launch, Pending& pending);

// `breakpoints:` (file -> list of {id, line, condition, hitCondition}).
void read_breakpoints(Reader& reader, const Entry& entry, std::vector<BreakpointFile>& files,
                      Pending& pending);

// `function_breakpoints:` (list of {id, function, condition, hitCondition}).
void read_function_breakpoints(Reader& reader, const Entry& entry,
                               std::vector<FunctionBreakpoint>& breakpoints, Pending& pending);

// `set_breakpoints:` step ({file, breakpoints: [...]}, the same entries as `breakpoints:`).
std::optional<StepKind> read_set_breakpoints(Reader& reader, const Entry& body);
// `set_function_breakpoints:` step (a list, the same entries as `function_breakpoints:`).
std::optional<StepKind> read_set_function_breakpoints(Reader& reader, const Entry& body);
// `exception_filters:` (a list of dlv's exception filter names, possibly empty).
void read_exception_filters(Reader& reader, const Entry& entry, Scenario& scenario);
// Reports every breakpoint id of `ids` declared again after its first declaration.
void check_unique_ids(Reader& reader, const std::vector<std::pair<std::string, SourceLoc>>& ids);

// `steps:` (list of one-keyword maps).
void read_steps(Reader& reader, const Entry& entry, std::vector<Step>& steps);

// `expect_stack:` ({frames, exact, total_frames, start_frame, levels, thread}).
std::optional<StepKind> read_expect_stack(Reader& reader, const Entry& body);
// `request:` ({command, arguments}) with its `expect:` ({success, message, error, body}).
std::optional<StepKind> read_request(Reader& reader, const Entry& body, const Entry* expect);
// `expect_events: {in_order, absent, exact, ignore}` (read_events.cpp).
std::optional<StepKind> read_expect_events(Reader& reader, const Entry& body);
// `exact`, `ordered` or `each` of a variables list into `list`; false for any other key.
bool read_list_option(Reader& reader, const Entry& pair, ListExpect& list);
// `body:` and below: a map or list mirrors the JSON value, anything else is a matcher.
std::optional<JsonExpect> read_json_expect(Reader& reader, const Entry& entry);
// `expect_threads:` ({count, names, absent}).
std::optional<StepKind> read_expect_threads(Reader& reader, const Entry& body);
// The optional `{thread: MATCHER}` of continue / next / step_in / step_out; `ok` is false when
// the body had a problem (already reported).
std::optional<match::Matcher> read_thread_selector(Reader& reader, const Entry& body, bool& ok);

// One entry of `vars:` or `children:` (name -> {value, type, count, indexed, named, children}).
std::optional<VarExpect> read_variable(Reader& reader, const Entry& entry);

// `client:` (initialize capability switches such as supportsVariablePaging: false).
void read_client(Reader& reader, const Entry& entry, std::map<std::string, bool>& capabilities);

// A version range ">=1.21.1, <1.30"; the error text is the diagnostic.
util::Expected<VersionRange> parse_range(const std::string& text);

// `requires:` ({dlv: RANGE, go: RANGE, os: NAME, capabilities: [NAME, ...]}).
void read_requires(Reader& reader, const Entry& entry, Requirements& requirements);
// `allow_events:` (DAP event names that strict mode lets pass unexpected).
void read_allow_events(Reader& reader, const Entry& entry, std::vector<std::string>& events);
// A capture name (`save:`): letters, digits and '_', not starting with a digit.
std::optional<std::string> read_capture_name(Reader& reader, const Entry& entry);
// Reports every `${name}` in the strings of a step (`item`) that no earlier step saves
// (`saved`), then adds the names this step saves.
void check_captures(Reader& reader, const YAML::Node& item, const Step* step,
                    std::vector<std::string>& saved);

// Finds an existing file or folder `path` (relative paths: from the scenario file's directory
// upwards, the first ancestor where it exists). `what` names it in the error ("program").
util::Expected<std::filesystem::path> resolve_upwards(const std::filesystem::path& scenario_file,
                                                      const std::string& path,
                                                      const std::string& what);

// `launch_json:` ({file, configuration, file_var}), read after `program` is known.
void read_launch_json(Reader& reader, const Entry& entry, Scenario& scenario);

// Where a program is: its real folder, symlinks resolved (the path Go records in the binary),
// and for a single-file program the file's name in it.
struct ProgramPath {
  std::filesystem::path dir;
  std::string file;  // empty: the package in `dir`
};
// Finds `program`, a package folder or one .go file (relative paths: from the scenario file's
// directory upwards). The error is the diagnostic message.
util::Expected<ProgramPath> resolve_program(const std::filesystem::path& scenario_file,
                                            const std::string& program);

// Checks that need the program directory and every id: breakpoint files exist, `cwd` exists,
// breakpoint ids are unique, each `at` names a declared id.
void check_references(Reader& reader, const Scenario& scenario, const std::string& program,
                      const Pending& pending);

}  // namespace scenario
