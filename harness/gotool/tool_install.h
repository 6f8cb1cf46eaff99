#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "harness/gotool/toolchain.h"
#include "harness/util/deadline.h"
#include "harness/util/expected.h"

namespace gotool {

// "go1.27.3" -> 1.27.3; nullopt for anything that does not name a Go release that way.
std::optional<Version> go_release_spec(std::string_view text);
// "v1.27.2" or "dlv@v1.27.2" -> 1.27.2; nullopt otherwise.
std::optional<Version> dlv_release_spec(std::string_view text);

// The go binary of Go `release`, as scripts/dev fetches it: the toolchain module
// golang.org/toolchain the go command downloads for GOTOOLCHAIN=go<release> (asked of `boot`,
// a go >= 1.21: `go env GOROOT`), or `go mod download -json` of that module by an older boot.
// Reused from the module cache when there. Errors: Build (with go's message), Timeout, Process.
util::Expected<std::filesystem::path> fetch_go(const Version& release, const GoToolchain& boot,
                                               util::Deadline deadline);

// dlv `release` built by `go` (`go install github.com/go-delve/delve/cmd/dlv@v<release>`, with
// GOTOOLCHAIN=local so that this go builds it) into `dlv_cache`/v<release>/dlv, the folder
// scripts/dev installs into (so either reuses the other's build); never over the user's own dlv.
// Reused when a dlv of that version is already there. Errors: Build (go's message: e.g. the Go is
// older than dlv's go.mod asks), Io, Timeout, Process.
util::Expected<std::filesystem::path> install_dlv(const Version& release, const GoToolchain& go,
                                                  const std::filesystem::path& dlv_cache,
                                                  util::Deadline deadline);

}  // namespace gotool
