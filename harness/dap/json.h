#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace dap {

// DAP messages are plain JSON values.
using json = nlohmann::json;

// Compact one-line JSON text; invalid UTF-8 in strings is replaced instead of throwing.
inline std::string to_text(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace dap
