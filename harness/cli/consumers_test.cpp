// Real consumers of `harness run --json`, installed by name at a pinned version by
// `scripts/dev test` (HARNESS_GOTESTSUM): they must read every shape of a run.
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

// One run with a pass, a failure, an error, a skip and a flaky pass, read by the real gotestsum
// (which panicked on any failure while Test names held '/'): every scenario is one test case
// with its verdict, under its folder's package.
TEST(Consumers, GotestsumReadsPassFailErrorSkipAndFlaky) {
  const char* gotestsum = std::getenv("HARNESS_GOTESTSUM");
  if (!gotestsum) GTEST_SKIP() << "needs HARNESS_GOTESTSUM (scripts/dev test installs it)";
  auto dir = util::testing::scratch_dir();
  process::SpawnOptions options;
  options.argv = {kHarness.string(),
                  "run",
                  "fixtures/cli/passes.yaml",
                  "fixtures/cli/fails.yaml",
                  "fixtures/cli/flaky.yaml",
                  "fixtures/must-error/evaluate_at_entry_in_frame_zero.yaml",
                  "fixtures/skips/other_os.yaml",
                  "--retries",
                  "1",
                  "--reports",
                  (dir / "reports").string(),
                  "--json",
                  (dir / "run.json").string()};
  options.cwd = kSource;
  options.env_overrides = {{"FLAKY_MARKER", (dir / "marker").string()}};
  auto run = process::run(options, util::Deadline::after(util::Duration(300'000)));
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->status.code, 1) << run->out << run->err;

  options = {};
  options.argv = {gotestsum,  "--junitfile", (dir / "gotestsum.xml").string(),
                  "--format", "testname",    "--raw-command",
                  "--",       "cat",         (dir / "run.json").string()};
  options.cwd = dir;
  auto read = process::run(options, util::Deadline::after(util::Duration(60'000)));
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->err.find("panic"), std::string::npos) << read->err;
  EXPECT_NE(read->out.find("DONE 5 tests, 1 skipped, 2 failures"), std::string::npos)
      << read->out << read->err;
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

}  // namespace
}  // namespace cli
