#pragma once
#include <filesystem>
#include <optional>
#include <utility>
#include <vector>

#include "harness/doctor/check.h"
#include "harness/gotool/toolchain.h"

// Checks of the debugging tools: go, dlv, whether they fit together, whether `dlv dap` answers.
namespace doctor {

// The Go minor versions a dlv release supports (Delve's support windows), e.g. dlv 1.27 ->
// {25, 27}; nullopt for releases whose window is not known here.
std::optional<std::pair<int, int>> go_support_window(const gotool::Version& dlv);

// Whether `dlv` supports `go` (Fail outside the window: dlv refuses to debug).
Check check_go_support(const gotool::DlvTool& dlv, const gotool::GoToolchain& go);

// Finds go and dlv (explicit paths first), checks the support window, and starts `dlv dap` on
// loopback to send it `initialize`. Every wait has a deadline.
std::vector<Check> tool_checks(const std::optional<std::filesystem::path>& go_path,
                               const std::optional<std::filesystem::path>& dlv_path);

}  // namespace doctor
