#include "harness/process/path_lookup.h"

#include <unistd.h>

#include <cstdlib>

#include "harness/util/strings.h"

namespace process {

bool is_executable_file(const std::filesystem::path& path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0;
}

std::optional<std::filesystem::path> find_executable(std::string_view name,
                                                     const std::optional<std::string>& path_var) {
  if (name.empty()) return std::nullopt;
  if (name.find('/') != std::string_view::npos) {
    std::filesystem::path direct(name);
    return is_executable_file(direct) ? std::optional(direct) : std::nullopt;
  }
  std::string dirs;
  if (path_var) {
    dirs = *path_var;
  } else if (const char* env = std::getenv("PATH")) {
    dirs = env;
  }
  for (const std::string& dir : util::split(dirs, ':')) {
    std::filesystem::path candidate = std::filesystem::path(dir.empty() ? "." : dir) / name;
    if (is_executable_file(candidate)) return candidate;
  }
  return std::nullopt;
}

}  // namespace process
