#pragma once
#include <filesystem>
#include <string>

#include "harness/util/expected.h"

namespace util {

// The whole content of `file`; Io error "cannot read FILE: why" when it cannot be read.
Expected<std::string> read_file(const std::filesystem::path& file);

// Writes `text` to `file` atomically (temporary file in the same folder, then rename), creating
// parent folders: a crash leaves the old file or the new one, never half of one. Concurrent
// writers, threads or processes, each replace the file whole.
Expected<void> write_file_atomically(const std::filesystem::path& file, const std::string& text);

}  // namespace util
