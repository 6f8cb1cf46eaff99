#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "harness/gotool/toolchain.h"
#include "harness/util/deadline.h"
#include "harness/util/expected.h"

namespace gotool {

// What to build: a Go main package directory (its own module), and the `go build` flags.
struct BuildRequest {
  std::filesystem::path program_dir;
  std::vector<std::string> flags{"-gcflags=all=-N -l"};
};

// A built binary.
struct BuildResult {
  std::filesystem::path binary;
  bool cache_hit = false;  // true if nothing was built
  util::Duration took{0};  // time spent in build(), lock wait included
  std::string key;         // the cache key (see BuildCache::key)
};

// Content-addressed cache of debug builds. Safe to share between threads and processes: an
// exclusive flock on "<dir>/<key>.lock" is held around check-and-build, so the same program is
// never built twice concurrently, and binaries appear in place by atomic rename.
class BuildCache {
 public:
  BuildCache(std::filesystem::path dir, GoToolchain go);

  // Returns the cached binary "<dir>/<key>/<program dir name>" or builds it with
  // `go build <flags> -o <tmp> .` in the program directory (inherited environment, GOWORK=off).
  // A hit runs no process at all.
  // Errors: Build "go build in <dir> failed (<status>):\n<go's stderr>", Io (cache directory,
  // unreadable sources), Timeout (waiting for the lock, or the build itself).
  util::Expected<BuildResult> build(const BuildRequest& request, util::Deadline deadline) const;

  // SHA-256 hex over: the absolute program directory (binaries embed source paths for the
  // debugger), the Go version text, the flags, the build-relevant environment variables that are
  // set (GOOS, GOARCH, GOAMD64, GOARM, CGO_ENABLED, GOFLAGS, GOEXPERIMENT), and every regular file
  // under the program directory outside hidden directories (sorted relative paths + contents).
  util::Expected<std::string> key(const BuildRequest& request) const;

 private:
  std::filesystem::path dir_;
  GoToolchain go_;
};

}  // namespace gotool
