#include "harness/match/matcher.h"

#include <gtest/gtest.h>

namespace match {
namespace {

using nlohmann::json;

const util::SourceLoc kLoc{"scenarios/x.yaml", 14, 18};

Matcher make_ok(std::string_view op, const json& operand) {
  auto m = Matcher::make(op, operand, kLoc);
  EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().str());
  return std::move(m).value();
}

std::string make_error(std::string_view op, const json& operand) {
  auto m = Matcher::make(op, operand, kLoc);
  EXPECT_FALSE(m.ok());
  return m.ok() ? "" : m.error().str();
}

TEST(ScalarText, RendersStringsAsIsAndOtherScalarsAsJson) {
  EXPECT_EQ(scalar_text("abc"), "abc");
  EXPECT_EQ(scalar_text(42), "42");
  EXPECT_EQ(scalar_text(-7), "-7");
  EXPECT_EQ(scalar_text(true), "true");
  EXPECT_EQ(scalar_text(1.5), "1.5");
  EXPECT_EQ(scalar_text(nullptr), "");
}

TEST(Matcher, EqComparesTextSoNumbersMatchDapStrings) {
  Matcher m = Matcher::eq(42, kLoc);
  EXPECT_TRUE(m.matches("42"));
  EXPECT_TRUE(m.matches(42));
  EXPECT_FALSE(m.matches("420"));
  EXPECT_FALSE(m.matches(nullptr));
  EXPECT_EQ(m.op(), Op::Eq);
  EXPECT_EQ(m.loc().line, 14);
}

TEST(Matcher, EqOnStringsIsExact) {
  Matcher m = make_ok("eq", "\"world\"");
  EXPECT_TRUE(m.matches("\"world\""));
  EXPECT_FALSE(m.matches("world"));
  EXPECT_FALSE(m.matches("\"world\" "));
}

TEST(Matcher, Prefix) {
  Matcher m = make_ok("prefix", "main.Config {");
  EXPECT_TRUE(m.matches("main.Config {Name: \"x\"}"));
  EXPECT_FALSE(m.matches("*main.Config {"));
}

TEST(Matcher, Contains) {
  Matcher m = make_ok("contains", "hello world");
  EXPECT_TRUE(m.matches("say hello world\n"));
  EXPECT_FALSE(m.matches("hello  world"));
}

TEST(Matcher, MatchesSearchesAnywhereUnlessAnchored) {
  Matcher anywhere = make_ok("matches", "b+c");
  EXPECT_TRUE(anywhere.matches("aabbbcdd"));
  EXPECT_FALSE(anywhere.matches("ac"));
  Matcher anchored = make_ok("matches", "^a+$");
  EXPECT_TRUE(anchored.matches("aaa"));
  EXPECT_FALSE(anchored.matches("aab"));
}

TEST(Matcher, MatchesOnANumericActualUsesItsText) {
  Matcher m = make_ok("matches", "^1[0-9]$");
  EXPECT_TRUE(m.matches(12));
  EXPECT_FALSE(m.matches(21));
}

TEST(Matcher, MatchesSurvivesLongTexts) {
  // libstdc++ recurses per character here; 1 MB would overflow an ordinary 8 MiB stack.
  std::string long_text(1 << 20, 'a');
  EXPECT_TRUE(make_ok("matches", "^a+$").matches(long_text));
  EXPECT_FALSE(make_ok("matches", "^a+$").matches(long_text + "b"));
}

TEST(Matcher, NullActualNeverMatches) {
  EXPECT_FALSE(make_ok("contains", "").matches(nullptr));
  EXPECT_FALSE(make_ok("matches", ".*").matches(nullptr));
}

TEST(Matcher, UnknownOperatorSuggestsTheClosestOne) {
  EXPECT_EQ(make_error("startswith", "x"),
            "scenarios/x.yaml:14:18: unknown matcher 'startswith' (did you mean 'prefix'?)");
  EXPECT_EQ(make_error("contain", "x"),
            "scenarios/x.yaml:14:18: unknown matcher 'contain' (did you mean 'contains'?)");
  EXPECT_EQ(make_error("regex", "x"),
            "scenarios/x.yaml:14:18: unknown matcher 'regex' (did you mean 'matches'?)");
}

TEST(Matcher, UnknownOperatorWithoutCloseNameListsOperators) {
  EXPECT_EQ(make_error("between", "x"),
            "scenarios/x.yaml:14:18: unknown matcher 'between'; operators: eq, matches, prefix, "
            "contains");
}

TEST(Matcher, UnknownOperatorIsAnInvalidScenario) {
  auto m = Matcher::make("bogus", "x", kLoc);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().kind, util::ErrorKind::InvalidScenario);
  ASSERT_TRUE(m.error().where.has_value());
  EXPECT_EQ(m.error().where->col, 18);
}

