#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/scenario/model.h"

namespace scenario {

// One load or validation problem, positioned in its file.
struct Diagnostic {
  SourceLoc loc;
  std::string message;      // "unknown key 'linee' (did you mean 'line'?)"
  std::string source_line;  // the line of the file at loc.line, without newline ("" if unknown)

  // "file:line:col: error: message\n<source line>\n<spaces>^" (the last two only if known).
  std::string str() const;
};

// Everything read from a set of paths: the valid scenarios and the problems of the others.
struct LoadResult {
  std::vector<Scenario> scenarios;      // sorted by file path
  std::vector<Diagnostic> diagnostics;  // empty means every file was valid
};

// A dlv and a Go version (major, minor, patch each), and how messages name them.
struct Cell {
  std::vector<int> dlv, go;
  std::string text;  // "dlv 1.20.2, go 1.19.8"
};

// What a load may know beyond the file: the folders `program: ${NAME}/...` may start with
// (`delve_source`: the Delve module of the dlv under test, found by the runner).
struct LoadOptions {
  std::map<std::string, std::filesystem::path> roots;
  // The dlv and Go the scenario is loaded to run with: `when:` conditions of `any_of`
  // alternatives are decided for them. Unset (validation): every alternative is kept.
  std::optional<Cell> cell = std::nullopt;
};

// The roots `program:` may start with, as `${NAME}`.
const std::vector<std::string>& program_roots();

// Loads one scenario file. On any problem the file yields no scenario and one or more
// diagnostics (all problems found in the file, in file order).
// A `program: ${NAME}/...` whose root `options` lacks loads with program_root set (see Scenario).
LoadResult load_file(const std::filesystem::path& file, const LoadOptions& options = {});
// load_file for text already read: `file` names it in diagnostics and anchors relative paths.
LoadResult load_text(const std::filesystem::path& file, const std::string& text,
                     const LoadOptions& options = {});

// The valid scenarios of a set of paths, as entries, and the problems of the others.
struct IndexResult {
  std::vector<ScenarioEntry> entries;   // sorted by file path
  std::vector<Diagnostic> diagnostics;  // empty means every file was valid
};

// Validates files and directories (recursively: *.yaml and *.yml, sorted, each file once) and
// keeps only the entries of the valid ones. A path that does not exist is a diagnostic.
IndexResult index_paths(const std::vector<std::filesystem::path>& paths);

}  // namespace scenario
