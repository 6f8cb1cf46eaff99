// The stray-comma scan must never refuse YAML that yaml-cpp parses. A generated corpus: tricky
// values (quotes, escapes, commas, brackets, what dlv prints) in every quoting style, written by
// hand and by yaml-cpp's own emitter, placed in block and flow collections and JSON documents.
#include "harness/scenario/stray_comma.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace scenario {
namespace {

const std::vector<std::string>& tricky_values() {
  static const std::vector<std::string> values = {"\"f\"},{b",
                                                  "[*{Baz: 6, Bur: \"f\"},...]",
                                                  "a, b",
                                                  ",leading",
                                                  "trailing,",
                                                  ",",
                                                  "'quoted'",
                                                  "it's",
                                                  "back\\slash",
                                                  "\\\"",
                                                  "\\",
                                                  "\\\\\",",
                                                  "{x}",
                                                  "[y]",
                                                  "# not a comment",
                                                  "a: b, c",
                                                  "- x,",
                                                  "tab\there",
                                                  "two\nlines",
                                                  "\"",
                                                  "\"\"",
                                                  "''",
                                                  "\"\",\"",
                                                  "ünïcödé, ok",
                                                  "main.Shape(main.Square) {side: 2}",
                                                  "map[string]int [\"a\": 1, \"b\": 2, ]",
                                                  "x\\n,y"};
  return values;
}

std::string double_quoted(const std::string& value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n')
      out += "\\n";
    else if (c == '\t')
      out += "\\t";
    else
      out += c;
  }
  return out + "\"";
}

// Single quotes cannot hold a line break without folding it: nullopt for those values.
std::optional<std::string> single_quoted(const std::string& value) {
  if (value.find('\n') != std::string::npos) return std::nullopt;
  std::string out = "'";
  for (char c : value) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// "k: <value>" as yaml-cpp's emitter writes it in one style (a whole document).
std::string emitted(const std::string& value, YAML::EMITTER_MANIP style, bool flow) {
  YAML::Emitter out;
  if (flow) out << YAML::Flow;
  out << YAML::BeginMap << YAML::Key << "k" << YAML::Value << style << value << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

// The scalar forms of one value: hand-quoted, JSON-quoted.
std::vector<std::string> scalar_forms(const std::string& value) {
  std::vector<std::string> forms = {double_quoted(value), nlohmann::json(value).dump()};
  if (auto single = single_quoted(value)) forms.push_back(*single);
  return forms;
}

// Documents that hold the scalar form `q` in block and flow collections.
std::vector<std::string> documents_with(const std::string& q) {
  return {"k: " + q + "\n",
          "k: " + q + "  # a comment, with a comma\n",
          "k: {a: " + q + ", b: " + q + "}\n",
          "k: {a: " + q + ",b: " + q + "}\n",
          "{\"k\": " + q + ", \"x\": [" + q + ", " + q + "]}\n",
          "{\"k\":" + q + ",\"x\":[" + q + "," + q + "]}\n",
          "- " + q + "\n- " + q + "\n",
          "k: [\n  " + q + ",\n  " + q + "\n]\n",
          "k:\n  - {a: 1, b: " + q + "}\n  - [" + q + "]\n",
          "steps:\n  - evaluate: {expr: x}\n    expect: {result: " + q + "}\n",
          "steps:\n  - evaluate: {expr: x}\n    expect:\n      result: " + q + "\n      type: t\n",
          "? " + q + "\n: " + q + "\n",
          "k: !!str " + q + "\n",
          "k: &a " + q + "\nj: *a\n",
          "---\nk: " + q + "\n...\n"};
}

std::vector<std::string> corpus() {
  std::vector<std::string> docs;
  for (const auto& value : tricky_values()) {
    for (const auto& form : scalar_forms(value))
      for (auto& doc : documents_with(form)) docs.push_back(std::move(doc));
    for (auto style : {YAML::Auto, YAML::DoubleQuoted, YAML::SingleQuoted, YAML::Literal})
      for (bool flow : {false, true}) docs.push_back(emitted(value, style, flow));
  }
  return docs;
}

TEST(StrayComma, NoTextThatYamlCppParsesIsRefused) {
  std::size_t parsed = 0;
  const std::vector<std::string> docs = corpus();
  for (const auto& doc : docs) {
    try {
      (void)YAML::LoadAll(doc);
    } catch (const YAML::Exception&) {
      continue;  // not YAML after all: the scan may say what it likes
    }
    ++parsed;
    auto found = find_stray_comma("x.yaml", doc);
    EXPECT_FALSE(found) << "refused valid YAML at " << found->loc.line << ":" << found->loc.col
                        << ":\n"
                        << doc;
  }
  // The corpus is almost all valid YAML; a generator bug that made it invalid would hide
  // false refusals.
  EXPECT_GT(parsed, docs.size() * 9 / 10);
}

TEST(StrayComma, TheValuesThatWereRefusedAreReadBackExactly) {
  // The reproductions: dlv's own value strings, double-quoted with escapes.
  for (std::string value : {"\"f\"},{b", "[*{Baz: 6, Bur: \"f\"},...]"}) {
    std::string doc = "expect: {result: " + double_quoted(value) + "}\n";
    EXPECT_FALSE(find_stray_comma("x.yaml", doc)) << doc;
    EXPECT_EQ(YAML::Load(doc)["expect"]["result"].as<std::string>(), value);
  }
}

TEST(StrayComma, CommasThatHangYamlCppAreStillFound) {
  for (const auto& [text, line, col] :
       std::vector<std::tuple<std::string, int, int>>{{",", 1, 1},
                                                      {"--- ,", 1, 5},
                                                      {"!,", 1, 2},
                                                      {"k: \"a\\\"b\",\n", 1, 10},
                                                      {"k: \"a\\\\\",\n", 1, 9},
                                                      {"k: \"line\\\n  more\",\n", 2, 8},
                                                      {"k: 'a''b',\n", 1, 10},
                                                      {"- a:\n    b: 1\n,\n", 3, 1}}) {
    auto found = find_stray_comma("x.yaml", text);
    ASSERT_TRUE(found) << text;
    EXPECT_EQ(found->loc.line, line) << text;
    EXPECT_EQ(found->loc.col, col) << text;
  }
}

}  // namespace
}  // namespace scenario