TEST(Matcher, OperandMustBeAScalar) {
  EXPECT_EQ(make_error("prefix", json::array({1})),
            "scenarios/x.yaml:14:18: operand of 'prefix' must be a scalar, got list");
  EXPECT_EQ(make_error("eq", json::object()),
            "scenarios/x.yaml:14:18: operand of 'eq' must be a scalar, got map");
  EXPECT_EQ(make_error("contains", nullptr),
            "scenarios/x.yaml:14:18: operand of 'contains' must be a scalar, got null");
}

TEST(Matcher, InvalidRegularExpression) {
  EXPECT_EQ(make_error("matches", "(ab"),
            "scenarios/x.yaml:14:18: invalid regular expression /(ab/: missing )");
}

// Scenario regexes are RE2: what ECMAScript or PCRE would backtrack over is refused with a hint.
TEST(Matcher, WhatRe2LeavesOutIsRefusedWithAHint) {
  EXPECT_EQ(
      make_error("matches", "(?=x)y"),
      "scenarios/x.yaml:14:18: invalid regular expression /(?=x)y/: invalid perl operator: "
      "(?= (look-around is not supported: scenario regexes are RE2, matched in linear time; say "
      "what must not match with none_of, e.g. {none_of: [{contains: runtime.}]})");
  EXPECT_EQ(make_error("matches", "(a)\\1"),
            "scenarios/x.yaml:14:18: invalid regular expression /(a)\\1/: invalid escape "
            "sequence: \\1 (back-references are not supported: scenario regexes are RE2, matched "
            "in linear time)");
  EXPECT_EQ(make_error("matches", "((ab){1000}){1000}"),
            "scenarios/x.yaml:14:18: invalid regular expression /((ab){1000}){1000}/: invalid "
            "repetition size: {1000} (RE2 repeats at most 1000 times, nested repetitions "
            "included; write x{2500} as x{1000}x{1000}x{500})");
  // Found by the loader fuzzer when std::regex read these counts without an overflow check.
  for (const char* fine : {"a{3}", "x{1000}", "x{1000}x{1000}x{1000}x{1000}x{96}", "(ab{10}){100}",
                           "[{99999}]", "id 12345678901234", "cap: 1, \\7777777777777777777777775",
                           "a{2,99999999999999999999}", "[\\]{]{2}", "a{2,}"}) {
    EXPECT_TRUE(Matcher::make("matches", fine, util::SourceLoc{})) << fine;
  }
}

// A 1 MiB dlv value against patterns that make a backtracking engine recurse per character
// (std::regex overflowed the stack) or take exponential time: RE2 answers in linear time. Not
// timed here (bench/regex times it); ctest's timeout would catch a hang.
TEST(Matcher, AMebibyteValueAgainstPathologicalPatterns) {
  const std::string as(1 << 20, 'a');
  for (auto [pattern, expected] :
       {std::pair{"^(a|a)*b$", false}, std::pair{".*X", false}, std::pair{"^a+$", true}}) {
    EXPECT_EQ(make_ok("matches", pattern).matches(as), expected) << pattern;
  }
}

