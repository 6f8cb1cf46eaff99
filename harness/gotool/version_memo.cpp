#include "harness/gotool/version_memo.h"

#include <sys/stat.h>

#include "harness/gotool/cache_root.h"
#include "harness/gotool/content_hash.h"
#include "harness/util/files.h"

namespace gotool {

std::string file_identity(const std::filesystem::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return "absent";
  std::string out;
  for (long long number :
       {static_cast<long long>(st.st_dev), static_cast<long long>(st.st_ino),
        static_cast<long long>(st.st_size), static_cast<long long>(st.st_mtim.tv_sec),
        static_cast<long long>(st.st_mtim.tv_nsec), static_cast<long long>(st.st_ctim.tv_sec),
        static_cast<long long>(st.st_ctim.tv_nsec)})
    out += std::to_string(number) + " ";
  out.pop_back();
  return out;
}

OutputMemo::OutputMemo(const std::filesystem::path& binary, const std::string& query,
                       const std::string& context) {
  std::error_code ec;
  auto real = std::filesystem::canonical(binary, ec);
  if (ec) return;
  std::string identity = file_identity(real);
  if (identity == "absent") return;
  ContentHash hash;
  hash_field(hash, "format", "tool memo 2");
  hash_field(hash, "path", real.string());
  hash_field(hash, "query", query);
  hash_field(hash, "stat", identity);
  hash_field(hash, "context", context);
  file_ = default_cache_root() / "tool-versions" / hash.hex_digest();
}

std::optional<std::string> OutputMemo::recall() const {
  if (!file_) return std::nullopt;
  auto text = util::read_file(*file_);
  if (!text) return std::nullopt;
  return *text;
}

void OutputMemo::keep(const std::string& output) const {
  if (!file_) return;
  std::error_code ec;
  std::filesystem::create_directories(file_->parent_path(), ec);
  (void)util::write_file_atomically(*file_, output);
}

}  // namespace gotool
