#pragma once
#include <filesystem>
#include <optional>
#include <string>

namespace gotool {

// What a binary printed for a query that depends on nothing but the binary (`dlv version`),
// remembered on disk under default_cache_root()/tool-versions, keyed by the binary's real path,
// device, inode, size, modification and change times: a binary replaced, rebuilt or touched is a
// new key. Saves each `harness run` a dlv start (and the telemetry child it leaves behind).
class OutputMemo {
 public:
  OutputMemo(const std::filesystem::path& binary, const std::string& query);
  // The remembered output, or nullopt (never asked, or the binary cannot be stat'ed).
  std::optional<std::string> recall() const;
  // Stores `output` for recall(); a cache that cannot be written is no error.
  void keep(const std::string& output) const;

 private:
  std::optional<std::filesystem::path> file_;  // unset when the binary cannot be stat'ed
};

}  // namespace gotool
