#include "harness/gotool/file_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "harness/util/strings.h"

namespace gotool {
namespace {

constexpr util::Duration kLockPollInterval{20};

}  // namespace

util::Expected<std::unique_ptr<FileLock>> FileLock::acquire(const std::filesystem::path& path,
                                                            util::Deadline deadline) {
  const util::Duration budget = deadline.remaining();
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return util::fail(util::ErrorKind::Io,
                      "cannot open " + path.string() + ": " + std::strerror(errno));
  }
  std::unique_ptr<FileLock> lock(new FileLock(fd));
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      return util::fail(util::ErrorKind::Io,
                        "cannot lock " + path.string() + ": " + std::strerror(errno));
    }
    if (deadline.expired()) {
      return util::fail(util::ErrorKind::Timeout, "another build of the same program held " +
                                                      path.string() + " for " +
                                                      util::format_seconds(budget));
    }
    std::this_thread::sleep_for(kLockPollInterval);
  }
  return lock;
}

FileLock::~FileLock() {
  ::close(fd_);
}

}  // namespace gotool
