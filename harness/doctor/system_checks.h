#pragma once
#include <filesystem>
#include <vector>

#include "harness/doctor/check.h"
#include "harness/doctor/system_view.h"

// Checks of the machine itself (no processes started): WSL, systemd, cgroups, /dev/shm, ptrace,
// Go environment variables, the workspace path.
namespace doctor {

// WSL 1 or 2 (kernel release, WSL_DISTRO_NAME), or not WSL.
Check check_wsl(const SystemView& system);
// Whether systemd runs as PID 1 (WSL needs [boot] systemd=true in /etc/wsl.conf for it).
Check check_systemd(const SystemView& system);
// cgroup v2 (unified hierarchy) or v1.
Check check_cgroups(const SystemView& system);
// /dev/shm mounted (Go programs and dlv's telemetry use it; WSL 1 lacks it at times).
Check check_dev_shm(const SystemView& system);
// Yama ptrace_scope: 0/1 fine for launching, attach to a running process needs 0 (or root).
Check check_ptrace(const SystemView& system);
// GOFLAGS (from the environment or the `go env -w` file) / GODEBUG settings that break or change
// debugging.
Check check_go_environment(const SystemView& system);
// A workspace that is missing (a failure), under a Windows drive (/mnt/c/...) or reached through
// a symlink.
Check check_workspace(const SystemView& system, const std::filesystem::path& workspace);

// All of the above, in that order.
std::vector<Check> system_checks(const SystemView& system, const std::filesystem::path& workspace);

}  // namespace doctor
