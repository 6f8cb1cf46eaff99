#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>

// What the doctor reads of the machine, behind a root folder and an environment that tests
// replace with a fake WSL /proc, /etc and variables.
namespace doctor {

class SystemView {
 public:
  // The real machine: files under "/", the process environment.
  static SystemView real();
  // Files under `root` (e.g. a test folder holding proc/, etc/, sys/), the given environment.
  SystemView(std::filesystem::path root, std::map<std::string, std::string> env);

  // Content of an absolute path such as "/proc/sys/kernel/osrelease", or nullopt.
  std::optional<std::string> read(const std::string& absolute) const;
  // True if the path exists under the root.
  bool exists(const std::string& absolute) const;
  // An environment variable, or nullopt when unset.
  std::optional<std::string> env(const std::string& name) const;
  // The root-relative filesystem path of an absolute one.
  std::filesystem::path path(const std::string& absolute) const;

 private:
  std::filesystem::path root_;
  std::map<std::string, std::string> env_;
};

}  // namespace doctor
