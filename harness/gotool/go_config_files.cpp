#include "harness/gotool/go_config_files.h"

#include <cstdlib>
#include <string>

namespace gotool {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> env(const char* name) {
  const char* value = std::getenv(name);
  if (!value || !*value) return std::nullopt;
  return std::string(value);
}

}  // namespace

std::optional<fs::path> goenv_file() {
  if (auto goenv = env("GOENV")) {
    if (*goenv == "off") return std::nullopt;
    return fs::path(*goenv);
  }
  if (auto config = env("XDG_CONFIG_HOME")) return fs::path(*config) / "go" / "env";
  if (auto home = env("HOME")) return fs::path(*home) / ".config" / "go" / "env";
  return std::nullopt;
}

std::optional<fs::path> goroot_of(const fs::path& go) {
  if (auto root = env("GOROOT")) return fs::path(*root);
  std::error_code ec;
  fs::path real = fs::canonical(go, ec);
  if (ec || !real.has_parent_path()) return std::nullopt;
  return real.parent_path().parent_path();
}

}  // namespace gotool
