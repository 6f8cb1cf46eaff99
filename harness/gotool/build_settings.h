#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "harness/gotool/toolchain.h"

namespace gotool {

// The first level of the build cache key: everything that decides a build except source files,
// read without starting a process. ContentHash (XXH3-128) hex over the cache's format version, the real program
// folder (or a single-file program's path), the go binary's path and version text, the flags, the
// build-relevant environment variables that are set (GOOS GOARCH GOAMD64 GOARM GOARM64 GO386 GOMIPS
// GOMIPS64 GOPPC64 GORISCV64 GOWASM CGO_ENABLED GOFLAGS GOEXPERIMENT GOTOOLCHAIN GOROOT GOENV
// GOFIPS140 GO111MODULE GOPATH GOMODCACHE CC CXX CGO_CFLAGS CGO_CPPFLAGS CGO_CXXFLAGS CGO_FFLAGS
// CGO_LDFLAGS PKG_CONFIG), the content of the user's `go env -w` file (the GOENV file) and of
// GOROOT's go.env (a missing file is a value of its own).
std::string settings_key(const GoToolchain& go, const std::filesystem::path& program_dir,
                         const std::vector<std::string>& flags);

}  // namespace gotool
