// docs/scenarios.md must describe every key and every choice the loader accepts. The loader's
// source is the single list of them: each `std::vector<std::string> NAME = {...}` in
// harness/scenario/*.cpp, read here as text.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>

#include "harness/util/strings.h"
#include "harness/util/test_support.h"

namespace scenario {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = HARNESS_SOURCE_DIR;

// The quoted words of every string-list initializer in `text`.
std::set<std::string> listed_words(const std::string& text) {
  static const std::regex list(R"(std::vector<std::string>\s+\w+\s*=\s*\{([^}]*)\})");
  static const std::regex quoted(R"rx("([^"]+)")rx");
  std::set<std::string> words;
  for (std::sregex_iterator l(text.begin(), text.end(), list), end; l != end; ++l) {
    std::string body = (*l)[1];
    for (std::sregex_iterator q(body.begin(), body.end(), quoted); q != end; ++q)
      words.insert((*q)[1]);
  }
  return words;
}

// True if `word` stands alone in `doc` (not inside a longer identifier or filter name).
bool mentions(const std::string& doc, const std::string& word) {
  auto standalone = [](char c) {
    return !std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-';
  };
  for (auto at = doc.find(word); at != std::string::npos; at = doc.find(word, at + 1)) {
    bool starts = at == 0 || standalone(doc[at - 1]);
    bool ends = at + word.size() == doc.size() || standalone(doc[at + word.size()]);
    if (starts && ends) return true;
  }
  return false;
}

TEST(Docs, ScenarioLanguageDocumentsEveryKeyAndChoiceTheLoaderAccepts) {
  std::string doc = util::testing::read_file(kSource / "docs" / "scenarios.md");
  std::size_t checked = 0;
  for (const auto& entry : fs::directory_iterator(kSource / "harness" / "scenario")) {
    std::string file = entry.path().filename().string();
    if (entry.path().extension() != ".cpp" || util::ends_with(file, "_test.cpp")) continue;
    for (const auto& word : listed_words(util::testing::read_file(entry.path()))) {
      // `requires: capabilities` accepts every capability DAP defines; docs point to the spec.
      if (file == "read_requires.cpp" && util::starts_with(word, "support")) continue;
      ++checked;
      EXPECT_TRUE(mentions(doc, word)) << "docs/scenarios.md does not mention '" << word
                                       << "', which harness/scenario/" << file << " accepts";
    }
  }
  EXPECT_GT(checked, 100u);  // the scan found the loader's lists
}

}  // namespace
}  // namespace scenario
