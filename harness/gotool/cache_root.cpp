#include "harness/gotool/cache_root.h"

#include <cstdlib>

namespace gotool {

std::filesystem::path default_cache_root() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
    return std::filesystem::path(xdg) / "dlv-harness";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::filesystem::path(home) / ".cache" / "dlv-harness";
  return std::filesystem::temp_directory_path() / "dlv-harness-cache";
}

}  // namespace gotool
