// Real consumers of the harness's reports, installed by name at a pinned version by
// `scripts/dev test`: gotestsum and go-junit-report read `harness run --json`
// (HARNESS_GOTESTSUM, HARNESS_GO_JUNIT_REPORT), junitparser reads --junit-extended JUnit
// (HARNESS_JUNITPARSER_PYTHON). They must read every shape of a run.
#include <gtest/gtest.h>

#include <cstdlib>

#include "harness/cli/cli_test_support.h"

namespace cli {
namespace {

using namespace cli::testing;
namespace fs = std::filesystem;

// How many times `needle` occurs in `text`.
std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// The consumer named by environment variable `variable`, or empty (the test then skips).
std::string consumer(const char* variable) {
  const char* path = std::getenv(variable);
  return path ? path : "";
}

// Runs `argv` in `cwd` and returns what it printed; a run that cannot start fails the test.
process::RunResult run_tool(std::vector<std::string> argv, const fs::path& cwd,
                            std::map<std::string, std::string> env = {}) {
  process::SpawnOptions options;
  options.argv = std::move(argv);
  options.cwd = cwd;
  options.env_overrides = std::move(env);
  auto result = process::run(options, util::Deadline::after(util::Duration(300'000)));
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().str());
  return result.ok() ? *result : process::RunResult{};
}

// One run with a pass, a failure, an error, a skip and a flaky pass in three folders, written as
// --json (dir/run.json) and as extended JUnit (dir/junit.xml).
void mixed_run(const fs::path& dir) {
  auto run = run_tool(
      {kHarness.string(), "run", "fixtures/cli/passes.yaml", "fixtures/cli/fails.yaml",
       "fixtures/cli/flaky.yaml", "fixtures/must-error/evaluate_at_entry_in_frame_zero.yaml",
       "fixtures/skips/other_os.yaml", "--retries", "1", "--reports", (dir / "reports").string(),
       "--json", (dir / "run.json").string(), "--junit", (dir / "junit.xml").string(),
       "--junit-extended"},
      kSource, {{"FLAKY_MARKER", (dir / "marker").string()}});
  EXPECT_EQ(run.status.code, 1) << run.out << run.err;
}

// A matrix run of two cells, the second an incompatible dlv (Debian's 1.20.2 cannot debug the
// Go under test), so its runs are skips: dir/matrix.json.
bool matrix_run(const fs::path& dir) {
  auto run =
      run_tool({kHarness.string(), "run", "fixtures/cli/passes.yaml", "fixtures/cli/fails.yaml",
                "--dlv", util::testing::dlv_for_tests(), "--dlv", kDebianDlv.string(), "--reports",
                (dir / "reports").string(), "--json", (dir / "matrix.json").string()},
               kSource);
  EXPECT_EQ(run.status.code, 1) << run.out << run.err;
  return run.status.code == 1;
}

// gotestsum (which panicked on any failure while Test names held '/'): every scenario is one
// test case with its verdict, under its folder's package.
TEST(Consumers, GotestsumReadsPassFailErrorSkipAndFlaky) {
  auto gotestsum = consumer("HARNESS_GOTESTSUM");
  if (gotestsum.empty()) GTEST_SKIP() << "needs HARNESS_GOTESTSUM (scripts/dev test installs it)";
  auto dir = util::testing::scratch_dir();
  mixed_run(dir);
  auto read = run_tool({gotestsum, "--junitfile", (dir / "gotestsum.xml").string(), "--format",
                        "testname", "--raw-command", "--", "cat", (dir / "run.json").string()},
                       dir);
  EXPECT_EQ(read.err.find("panic"), std::string::npos) << read.err;
  EXPECT_NE(read.out.find("DONE 5 tests, 1 skipped, 2 failures"), std::string::npos)
      << read.out << read.err;
  std::string junit = util::testing::read_file(dir / "gotestsum.xml");
  EXPECT_EQ(count_of(junit, "<testcase "), 5u) << junit;
  EXPECT_EQ(count_of(junit, "<failure "), 2u) << junit;
  EXPECT_EQ(count_of(junit, "<skipped "), 1u) << junit;
  for (const char* test :
       {"name=\"passes.yaml\"", "name=\"fails.yaml\"", "name=\"flaky.yaml\"",
        "name=\"evaluate_at_entry_in_frame_zero.yaml\"", "name=\"other_os.yaml\""})
    EXPECT_NE(junit.find(test), std::string::npos) << test << "\n" << junit;
  EXPECT_NE(junit.find("classname=\"dlv-harness/fixtures/must-error\""), std::string::npos)
      << junit;
}

// go-junit-report re-reads only the Output text of the events, as `go test -v` prints it: a
// package's tests are those since the previous package summary line ("ok  \tPKG\t1.2s"). Before
// the harness wrote those lines, and each package's events together, every suite and class name
// came out empty, and with -j 2 a test could land in another folder's suite.
TEST(Consumers, GoJunitReportReadsEachPackageAsASuite) {
  auto tool = consumer("HARNESS_GO_JUNIT_REPORT");
  if (tool.empty()) GTEST_SKIP() << "needs HARNESS_GO_JUNIT_REPORT (scripts/dev test installs it)";
  auto dir = util::testing::scratch_dir();
  mixed_run(dir);
  auto read = run_tool({tool, "-parser", "gojson", "-in", (dir / "run.json").string(), "-out",
                        (dir / "gjr.xml").string()},
                       dir);
  EXPECT_EQ(read.status.code, 0) << read.err;
  std::string junit = util::testing::read_file(dir / "gjr.xml");
  EXPECT_EQ(count_of(junit, "<testsuite "), 3u) << junit;
  EXPECT_NE(junit.find("<testsuite name=\"dlv-harness/fixtures/cli\" tests=\"3\" failures=\"1\""),
            std::string::npos)
      << junit;
  EXPECT_NE(junit.find("<testsuite name=\"dlv-harness/fixtures/must-error\" tests=\"1\" "
                       "failures=\"1\""),
            std::string::npos)
      << junit;
  EXPECT_NE(junit.find("<testsuite name=\"dlv-harness/fixtures/skips\" tests=\"1\" failures=\"0\""),
            std::string::npos)
      << junit;
  EXPECT_EQ(count_of(junit, "<skipped "), 1u) << junit;
  // The flaky run's story stays with it.
  auto flaky = junit.find("name=\"flaky.yaml\"");
  ASSERT_NE(flaky, std::string::npos) << junit;
  EXPECT_LT(junit.find("flaky: passed on attempt 2", flaky), junit.find("</testcase>", flaky))
      << junit;
}

// A matrix run: each cell's packages are apart ("go1.26.8-dlv1.27.2/fixtures/cli"; a cell name's
// space would end the package name in the summary line), the skipped cell's runs are skips.
TEST(Consumers, GotestsumAndGoJunitReportReadAMatrixRun) {
  auto gotestsum = consumer("HARNESS_GOTESTSUM");
  auto tool = consumer("HARNESS_GO_JUNIT_REPORT");
  if (gotestsum.empty() || tool.empty())
    GTEST_SKIP() << "needs HARNESS_GOTESTSUM and HARNESS_GO_JUNIT_REPORT (scripts/dev test)";
  if (!fs::exists(kDebianDlv))
    GTEST_SKIP() << "needs Debian's delve (scripts/dev test installs it)";
  auto dir = util::testing::scratch_dir();
  ASSERT_TRUE(matrix_run(dir));
  auto summed = run_tool({gotestsum, "--junitfile", (dir / "gotestsum.xml").string(),
                          "--raw-command", "--", "cat", (dir / "matrix.json").string()},
                         dir);
  EXPECT_EQ(summed.err.find("panic"), std::string::npos) << summed.err;
  EXPECT_NE(summed.out.find("DONE 4 tests, 2 skipped, 1 failure"), std::string::npos)
      << summed.out << summed.err;
  auto read = run_tool({tool, "-parser", "gojson", "-in", (dir / "matrix.json").string(), "-out",
                        (dir / "gjr.xml").string()},
                       dir);
  EXPECT_EQ(read.status.code, 0) << read.err;
  std::string junit = util::testing::read_file(dir / "gjr.xml");
  EXPECT_EQ(count_of(junit, "<testsuite "), 2u) << junit;
  EXPECT_EQ(count_of(junit, "/fixtures/cli\" tests=\"2\""), 2u) << junit;
  EXPECT_NE(junit.find("-dlv1.20.2/fixtures/cli\" tests=\"2\" failures=\"0\""), std::string::npos)
      << junit;
  EXPECT_EQ(count_of(junit, "<skipped "), 2u) << junit;
}

// junitparser reads --junit-extended: a skip's reason is its `message` (the strict default keeps
// it in the element's text only, which most readers do not show), and a flaky run that passed on
// a retry reads as passed (Surefire's flakyFailure is not a failure).
TEST(Consumers, JunitparserReadsTheExtendedShapes) {
  auto python = consumer("HARNESS_JUNITPARSER_PYTHON");
  if (python.empty()) GTEST_SKIP() << "needs HARNESS_JUNITPARSER_PYTHON (scripts/dev test)";
  auto dir = util::testing::scratch_dir();
  mixed_run(dir);
  const char* kScript =
      "import sys, junitparser\n"
      "for suite in junitparser.JUnitXml.fromfile(sys.argv[1]):\n"
      "    for case in suite:\n"
      "        results = [type(r).__name__ + '=' + (r.message or '') for r in case.result]\n"
      "        print(case.classname, '|', 'passed' if case.is_passed else ' '.join(results))\n";
  auto read = run_tool({python, "-c", kScript, (dir / "junit.xml").string()}, dir);
  EXPECT_EQ(read.status.code, 0) << read.err;
  for (const char* line :
       {"fixtures.cli.passes | passed\n", "fixtures.cli.flaky | passed\n",
        "fixtures.cli.fails | Failure=fixtures/cli/fails.yaml:12:23: Locals.name.value",
        "fixtures.must-error.evaluate_at_entry_in_frame_zero | Error=fixtures/must-error/",
        "fixtures.skips.other_os | Skipped=requires os windows (have linux)\n"})
    EXPECT_NE(read.out.find(line), std::string::npos) << line << "\n" << read.out;
}

}  // namespace
}  // namespace cli