TEST(Matcher, Describe) {
  EXPECT_EQ(Matcher::eq("42", kLoc).describe(), "\"42\"");
  EXPECT_EQ(Matcher::eq(42, kLoc).describe(), "42");
  EXPECT_EQ(make_ok("prefix", "main.").describe(), "prefix \"main.\"");
  EXPECT_EQ(make_ok("contains", "a\"b").describe(), "contains \"a\\\"b\"");
  EXPECT_EQ(make_ok("matches", "^a+$").describe(), "matches /^a+$/");
}

TEST(Matcher, CheckReturnsNothingOnMatch) {
  EXPECT_FALSE(make_ok("prefix", "main.").check("main.Config {}", "Locals.cfg.value"));
}

TEST(Mismatch, StringActualIsQuoted) {
  auto mismatch = make_ok("prefix", "x").check("y\tz", "Locals.cfg.Name.value");
  ASSERT_TRUE(mismatch.has_value());
  EXPECT_EQ(mismatch->path, "Locals.cfg.Name.value");
  EXPECT_EQ(mismatch->expected, "prefix \"x\"");
  EXPECT_EQ(mismatch->actual, "\"y\\tz\"");
  EXPECT_EQ(mismatch->str(),
            "scenarios/x.yaml:14:18: Locals.cfg.Name.value: expected prefix \"x\", got \"y\\tz\"");
}

TEST(Mismatch, NumberActualIsBare) {
  auto mismatch = Matcher::eq(12, kLoc).check(13, "stop.line");
  ASSERT_TRUE(mismatch.has_value());
  EXPECT_EQ(mismatch->str(), "scenarios/x.yaml:14:18: stop.line: expected 12, got 13");
}

TEST(Mismatch, MissingActualIsNamed) {
  auto mismatch = Matcher::eq("int", kLoc).check(nullptr, "evaluate.type");
  ASSERT_TRUE(mismatch.has_value());
  EXPECT_EQ(mismatch->str(),
            "scenarios/x.yaml:14:18: evaluate.type: expected \"int\", got nothing");
}

TEST(Mismatch, LongActualIsCut) {
  std::string actual(250, 'a');  // quoted: 252 bytes, shown: 200
  auto mismatch = make_ok("contains", "b").check(actual, "output.stdout");
  ASSERT_TRUE(mismatch.has_value());
  EXPECT_EQ(mismatch->actual.size(), 252u);  // the field keeps everything
  EXPECT_EQ(mismatch->str(),
            "scenarios/x.yaml:14:18: output.stdout: expected contains \"b\", got \"" +
                std::string(199, 'a') + "…(52 more bytes)");
}

TEST(Mismatch, CutNeverSplitsAUtf8Character) {
  // 199 ASCII bytes after the quote would end in the middle of "é" (2 bytes) at byte 200.
  std::string actual = std::string(198, 'a') + "é" + std::string(10, 'b');
  auto mismatch = Matcher::eq("x", kLoc).check(actual, "v");
  ASSERT_TRUE(mismatch.has_value());
  EXPECT_EQ(mismatch->str(), "scenarios/x.yaml:14:18: v: expected \"x\", got \"" +
                                 std::string(198, 'a') + "…(13 more bytes)");
}

TEST(Mismatch, ActualOfExactlyTheLimitIsKept) {
  std::string actual(198, 'a');  // 200 bytes once quoted
  auto mismatch = Matcher::eq("x", kLoc).check(actual, "v");
  ASSERT_TRUE(mismatch.has_value());
  EXPECT_EQ(mismatch->str(), "scenarios/x.yaml:14:18: v: expected \"x\", got \"" + actual + "\"");
}

TEST(Mismatch, WithoutLocationStartsWithThePath) {
  Mismatch m{{}, "stop.reason", "\"breakpoint\"", "\"step\"", {}, {}};
  EXPECT_EQ(m.str(), "stop.reason: expected \"breakpoint\", got \"step\"");
}

