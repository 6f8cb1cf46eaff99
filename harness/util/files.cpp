#include "harness/util/files.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace util {

Expected<std::string> read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(ErrorKind::Io, "cannot read " + file.string() + ": " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return fail(ErrorKind::Io, "cannot read " + file.string() + ": read error");
  return text.str();
}

Expected<void> write_file_atomically(const std::filesystem::path& file, const std::string& text) {
  std::error_code ec;
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
  // One temporary file per call, so that threads writing the same file do not share one.
  static std::atomic<unsigned long> writes{0};
  auto tmp = file;
  tmp += ".tmp." + std::to_string(getpid()) + "." + std::to_string(writes++);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) return fail(ErrorKind::Io, "cannot write " + tmp.string());
  }
  std::filesystem::rename(tmp, file, ec);
  if (ec) {
    std::string why = ec.message();
    std::filesystem::remove(tmp, ec);
    return fail(ErrorKind::Io, "cannot write " + file.string() + ": " + why);
  }
  return {};
}

}  // namespace util
