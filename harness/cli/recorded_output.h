#pragma once
#include <filesystem>
#include <optional>
#include <string>

namespace cli {

// Puts a scenario `harness record` wrote where it goes: stdout without `output`, else the file
// (written atomically), then says so on stderr with `what` ("3 step(s)") and how to check it.
// Returns the exit status: 0, or 2 when the file cannot be written.
int put_recorded_scenario(const std::string& text,
                          const std::optional<std::filesystem::path>& output,
                          const std::string& what);

}  // namespace cli
