#include "harness/launchjson/jsonc.h"

#include <gtest/gtest.h>

namespace launchjson {
namespace {

std::string error_of(std::string_view text) {
  auto doc = parse_jsonc(text, "launch.json");
  if (doc) return "parsed";
  return doc.error().str();
}

TEST(Jsonc, AcceptsCommentsAndTrailingCommas) {
  auto doc = parse_jsonc(R"({
  // a line comment
  "configurations": [ /* a block
     comment */ {"name": "a", "args": ["x", "y",],}, ],
  "url": "http://example.com/*not a comment*/", // after a value
})",
                         "launch.json");
  ASSERT_TRUE(doc.ok()) << doc.error().str();
  EXPECT_EQ(doc->value.dump(), R"({"configurations":[{"args":["x","y"],"name":"a"}],)"
                               R"("url":"http://example.com/*not a comment*/"})");
}

TEST(Jsonc, KeepsThePositionOfEveryValueAndKey) {
  auto doc = parse_jsonc(
      "{\n  \"configurations\": [\n    {\"name\": \"é\", \"mode\": \"x\"}\n  ]\n}", "f.json");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->where("/configurations/0/mode").str(), "f.json:3:27");
  EXPECT_EQ(doc->where_key("/configurations/0/mode").str(), "f.json:3:19");  // é is one column
  EXPECT_EQ(doc->where("/configurations").str(), "f.json:2:21");
  EXPECT_EQ(doc->where("/nowhere").str(), "f.json:1:1");
}

TEST(Jsonc, RefusesTextThatIsNotUtf8) {
  // A string with such bytes would throw when sent to dlv (found by jsonc_fuzz).
  auto parsed = parse_jsonc("{\n  \"name\": \"x\xfe\"\n}", "launch.json");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().str(), "launch.json:2:13: not a UTF-8 text file (invalid UTF-8)");
}

TEST(Jsonc, DecodesEscapes) {
  auto doc = parse_jsonc(R"(["a\"b\\c\n\u00e9\ud83d\ude00"])", "f");
  ASSERT_TRUE(doc.ok()) << doc.error().str();
  EXPECT_EQ(doc->value[0].get<std::string>(), "a\"b\\c\n\xc3\xa9\xf0\x9f\x98\x80");
}

TEST(Jsonc, ReportsErrorsWithTheirPosition) {
  EXPECT_EQ(error_of("{\"a\": 1,, }"),
            "launch.json:1:9: expected a member name in double quotes or '}'");
  EXPECT_EQ(error_of("{\"a\" 1}"), "launch.json:1:6: expected ':' after the member name");
  EXPECT_EQ(error_of("{\"a\": 1 \"b\": 2}"),
            "launch.json:1:9: expected ',' or '}' after an object member");
  EXPECT_EQ(error_of("[1 2]"), "launch.json:1:4: expected ',' or ']' after an array element");
  EXPECT_EQ(error_of("{\"a\": \"open\n}"), "launch.json:1:12: unterminated string");
  EXPECT_EQ(error_of("{\"a\": tru}"),
            "launch.json:1:7: unexpected character 't', expected a value");
  EXPECT_EQ(error_of(""), "launch.json:1:1: unexpected end of the document, expected a value");
  EXPECT_EQ(error_of("{} {}"), "launch.json:1:4: unexpected text after the end of the document");
  EXPECT_EQ(error_of("[\"\\q\"]"), "launch.json:1:4: invalid escape '\\q' in a string");
  EXPECT_EQ(error_of("[-]"), "launch.json:1:3: invalid number");
  EXPECT_EQ(error_of("[\"\\u12\"]"), "launch.json:1:4: invalid \\u escape in a string");
}

TEST(Jsonc, RefusesNestingThatWouldExhaustTheStack) {
  EXPECT_EQ(error_of(std::string(100000, '[')),
            "launch.json:1:201: nesting deeper than 200 levels");
}

}  // namespace
}  // namespace launchjson
