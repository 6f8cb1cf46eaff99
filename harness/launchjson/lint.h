#pragma once
#include <optional>
#include <string>
#include <vector>

#include "harness/launchjson/jsonc.h"

// What dlv-dap (through vscode-go) does with each attribute of a VS Code launch configuration,
// and a linter that reports the attributes that silently do nothing.
namespace launchjson {

// How severe a finding is: Warning = the attribute has no effect with dlv-dap; Info = it works
// but needs attention (a version requirement, a deprecated spelling).
enum class Severity { Info, Warning };

// One thing worth telling about one attribute of one configuration.
struct Finding {
  util::SourceLoc where;  // the attribute's value in the file
  Severity severity = Severity::Warning;
  std::string configuration;  // its "name"
  std::string attribute;
  std::string message;  // what happens and what to use instead

  // "file:line:col: warning: [Launch Package] 'dlvLoadConfig' ...".
  std::string str() const;
};

// Everything to report for the "go" configurations of a launch.json document (or the `launch`
// block of a .code-workspace file) and for vscode-go's `go.delveConfig` setting of a
// settings.json (or of a workspace's `settings`). `dlv_version` (e.g. "1.27.2" or "v1.27.2"),
// when known, sharpens advice that depends on the dlv release.
std::vector<Finding> lint_launch(const Document& doc,
                                 const std::optional<std::string>& dlv_version);

// How many "go" configurations the document holds, and whether it holds `go.delveConfig`: a
// file with neither has nothing this linter reads.
std::size_t go_configurations(const Document& doc);
bool has_delve_config(const Document& doc);

}  // namespace launchjson
