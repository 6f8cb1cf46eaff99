#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "harness/gotool/version.h"
#include "harness/util/expected.h"

namespace gotool {

// A usable Go toolchain.
struct GoToolchain {
  std::filesystem::path go;  // the go binary
  Version version;
  std::string version_text;  // from `go version`, e.g. "go1.26.8 linux/amd64"
};

// Finds go: `explicit_go` if given (it must work), else PATH, else /usr/local/go/bin/go,
// /usr/lib/go/bin/go; runs `go version`, or recalls its answer for the same binary, GO* and PATH
// variables, GOROOT/go.env, GOENV file and go.work/go.mod files (version_memo.h). Errors:
// MissingTool naming where it looked, with a remedy line.
util::Expected<GoToolchain> find_go(const std::optional<std::filesystem::path>& explicit_go);

// A usable dlv.
struct DlvTool {
  std::filesystem::path path;
  Version version;  // from the "Version: 1.27.2" line of `dlv version`
};

// Finds dlv: `explicit_dlv` if given, else $DLV if set (either must work), else PATH, $GOBIN,
// each `go env GOPATH` entry's bin (when `go` is given), $HOME/go/bin; runs `dlv version`.
// Errors: MissingTool naming where it looked and the remedy
// `go install github.com/go-delve/delve/cmd/dlv@v1.27.2`.
util::Expected<DlvTool> find_dlv(const std::optional<std::filesystem::path>& explicit_dlv,
                                 const GoToolchain* go);

// Every working dlv installed where find_dlv looks (each folder of PATH, not just the first
// hit; $GOBIN, GOPATH bins, $HOME/go/bin) and /usr/bin (Debian's delve), each binary once
// (symlinks resolved), in that order. For the hint "another installed dlv supports this Go".
std::vector<DlvTool> installed_dlvs(const GoToolchain* go);

// The dlv release the harness is developed against, for remedies.
inline constexpr const char* kRecommendedDlv = "v1.27.2";

}  // namespace gotool
