#pragma once
// For the loader's tests: a scratch tree made the working directory (so diagnostics name short
// relative paths), with Go programs in it and scenarios/ to load from.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "harness/scenario/loader.h"

namespace scenario::testing {

class ScratchTree : public ::testing::Test {
 protected:
  // `programs`: folders that get a main.go, e.g. {"goprojects/kinds"}.
  explicit ScratchTree(std::vector<std::string> programs) : programs_(std::move(programs)) {}

  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "loader_test.XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
    old_cwd_ = std::filesystem::current_path();
    std::filesystem::current_path(root_);
    for (const auto& program : programs_)
      write(program + "/main.go", "package main\n\nfunc main() {}\n");
    std::filesystem::create_directories("scenarios");
  }
  void TearDown() override {
    std::filesystem::current_path(old_cwd_);
    std::filesystem::remove_all(root_);
  }

  static void write(const std::filesystem::path& path, std::string_view text) {
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  }

  // Writes `text` as scenarios/x.yaml and loads it.
  static LoadResult load_text(std::string_view text) {
    write("scenarios/x.yaml", text);
    return load_file("scenarios/x.yaml");
  }

  // Every diagnostic rendered, joined by blank lines. A file with problems yields no scenario.
  static std::string rendered(const LoadResult& result) {
    std::string out;
    for (const auto& d : result.diagnostics) out += (out.empty() ? "" : "\n\n") + d.str();
    if (!result.diagnostics.empty()) {
      EXPECT_TRUE(result.scenarios.empty());
    }
    return out;
  }

  // The first line of every diagnostic, one per line.
  static std::string first_lines(const LoadResult& result) {
    std::string out;
    for (const auto& d : result.diagnostics) {
      std::string line = d.str();
      out += line.substr(0, line.find('\n')) + "\n";
    }
    return out;
  }

  // The one scenario of a valid file (a test failure otherwise).
  static Scenario only_scenario(LoadResult result) {
    for (const auto& d : result.diagnostics) ADD_FAILURE() << d.str();
    if (result.scenarios.size() != 1) {
      ADD_FAILURE() << "expected one scenario";
      return Scenario{};
    }
    return std::move(result.scenarios.front());
  }

  std::filesystem::path root_;  // the tree (absolute)

 private:
  std::vector<std::string> programs_;
  std::filesystem::path old_cwd_;
};

}  // namespace scenario::testing
