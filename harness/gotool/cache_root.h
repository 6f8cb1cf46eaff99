#pragma once
#include <filesystem>

namespace gotool {

// The harness's cache folder: $XDG_CACHE_HOME/dlv-harness, else ~/.cache/dlv-harness, else
// a folder under the system's temporary directory.
std::filesystem::path default_cache_root();

}  // namespace gotool
