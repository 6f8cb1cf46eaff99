#include "harness/doctor/system_checks.h"

#include <regex>

#include "harness/util/strings.h"

namespace doctor {

namespace {

std::string first_line(const std::optional<std::string>& text) {
  if (!text) return "";
  return std::string(util::trim(text->substr(0, text->find('\n'))));
}

bool is_wsl(const SystemView& system) {
  std::string release = first_line(system.read("/proc/sys/kernel/osrelease"));
  return release.find("icrosoft") != std::string::npos || system.env("WSL_DISTRO_NAME");
}

}  // namespace

Check check_wsl(const SystemView& system) {
  std::string release = first_line(system.read("/proc/sys/kernel/osrelease"));
  auto distro = system.env("WSL_DISTRO_NAME");
  std::string name = distro ? " (distribution " + *distro + ")" : "";
  if (release.find("microsoft-standard-WSL2") != std::string::npos ||
      release.find("WSL2") != std::string::npos) {
    return {"wsl", Level::Info, "WSL 2" + name + ", kernel " + release, ""};
  }
  if (release.find("Microsoft") != std::string::npos) {
    return {"wsl", Level::Warn, "WSL 1" + name + ", kernel " + release,
            "dlv needs ptrace features WSL 1 emulates poorly: `wsl --set-version <distro> 2`"};
  }
  if (distro) return {"wsl", Level::Info, "WSL" + name + ", kernel " + release, ""};
  return {"wsl", Level::Ok, "not WSL (kernel " + (release.empty() ? "unknown" : release) + ")", ""};
}

Check check_systemd(const SystemView& system) {
  std::string init = first_line(system.read("/proc/1/comm"));
  if (init == "systemd" || system.exists("/run/systemd/system")) {
    return {"systemd", Level::Ok, "systemd is PID 1", ""};
  }
  std::string summary =
      "systemd is not running (PID 1 is " + (init.empty() ? "unknown" : init) + ")";
  if (is_wsl(system)) {
    return {"systemd", Level::Info, summary,
            "not needed by dlv; if other tools want it: [boot] systemd=true in /etc/wsl.conf, "
            "then `wsl --shutdown`"};
  }
  return {"systemd", Level::Info, summary, ""};
}

Check check_cgroups(const SystemView& system) {
  if (system.exists("/sys/fs/cgroup/cgroup.controllers")) {
    return {"cgroups", Level::Ok, "cgroup v2 (unified hierarchy)", ""};
  }
  return {"cgroups", Level::Info, "cgroup v1 or no cgroup file system",
          is_wsl(system) ? "not needed by dlv; for v2 add kernelCommandLine = cgroup_no_v1=all "
                           "to .wslconfig"
                         : ""};
}

Check check_dev_shm(const SystemView& system) {
  auto mounts = system.read("/proc/mounts");
  if (mounts) {
    for (const auto& line : util::split(*mounts, '\n')) {
      auto fields = util::split(line, ' ');
      if (fields.size() > 2 && fields[1] == "/dev/shm") {
        return {"dev-shm", Level::Ok, "/dev/shm mounted (" + fields[2] + ")", ""};
      }
    }
  }
  return {"dev-shm", Level::Warn, "/dev/shm is not mounted",
          "mount it: `sudo mount -t tmpfs -o mode=1777 tmpfs /dev/shm`"};
}

Check check_ptrace(const SystemView& system) {
  auto text = system.read("/proc/sys/kernel/yama/ptrace_scope");
  if (!text) return {"ptrace", Level::Ok, "no Yama ptrace restrictions", ""};
  std::string scope = first_line(text);
  if (scope == "0") return {"ptrace", Level::Ok, "ptrace_scope 0 (launch and attach work)", ""};
  if (scope == "1") {
    return {"ptrace", Level::Info,
            "ptrace_scope 1: dlv can debug what it starts; attaching to a running process needs "
            "root",
            "for attach: `sudo sysctl kernel.yama.ptrace_scope=0` or run dlv as root"};
  }
  if (scope == "2") {
    return {"ptrace", Level::Warn, "ptrace_scope 2: only root may ptrace",
            "`sudo sysctl kernel.yama.ptrace_scope=1` (or 0 for attach)"};
  }
  return {"ptrace", Level::Fail, "ptrace_scope " + scope + ": ptrace is disabled until reboot",
          "set kernel.yama.ptrace_scope=1 in /etc/sysctl.d/ and reboot"};
}

namespace {

// The file `go env -w` writes: $GOENV ("off": none), else $XDG_CONFIG_HOME/go/env, else
// $HOME/.config/go/env; "" when there is none.
std::string go_env_file(const SystemView& system) {
  if (auto goenv = system.env("GOENV"); goenv && !goenv->empty())
    return *goenv == "off" ? "" : *goenv;
  if (auto config = system.env("XDG_CONFIG_HOME"); config && !config->empty())
    return *config + "/go/env";
  if (auto home = system.env("HOME"); home && !home->empty()) return *home + "/.config/go/env";
  return "";
}

// A Go setting as `go` sees it: the environment first, then the `go env -w` file (whose name
// goes to `from`).
std::optional<std::string> go_setting(const SystemView& system, const std::string& name,
                                      std::string& from) {
  if (auto value = system.env(name)) return value;
  std::string file = go_env_file(system);
  auto text = file.empty() ? std::nullopt : system.read(file);
  if (!text) return std::nullopt;
  for (const auto& line : util::split(*text, '\n')) {
    if (!util::starts_with(line, name + "=")) continue;
    from = file;
    return line.substr(name.size() + 1);
  }
  return std::nullopt;
}

}  // namespace

Check check_go_environment(const SystemView& system) {
  std::vector<std::string> problems;
  std::string fix, from;
  if (auto flags = go_setting(system, "GOFLAGS", from)) {
    if (flags->find("-trimpath") != std::string::npos) {
      problems.push_back(
          "GOFLAGS has -trimpath (source paths in the binary no longer match the "
          "files: breakpoints do not verify)");
    }
    static const std::regex strip(R"(-ldflags=[^ ]*-[sw]\b)");
    if (std::regex_search(*flags, strip)) {
      problems.push_back("GOFLAGS strips symbols or DWARF (-ldflags -s/-w): nothing to debug");
    }
    if (!problems.empty() && !from.empty()) {
      problems.back() += " (set by `go env -w` in " + from + ")";
      fix = "`go env -u GOFLAGS` for debug builds";
    } else if (!problems.empty()) {
      fix = "unset GOFLAGS for debug builds";
    }
  }
  if (!problems.empty()) return {"go-env", Level::Warn, util::join(problems, "; "), fix};
  if (auto debug = system.env("GODEBUG"); debug && !debug->empty()) {
    return {"go-env", Level::Info, "GODEBUG=" + *debug + " applies to the debugged programs", ""};
  }
  return {"go-env", Level::Ok, "no GOFLAGS/GODEBUG settings that affect debugging", ""};
}

Check check_workspace(const SystemView& system, const std::filesystem::path& workspace) {
  auto normal = workspace.lexically_normal();
  if (normal.has_relative_path() && normal.filename().empty()) normal = normal.parent_path();
  std::string shown = normal.string();
  static const std::regex windows_drive(R"(^/mnt/[a-zA-Z](/|$))");
  if (std::regex_search(shown, windows_drive)) {
    return {"workspace", Level::Warn,
            shown +
                " is on a Windows drive: slow builds, and paths VS Code sends may not be the "
                "ones dlv sees",
            "keep the code in the Linux file system (e.g. ~/src), or map paths with "
            "substitutePath"};
  }
  std::error_code ec;
  auto given = system.path(shown);
  if (!std::filesystem::is_directory(given, ec)) {
    return {"workspace", Level::Fail,
            shown + (std::filesystem::exists(given, ec) ? " is not a folder" : " does not exist"),
            "give --workspace the folder you open in the editor"};
  }
  auto real = std::filesystem::canonical(given, ec);
  if (!ec && real != given) {
    return {"workspace", Level::Warn,
            shown + " is reached through a symlink (real path " + "/" +
                real.lexically_relative(system.path("/")).string() + ")",
            "open the real path in the editor, or add substitutePath [{from: \"" + shown +
                "\", to: <real path>}]: dlv reports the real path and breakpoints may not "
                "verify"};
  }
  return {"workspace", Level::Ok, shown, ""};
}

std::vector<Check> system_checks(const SystemView& system, const std::filesystem::path& workspace) {
  return {check_wsl(system),
          check_systemd(system),
          check_cgroups(system),
          check_dev_shm(system),
          check_ptrace(system),
          check_go_environment(system),
          check_workspace(system, workspace)};
}

}  // namespace doctor