// What `run --update` needs: an eq expectation's literal and the actual value; no literal for
// other operators.
TEST(Mismatch, CarriesTheLiteralAndTheActualValue) {
  auto eq = Matcher::eq(30, kLoc).check("31", "line");
  ASSERT_TRUE(eq.has_value());
  EXPECT_EQ(eq->literal, 30);
  EXPECT_EQ(eq->actual_value, "31");
  auto prefix = Matcher::make("prefix", "main.", kLoc)->check("x", "f");
  ASSERT_TRUE(prefix.has_value());
  EXPECT_TRUE(prefix->literal.is_null());
  EXPECT_EQ(prefix->actual_value, "x");
}

}  // namespace
}  // namespace match

namespace match {
namespace {

TEST(Combinators, AbsentMatchesOnlyAMissingValue) {
  auto absent = Matcher::absent({});
  EXPECT_TRUE(absent.matches(nlohmann::json()));
  auto present = absent.check("int", "evaluate.type");
  ASSERT_TRUE(present);
  EXPECT_EQ(present->str(), "evaluate.type: expected absent, got \"int\"");
  EXPECT_TRUE(present->literal.is_null());  // nothing for --update to rewrite
}

TEST(Combinators, AnyOfNeedsOneAllOfNeedsEvery) {
  auto any = Matcher::any_of({Matcher::eq("3", {}), *Matcher::make("prefix", "4", {})}, {});
  EXPECT_TRUE(any.matches("3"));
  EXPECT_TRUE(any.matches("42"));
  EXPECT_FALSE(any.matches("5"));
  EXPECT_EQ(any.check("5", "v")->str(), "v: expected any of (\"3\" | prefix \"4\"), got \"5\"");
  auto all = Matcher::all_of(
      {*Matcher::make("prefix", "in", {}), *Matcher::make("matches", "t$", {})}, {});
  EXPECT_TRUE(all.matches("int"));
  EXPECT_FALSE(all.matches("int64"));
  EXPECT_EQ(all.check("uint", "t")->str(),
            "t: expected all of (prefix \"in\", matches /t$/), got \"uint\"");
  // A missing value matches an any_of only through an `absent` alternative.
  EXPECT_FALSE(any.matches(nlohmann::json()));
  EXPECT_TRUE(Matcher::any_of({Matcher::absent({}), Matcher::eq("{}", {})}, {}).matches(nullptr));
}

// none_of says what a negative look-ahead said before scenario regexes were RE2; like the text
// operators it fails on a missing value.
TEST(Combinators, NoneOfNeedsAValueThatNoPartMatches) {
  auto none = Matcher::none_of(
      {*Matcher::make("contains", "runtime.", {}), *Matcher::make("matches", "^\\[Go 1\\]", {})},
      {});
  EXPECT_TRUE(none.matches("[Go 7] main.worker"));
  EXPECT_FALSE(none.matches("[Go 1] main.main"));
  EXPECT_FALSE(none.matches(nlohmann::json()));
  EXPECT_EQ(none.check("[Go 2] runtime.gopark", "t")->str(),
            "t: expected none of (contains \"runtime.\" | matches /^\\[Go 1\\]/), got "
            "\"[Go 2] runtime.gopark\"");
  EXPECT_TRUE(Matcher::none_of({Matcher::absent({})}, {}).matches("0"));  // "present"
}

TEST(Combinators, AnyOfWithoutAlternativesMatchesNothingAndSaysWhy) {
  auto none = Matcher::any_of({}, {}, "an alternative for dlv 1.20.2 (none applies)");
  EXPECT_FALSE(none.matches("3"));
  EXPECT_FALSE(none.matches(nlohmann::json()));
  EXPECT_EQ(none.check("3", "v")->str(),
            "v: expected an alternative for dlv 1.20.2 (none applies), got \"3\"");
}

}  // namespace
}  // namespace match
