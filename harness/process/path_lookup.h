#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace process {

// True if `path` names a regular file (after symlinks) that we may execute.
bool is_executable_file(const std::filesystem::path& path);

// Looks `name` up in the directories of `path_var` (a PATH-style list; the current process's PATH
// when not given). Returns the first executable match, or nullopt. Names containing '/' are not
// looked up: they are returned as-is when executable.
std::optional<std::filesystem::path> find_executable(
    std::string_view name, const std::optional<std::string>& path_var = std::nullopt);

}  // namespace process
