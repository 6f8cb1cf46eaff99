#include "harness/doctor/system_checks.h"
#include "harness/doctor/ptrace_probe.h"

#include <gtest/gtest.h>

#include <fstream>

#include "harness/util/test_support.h"

namespace doctor {
namespace {

namespace fs = std::filesystem;

// A fake machine: files under a scratch root, and an environment.
class FakeSystem {
 public:
  FakeSystem() : root_(util::testing::scratch_dir()) {}
  FakeSystem& file(const std::string& absolute, const std::string& content) {
    auto p = root_ / fs::path(absolute).relative_path();
    fs::create_directories(p.parent_path());
    std::ofstream(p) << content;
    return *this;
  }
  FakeSystem& dir(const std::string& absolute) {
    fs::create_directories(root_ / fs::path(absolute).relative_path());
    return *this;
  }
  FakeSystem& env(const std::string& name, const std::string& value) {
    env_[name] = value;
    return *this;
  }
  SystemView view() const { return SystemView(root_, env_); }
  const fs::path& root() const { return root_; }

 private:
  fs::path root_;
  std::map<std::string, std::string> env_;
};

// A healthy WSL 2 Ubuntu with systemd enabled.
FakeSystem healthy_wsl2() {
  FakeSystem s;
  s.file("/proc/sys/kernel/osrelease", "5.15.153.1-microsoft-standard-WSL2\n")
      .file("/proc/1/comm", "systemd\n")
      .file("/sys/fs/cgroup/cgroup.controllers", "cpu memory pids\n")
      .file("/proc/mounts", "none /dev/shm tmpfs rw,nosuid,nodev 0 0\n")
      .file("/proc/sys/kernel/yama/ptrace_scope", "0\n")
      .dir("/home/dev/src/app")
      .env("WSL_DISTRO_NAME", "Ubuntu-22.04");
  return s;
}

TEST(DoctorSystem, HealthyWsl2) {
  auto s = healthy_wsl2();
  auto checks = system_checks(s.view(), "/home/dev/src/app");
  ASSERT_EQ(checks.size(), 7u);
  EXPECT_EQ(to_text(checks),
            "info  wsl: WSL 2 (distribution Ubuntu-22.04), kernel "
            "5.15.153.1-microsoft-standard-WSL2\n"
            "ok    systemd: systemd is PID 1\n"
            "ok    cgroups: cgroup v2 (unified hierarchy)\n"
            "ok    dev-shm: /dev/shm mounted (tmpfs)\n"
            "ok    ptrace: ptrace_scope 0 (launch and attach work)\n"
            "ok    go-env: no GOFLAGS/GODEBUG settings that affect debugging\n"
            "ok    workspace: /home/dev/src/app\n");
  EXPECT_EQ(worst(checks), Level::Info);
}

TEST(DoctorSystem, BrokenWsl1) {
  FakeSystem s;
  s.file("/proc/sys/kernel/osrelease", "4.4.0-19041-Microsoft\n")
      .file("/proc/1/comm", "init\n")
      .file("/proc/mounts", "rootfs / lxfs rw 0 0\n")
      .file("/proc/sys/kernel/yama/ptrace_scope", "3\n")
      .env("WSL_DISTRO_NAME", "Debian")
      .env("GOFLAGS", "-trimpath -ldflags=-s");
  auto checks = system_checks(s.view(), "/mnt/c/Users/dev/app");
  EXPECT_EQ(to_text(checks),
            "warn  wsl: WSL 1 (distribution Debian), kernel 4.4.0-19041-Microsoft\n"
            "      fix: dlv needs ptrace features WSL 1 emulates poorly: `wsl --set-version "
            "<distro> 2`\n"
            "info  systemd: systemd is not running (PID 1 is init)\n"
            "      fix: not needed by dlv; if other tools want it: [boot] systemd=true in "
            "/etc/wsl.conf, then `wsl --shutdown`\n"
            "info  cgroups: cgroup v1 or no cgroup file system\n"
            "      fix: not needed by dlv; for v2 add kernelCommandLine = cgroup_no_v1=all to "
            ".wslconfig\n"
            "warn  dev-shm: /dev/shm is not mounted\n"
            "      fix: mount it: `sudo mount -t tmpfs -o mode=1777 tmpfs /dev/shm`\n"
            "fail  ptrace: ptrace_scope 3: ptrace is disabled until reboot\n"
            "      fix: set kernel.yama.ptrace_scope=1 in /etc/sysctl.d/ and reboot\n"
            "warn  go-env: GOFLAGS has -trimpath (source paths in the binary no longer match the "
            "files: breakpoints do not verify); GOFLAGS strips symbols or DWARF (-ldflags -s/-w): "
            "nothing to debug\n"
            "      fix: unset GOFLAGS for debug builds\n"
            "warn  workspace: /mnt/c/Users/dev/app is on a Windows drive: slow builds, and paths "
            "VS Code sends may not be the ones dlv sees\n"
            "      fix: keep the code in the Linux file system (e.g. ~/src), or map paths with "
            "substitutePath\n");
  EXPECT_EQ(worst(checks), Level::Fail);
}

TEST(DoctorSystem, PtraceScopeLevels) {
  for (auto [scope, level] : {std::pair{"1", Level::Info}, std::pair{"2", Level::Warn}}) {
    FakeSystem s;
    s.file("/proc/sys/kernel/yama/ptrace_scope", std::string(scope) + "\n");
    EXPECT_EQ(check_ptrace(s.view()).level, level) << scope;
  }
  FakeSystem none;
  EXPECT_EQ(check_ptrace(none.view()).summary, "no Yama ptrace restrictions");
}

TEST(DoctorSystem, WorkspaceBehindASymlink) {
  auto s = healthy_wsl2();
  fs::create_symlink(s.root() / "home/dev/src/app", s.root() / "home/dev/app-link");
  auto check = check_workspace(s.view(), "/home/dev/app-link/");
  EXPECT_EQ(check.level, Level::Warn);
  EXPECT_EQ(check.summary,
            "/home/dev/app-link is reached through a symlink (real path "
            "/home/dev/src/app)");
}

// `go env -w GOFLAGS=...` writes the go env file, which go reads when the variable is unset.
TEST(DoctorSystem, GoflagsFromTheGoEnvFileAreRead) {
  FakeSystem s;
  s.env("HOME", "/home/dev").file("/home/dev/.config/go/env", "GOPROXY=off\nGOFLAGS=-trimpath\n");
  auto check = check_go_environment(s.view());
  EXPECT_EQ(check.level, Level::Warn);
  EXPECT_EQ(check.summary,
            "GOFLAGS has -trimpath (source paths in the binary no longer match the files: "
            "breakpoints do not verify) (set by `go env -w` in /home/dev/.config/go/env)");
  EXPECT_EQ(check.remedy, "`go env -u GOFLAGS` for debug builds");
  // The environment wins over the file; GOENV=off turns the file off.
  s.env("GOFLAGS", "-mod=mod");
  EXPECT_EQ(check_go_environment(s.view()).level, Level::Ok);
  FakeSystem off;
  off.env("HOME", "/home/dev")
      .env("GOENV", "off")
      .file("/home/dev/.config/go/env", "GOFLAGS=-trimpath\n");
  EXPECT_EQ(check_go_environment(off.view()).level, Level::Ok);
}

TEST(DoctorSystem, AMissingWorkspaceIsAFailure) {
  auto s = healthy_wsl2();
  auto check = check_workspace(s.view(), "/home/dev/src/nope");
  EXPECT_EQ(check.level, Level::Fail);
  EXPECT_EQ(check.summary, "/home/dev/src/nope does not exist");
  EXPECT_EQ(check_workspace(s.view(), "/home/dev/src/app").level, Level::Ok);
}

TEST(DoctorSystem, GodebugIsReported) {
  FakeSystem s;
  s.env("GODEBUG", "asyncpreemptoff=1");
  auto check = check_go_environment(s.view());
  EXPECT_EQ(check.level, Level::Info);
  EXPECT_EQ(check.summary, "GODEBUG=asyncpreemptoff=1 applies to the debugged programs");
}

// On this machine dlv debugs, so the probe must attach; a refusal is a failure with a remedy.
TEST(DoctorPtrace, ProbeAttachesToItsChildHereAndARefusalFails) {
  EXPECT_EQ(probe_ptrace(), std::nullopt);
  EXPECT_EQ(check_ptrace_probe(std::nullopt).level, Level::Ok);
  auto refused = check_ptrace_probe(std::string("Operation not permitted"));
  EXPECT_EQ(refused.level, Level::Fail);
  EXPECT_EQ(refused.summary,
            "ptrace of a child this process started was refused (Operation not permitted): dlv "
            "cannot debug here");
}

TEST(DoctorReport, JsonNamesEveryCheckAndTheWorstLevel) {
  std::vector<Check> checks = {{"a", Level::Ok, "fine", ""}, {"b", Level::Warn, "hmm", "do x"}};
  auto j = to_json(checks);
  EXPECT_EQ(j["worst"], "warn");
  ASSERT_EQ(j["checks"].size(), 2u);
  EXPECT_EQ(j["checks"][1]["remedy"], "do x");
  EXPECT_EQ(j["checks"][1]["level"], "warn");
}

}  // namespace
}  // namespace doctor
