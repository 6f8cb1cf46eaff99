#include "harness/doctor/system_view.h"

#include <fstream>
#include <iterator>

#include "harness/util/environment.h"

namespace doctor {

SystemView SystemView::real() {
  return SystemView("/", util::process_environment());
}

SystemView::SystemView(std::filesystem::path root, std::map<std::string, std::string> env)
    : root_(std::move(root)), env_(std::move(env)) {}

std::filesystem::path SystemView::path(const std::string& absolute) const {
  return root_ / std::filesystem::path(absolute).relative_path();
}

std::optional<std::string> SystemView::read(const std::string& absolute) const {
  std::ifstream in(path(absolute), std::ios::binary);
  if (!in) return std::nullopt;
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

bool SystemView::exists(const std::string& absolute) const {
  std::error_code ec;
  return std::filesystem::exists(path(absolute), ec);
}

std::optional<std::string> SystemView::env(const std::string& name) const {
  auto it = env_.find(name);
  if (it == env_.end()) return std::nullopt;
  return it->second;
}

}  // namespace doctor
