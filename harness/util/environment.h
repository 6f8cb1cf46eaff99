#pragma once
#include <map>
#include <string>

namespace util {

// This process's environment variables, by name.
std::map<std::string, std::string> process_environment();

}  // namespace util
