#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "harness/gotool/toolchain.h"
#include "harness/util/deadline.h"
#include "harness/util/expected.h"

namespace gotool {

// What to build: a Go main package directory (or one .go file in it), and the `go build` flags.
struct BuildRequest {
  std::filesystem::path program_dir;
  std::string file = {};     // a single-file program's name in program_dir; empty: the package
  bool test_binary = false;  // the package's test binary (`go test -c`) instead of its program
  std::vector<std::string> flags{"-gcflags=all=-N -l"};
};

// A built binary.
struct BuildResult {
  std::filesystem::path binary;
  bool cache_hit = false;  // true if nothing was built
  util::Duration took{0};  // time spent in build(), lock wait included
  std::string key;         // the cache key (see BuildCache::key)
};

// Cache of debug builds, keyed in two levels: the settings key (settings_key: go, flags,
// environment, the real program folder) names a manifest "<dir>/<settings key>.inputs" of what
// `go list` said the build reads (BuildInputs); the key hashes the settings key with the current
// content of those inputs. Safe to share between threads and processes: an exclusive flock on
// "<dir>/<key>.lock" is held around check-and-build, so the same program is never built twice
// concurrently; "<dir>/<key>.source" records the real folder the entry was built from, written
// before the binary is renamed into place.
class BuildCache {
 public:
  BuildCache(std::filesystem::path dir, GoToolchain go);

  // Returns the cached binary "<dir>/<key>/<program folder name>" when the manifest's inputs are
  // unchanged and the entry was built from this program folder: a hit runs no process at all.
  // Otherwise runs `go list` (a fresh manifest; when go list fails, the program folder's own
  // files are the inputs) and, unless that key is cached, `go build <flags> -o <tmp> .` in the
  // real program folder (inherited environment, GOWORK=off, PWD the real folder).
  // Errors: Build "go build in <dir> failed (<status>):\n<go's stderr>", Io (program folder
  // missing, cache folder, unreadable sources), Timeout (go list, the lock, the build).
  util::Expected<BuildResult> build(const BuildRequest& request, util::Deadline deadline) const;

  // The key of the program as it is now, from a fresh `go list` (no manifest read or written).
  // Errors: as for build(), but never Build.
  util::Expected<std::string> key(const BuildRequest& request, util::Deadline deadline) const;

 private:
  std::filesystem::path dir_;
  GoToolchain go_;
};

}  // namespace gotool
