#pragma once
#include <filesystem>
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

// `steps:` (list of one-keyword maps).
void read_steps(Reader& reader, const Entry& entry, std::vector<Step>& steps);

// One entry of `vars:` or `children:` (name -> {value, type, count, indexed, named, children}).
std::optional<VarExpect> read_variable(Reader& reader, const Entry& entry);

// Finds an existing file or folder `path` (relative paths: from the scenario file's directory
// upwards, the first ancestor where it exists). `what` names it in the error ("program").
util::Expected<std::filesystem::path> resolve_upwards(const std::filesystem::path& scenario_file,
                                                      const std::string& path,
                                                      const std::string& what);

// `launch_json:` ({file, configuration, file_var}), read after `program` is known.
void read_launch_json(Reader& reader, const Entry& entry, Scenario& scenario);

// Finds `program` (relative paths: from the scenario file's directory upwards). The error is the
// diagnostic message.
util::Expected<std::filesystem::path> resolve_program(const std::filesystem::path& scenario_file,
                                                      const std::string& program);

// Checks that need the program directory and every id: breakpoint files exist, `cwd` exists,
// breakpoint ids are unique, each `at` names a declared id.
void check_references(Reader& reader, const Scenario& scenario, const std::string& program,
                      const Pending& pending);

}  // namespace scenario
