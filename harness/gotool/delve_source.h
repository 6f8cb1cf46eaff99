#pragma once
#include <filesystem>

#include "harness/gotool/toolchain.h"
#include "harness/util/deadline.h"
#include "harness/util/expected.h"

namespace gotool {

// The source of Delve's module at `dlv`'s version, as `go install ...dlv@VERSION` leaves it in
// the module cache (`go env GOMODCACHE`/github.com/go-delve/delve@vVERSION, read-only): its
// `_fixtures/` are the programs of Delve's own tests. When it is not there yet, `go mod download
// github.com/go-delve/delve@vVERSION` fetches it (run outside any module). Answers are kept per
// go binary and version for the life of the process; safe from several threads.
// Errors: Build "go mod download ... failed: GO'S MESSAGE", Timeout, Process.
util::Expected<std::filesystem::path> delve_source(const GoToolchain& go, const DlvTool& dlv,
                                                   util::Deadline deadline);

}  // namespace gotool
