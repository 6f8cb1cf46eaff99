// A run that tested nothing is not a pass: no scenario selected, every scenario skipped, a dlv
// that cannot debug this Go. An empty shard is normal. Skips are events in --json as in JUnit.
#include <gtest/gtest.h>

#include <filesystem>

#include "harness/cli/cli_test_support.h"
#include "harness/gotool/toolchain.h"

namespace cli {
namespace {

namespace fs = std::filesystem;
using namespace cli::testing;

// The options every run of these tests shares: a scratch reports folder and build cache.
std::vector<std::string> run_args(const fs::path& dir, std::vector<std::string> more) {
  std::vector<std::string> args = {"run", "--reports", (dir / "reports").string(), "--cache",
                                   (dir / "cache").string()};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

std::size_t skip_events(const fs::path& json) {
  std::size_t skips = 0;
  for (const auto& e : json_events(json))
    skips += e.value("Action", "") == "skip" && e.contains("Test");
  return skips;
}

TEST(EmptyRun, AFilterThatSelectsNothingExitsFourAndSaysWhy) {
  auto dir = util::testing::scratch_dir();
  auto r = harness(run_args(dir, {"fixtures/cli/passes.yaml", "--filter", "no-such-scenario"}));
  EXPECT_EQ(r.status.code, 4) << r.out << r.err;
  EXPECT_NE(r.out.find("harness: no scenario ran: the selection (--filter, --skip, --tag) kept "
                       "none of the 1 scenario(s) (exit 4; --allow-empty accepts a run that "
                       "tests nothing)"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(last_line(r.out), "harness: 0 passed, 0 failed, 0 skipped");
  auto allowed = harness(
      run_args(dir, {"fixtures/cli/passes.yaml", "--filter", "no-such-scenario", "--allow-empty"}));
  EXPECT_EQ(allowed.status.code, 0) << allowed.out << allowed.err;
  EXPECT_NE(allowed.out.find("harness: no scenario ran"), std::string::npos) << allowed.out;
}

TEST(EmptyRun, EveryScenarioSkippedExitsFourWithSkipEventsInJson) {
  auto dir = util::testing::scratch_dir();
  auto r = harness(run_args(dir, {"fixtures/skips/", "--json", (dir / "run.json").string()}));
  EXPECT_EQ(r.status.code, 4) << r.out << r.err;
  EXPECT_NE(r.out.find("harness: no scenario ran: all 3 run(s) were skipped (the first: requires"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(skip_events(dir / "run.json"), 3u);
  EXPECT_EQ(final_action(json_events(dir / "run.json"), "fixtures/skips/other_os.yaml"), "skip");
  auto allowed = harness(run_args(dir, {"fixtures/skips/", "--allow-empty"}));
  EXPECT_EQ(allowed.status.code, 0) << allowed.out << allowed.err;
}

TEST(EmptyRun, AnEmptyShardIsNormalButAnAllSkippedShardIsNot) {
  auto dir = util::testing::scratch_dir();
  // One scenario, two shards: exactly one of them holds it.
  std::string empty_shard, full_shard;
  for (std::string shard : {"1/2", "2/2"}) {
    auto listed = harness({"run", "fixtures/cli/passes.yaml", "--list", "--shard", shard});
    (listed.out.find("fixtures/cli/passes.yaml") == std::string::npos ? empty_shard : full_shard) =
        shard;
  }
  ASSERT_FALSE(empty_shard.empty());
  auto r = harness(run_args(dir, {"fixtures/cli/passes.yaml", "--shard", empty_shard}));
  EXPECT_EQ(r.status.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("harness: shard " + empty_shard +
                       " holds none of the 1 selected scenario(s): nothing to run"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("exit 4"), std::string::npos) << r.out;
  // The filter, not the shard, emptied the run: still an error.
  auto filtered = harness(
      run_args(dir, {"fixtures/cli/passes.yaml", "--shard", empty_shard, "--filter", "nothing"}));
  EXPECT_EQ(filtered.status.code, 4) << filtered.out;
  // A shard that holds scenarios which all skip tested nothing either.
  auto skipped = harness(run_args(dir, {"fixtures/skips/other_os.yaml", "--shard", "1/1"}));
  EXPECT_EQ(skipped.status.code, 4) << skipped.out;
}

// Debian's dlv 1.20.2 first on PATH cannot debug the machine's Go: the cell is skipped, the run
// exits 4, the skips are in --json, and the dlv that can is named.
TEST(EmptyRun, AnIncompatibleDlvFoundFirstIsAnErrorThatNamesTheOneThatFits) {
  if (!fs::exists("/usr/bin/dlv")) GTEST_SKIP() << "needs Debian's delve (scripts/dev test)";
  auto go = gotool::find_go(std::nullopt);
  ASSERT_TRUE(go.ok()) << go.error().str();
  auto fitting = util::testing::dlv_for_tests();
  auto dir = util::testing::scratch_dir();
  const char* path = std::getenv("PATH");
  auto r = harness(run_args(dir, {"fixtures/cli/passes.yaml", "--go", go->go.string(), "--json",
                                  (dir / "run.json").string()}),
                   {{"PATH", "/usr/bin:" + fs::path(fitting).parent_path().string() + ":" +
                                 std::string(path ? path : "")}},
                   {"DLV"});
  EXPECT_EQ(r.status.code, 4) << r.out << r.err;
  EXPECT_NE(r.out.find("harness: cell go" + go->version.str() + " dlv1.20.2 skipped: "),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(" at " + fitting + " supports go" + go->version.str() + ": run with --dlv " +
                       fitting),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("harness: no scenario ran: all 1 run(s) were skipped (the first: cell "
                       "skipped: "),
            std::string::npos)
      << r.out;
  EXPECT_EQ(skip_events(dir / "run.json"), 1u);
}

}  // namespace
}  // namespace cli
