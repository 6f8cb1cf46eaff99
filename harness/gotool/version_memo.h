#pragma once
#include <filesystem>
#include <optional>
#include <string>

namespace gotool {

// What a binary printed for a query, remembered on disk under default_cache_root()/tool-versions,
// keyed by the binary's real path, device, inode, size, modification and change times (a binary
// replaced, rebuilt or touched is a new key) and by `context`: whatever else the answer depends
// on, spelled out by the caller (empty for `dlv version`, which depends on the binary alone).
// Saves each `harness run` a tool start (and the telemetry child a tool may leave behind).
class OutputMemo {
 public:
  OutputMemo(const std::filesystem::path& binary, const std::string& query,
             const std::string& context = "");
  // The remembered output, or nullopt (never asked, or the binary cannot be stat'ed).
  std::optional<std::string> recall() const;
  // Stores `output` for recall(); a cache that cannot be written is no error.
  void keep(const std::string& output) const;

 private:
  std::optional<std::filesystem::path> file_;  // unset when the binary cannot be stat'ed
};

// "DEV INO SIZE MTIME CTIME" of `file` (following links), or "absent": a file's identity for a
// memo key, which changes whenever the file is replaced, rewritten or touched.
std::string file_identity(const std::filesystem::path& file);

}  // namespace gotool
