#pragma once
#include <filesystem>
#include <memory>

#include "harness/util/deadline.h"
#include "harness/util/expected.h"

namespace gotool {

// An exclusive flock on a file, held until destroyed. Excludes other processes and other threads
// of this one (each acquire opens the file anew).
class FileLock {
 public:
  // Opens (creating) `path` and locks it, polling until `deadline`.
  // Errors: Io (cannot open or lock), Timeout "another build of the same program held PATH for
  // Ns".
  static util::Expected<std::unique_ptr<FileLock>> acquire(const std::filesystem::path& path,
                                                           util::Deadline deadline);
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace gotool
