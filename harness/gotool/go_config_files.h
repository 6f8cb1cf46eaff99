#pragma once
#include <filesystem>
#include <optional>

namespace gotool {

// Where `go env -w` writes and the go command reads settings: $GOENV unless "off", else the user's
// config folder's go/env ($XDG_CONFIG_HOME, else $HOME/.config). nullopt when there is none.
std::optional<std::filesystem::path> goenv_file();

// GOROOT as the go command finds it: $GOROOT, else the folder above the (real) go binary's bin/.
std::optional<std::filesystem::path> goroot_of(const std::filesystem::path& go);

}  // namespace gotool
