#pragma once
#include <filesystem>
#include <optional>
#include <string>

namespace gotool {

// The harness's cache folder: $XDG_CACHE_HOME/dlv-harness, else ~/.cache/dlv-harness, else
// a folder under the system's temporary directory.
std::filesystem::path default_cache_root();

// What a binary printed for a query that depends on nothing but the binary (`dlv version`),
// remembered on disk under default_cache_root()/tool-versions, keyed by the binary's real path,
// device, inode, size, modification and change times: a binary replaced, rebuilt or touched is a
// new key. Saves each `harness run` a dlv start (and the telemetry child it leaves behind).
std::optional<std::string> remembered_output(const std::filesystem::path& binary,
                                             const std::string& query);
// Stores `output` for remembered_output(); a cache that cannot be written is no error.
void remember_output(const std::filesystem::path& binary, const std::string& query,
                     const std::string& output);

}  // namespace gotool
