#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/launchjson/jsonc.h"

// A VS Code launch configuration turned into what vscode-go sends to dlv-dap.
namespace launchjson {

// What VS Code would substitute: the workspace folder, the file open in the editor, the
// environment.
struct Workspace {
  std::filesystem::path folder;               // ${workspaceFolder}
  std::optional<std::filesystem::path> file;  // ${file}, absolute
  std::map<std::string, std::string> env;     // ${env:NAME}
};

// The DAP launch arguments and the extra dlv command-line flags of one configuration.
struct DlvLaunch {
  nlohmann::json arguments;            // the launch (or attach) request's arguments
  std::vector<std::string> dlv_flags;  // from dlvFlags: for the dlv command line
  std::string remote_address;          // attach remote: the host:port the configuration named
};

// The configuration named `name` ("no configuration 'x' in F (did you mean 'y'?)" otherwise).
util::Expected<nlohmann::json> find_configuration(const Document& doc, const std::string& name);

// Resolves ${workspaceFolder}, ${workspaceFolderBasename}, ${file}, ${fileDirname},
// ${fileBasename}, ${fileBasenameNoExtension}, ${relativeFile}, ${cwd}, ${userHome},
// ${pathSeparator} and ${env:NAME} in every string, merges the "linux" block, reads envFile
// (env wins), resolves mode "auto" (test for a *_test.go program, else debug), moves dlvFlags
// to the command line and drops what only VS Code reads (preLaunchTask, presentation, ...).
// Attach configurations: mode remote keeps its attributes but not host/port (the harness
// attaches to the headless dlv it starts itself; the address is kept in remote_address); mode
// local drops processId (the harness attaches to the program it starts).
// Errors: a launch with host/port/debugServer (a dlv started elsewhere), an attach mode other
// than local/remote, an unknown ${variable}, an unreadable envFile.
util::Expected<DlvLaunch> to_dlv_launch(const nlohmann::json& config, const Workspace& workspace);

}  // namespace launchjson
