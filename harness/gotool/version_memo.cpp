#include "harness/gotool/version_memo.h"

#include <sys/stat.h>

#include <cstdlib>

#include "harness/gotool/content_hash.h"
#include "harness/util/files.h"

namespace gotool {
namespace {

// The memo's file for `binary` and `query`; nullopt when the binary cannot be stat'ed.
std::optional<std::filesystem::path> memo_file(const std::filesystem::path& binary,
                                               const std::string& query) {
  std::error_code ec;
  auto real = std::filesystem::canonical(binary, ec);
  struct stat st {};
  if (ec || ::stat(real.c_str(), &st) != 0) return std::nullopt;
  ContentHash hash;
  hash_field(hash, "format", "tool memo 1");
  hash_field(hash, "path", real.string());
  hash_field(hash, "query", query);
  for (long long number :
       {static_cast<long long>(st.st_dev), static_cast<long long>(st.st_ino),
        static_cast<long long>(st.st_size), static_cast<long long>(st.st_mtim.tv_sec),
        static_cast<long long>(st.st_mtim.tv_nsec), static_cast<long long>(st.st_ctim.tv_sec),
        static_cast<long long>(st.st_ctim.tv_nsec)})
    hash_field(hash, "stat", std::to_string(number));
  return default_cache_root() / "tool-versions" / hash.hex_digest();
}

}  // namespace

std::filesystem::path default_cache_root() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
    return std::filesystem::path(xdg) / "dlv-harness";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::filesystem::path(home) / ".cache" / "dlv-harness";
  return std::filesystem::temp_directory_path() / "dlv-harness-cache";
}

std::optional<std::string> remembered_output(const std::filesystem::path& binary,
                                             const std::string& query) {
  auto file = memo_file(binary, query);
  if (!file) return std::nullopt;
  auto text = util::read_file(*file);
  if (!text) return std::nullopt;
  return *text;
}

void remember_output(const std::filesystem::path& binary, const std::string& query,
                     const std::string& output) {
  auto file = memo_file(binary, query);
  if (!file) return;
  std::error_code ec;
  std::filesystem::create_directories(file->parent_path(), ec);
  (void)util::write_file_atomically(*file, output);
}

}  // namespace gotool
