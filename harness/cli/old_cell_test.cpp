// Verdicts that went wrong only with Debian 12's dlv 1.20.2 (it sends no `exited` event, so the
// harness disconnects to learn the exit code).
#include <gtest/gtest.h>

#include <filesystem>

#include "harness/cli/cli_test_support.h"

namespace cli {
namespace {

namespace fs = std::filesystem;
using namespace cli::testing;

// Output checked after expect_exit: dlv exits at the disconnect, and the check used to judge
// before dlv's pipes were read to the end (10 of 50 runs lost the program's lines).
TEST(OldCell, OutputAfterTheExitIsCompleteInFiftyRuns) {
  const fs::path go = "/usr/lib/go-1.19/bin/go", dlv = "/usr/bin/dlv";
  if (!fs::exists(go) || !fs::exists(dlv)) {
    GTEST_SKIP() << "needs Debian's golang-1.19-go and delve (scripts/dev test installs them)";
  }
  auto dir = util::testing::scratch_dir();
  auto r = harness({"run", "scenarios/output/output_after_exit.yaml",
                    "scenarios/topology/headless_output_after_exit.yaml", "--repeat", "25", "-j",
                    "4", "--go", go.string(), "--dlv", dlv.string(), "--reports",
                    (dir / "reports").string(), "--cache", (dir / "cache").string()});
  EXPECT_EQ(r.status.code, 0) << r.out << r.err;
  EXPECT_EQ(last_line(r.out), "harness: 50 passed, 0 failed, 0 skipped") << r.out;
}

}  // namespace
}  // namespace cli
