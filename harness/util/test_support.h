#pragma once
// Test support (header-only, included by *_test.cpp only): scratch folders, file reading,
// the dlv binary under test.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace util::testing {

// A folder for the running test, empty, under a per-process root that is removed when the test
// binary exits.
inline std::filesystem::path scratch_dir() {
  struct Root {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("harness_test_" + std::to_string(::getpid()));
    ~Root() {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  };
  static Root root;
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  auto dir = root.path / (std::string(info->test_suite_name()) + "." + info->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// Writes `text` as the whole content of `path`.
inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

// `text` with the first `from` replaced by `to`; a test failure when there is none.
inline std::string replace_first(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "no " << from << " in " << text;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// The whole content of a file ("" if it cannot be read).
inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The dlv the tests drive: $HARNESS_DLV (set by scripts/dev), else the first dlv on PATH, else
// ~/go/bin/dlv.
inline std::string dlv_for_tests() {
  if (const char* env = std::getenv("HARNESS_DLV"); env && *env) return env;
  if (const char* path = std::getenv("PATH")) {
    std::stringstream dirs(path);
    for (std::string dir; std::getline(dirs, dir, ':');) {
      auto candidate = std::filesystem::path(dir.empty() ? "." : dir) / "dlv";
      if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
  }
  const char* home = std::getenv("HOME");
  return std::string(home ? home : "/root") + "/go/bin/dlv";
}

}  // namespace util::testing
