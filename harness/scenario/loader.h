#pragma once
#include <filesystem>
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

// Loads one scenario file. On any problem the file yields no scenario and one or more
// diagnostics (all problems found in the file, in file order).
LoadResult load_file(const std::filesystem::path& file);

// Loads files and directories (recursively: *.yaml and *.yml, sorted). A path that does not
// exist is a diagnostic.
LoadResult load_paths(const std::vector<std::filesystem::path>& paths);

}  // namespace scenario
