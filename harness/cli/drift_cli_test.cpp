// `harness drift` against the real cells: a cell with itself, and Debian's dlv 1.20.2 + Go 1.19
// against the machine's Go and the pinned dlv.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "harness/cli/cli_test_support.h"
#include "harness/cli/scenario_files.h"
#include "harness/gotool/toolchain.h"

namespace cli {
namespace {

namespace fs = std::filesystem;
using namespace cli::testing;

// Racy scenarios among them (a pause, goroutines parked by timing, a disconnect while running):
// what varies between runs of one cell must not count as drift.
const std::vector<std::string> kSelfScenarios = {
    "scenarios/pause",
    "scenarios/threads",
    "scenarios/stacks",
    "scenarios/variables",
    "scenarios/conformance/pause_and_continue.yaml",
    "scenarios/conformance/concurrent_hardcoded_breakpoints_logpoints.yaml",
    "scenarios/conformance/variables_loading_default_limits.yaml"};

TEST(Drift, ACellComparedWithItselfHasNoDifference) {
  auto dir = util::testing::scratch_dir();
  std::vector<std::string> args = {"drift"};
  args.insert(args.end(), kSelfScenarios.begin(), kSelfScenarios.end());
  args.insert(args.end(), {"--reports", (dir / "reports").string()});
  auto r = harness(args);
  EXPECT_EQ(r.status.code, 0) << without_passes(r.out) << r.err;
  EXPECT_NE(r.out.find(" drifted (0 difference(s), 0 distinct), 0 gated in a cell, "),
            std::string::npos)
      << without_passes(r.out);
}

TEST(Drift, FromTheOldDistroCellEveryKnownDriftIsNamedOnce) {
  const fs::path go = "/usr/lib/go-1.19/bin/go", dlv = "/usr/bin/dlv";
  if (!fs::exists(go) || !fs::exists(dlv)) {
    GTEST_SKIP() << "needs Debian's golang-1.19-go and delve (scripts/dev test installs them)";
  }
  auto dir = util::testing::scratch_dir();
  auto summary = dir / "step-summary.md";
  auto r = harness({"drift", "scenarios/variables/kinds_collections.yaml",
                    "scenarios/stacks/parked_goroutine_stack.yaml",
                    "scenarios/breakpoints/function_breakpoint.yaml",
                    "scenarios/breakpoints/runtime_breakpoint_hit_ids.yaml", "--from-go",
                    go.string(), "--from-dlv", dlv.string(), "--runs", "2", "--confirm", "1",
                    "--reports", (dir / "reports").string()},
                   {{"GITHUB_STEP_SUMMARY", summary.string()}});
  EXPECT_EQ(r.status.code, 1) << r.out << r.err;
  for (const char* drift : {
           "harness: from cell: 4 scenario(s) x 2 run(s); dlv 1.20.2",
           // Real drift survives the confirming runs: it is in every one of them.
           "harness: drift: 3 scenario(s) drifted in their first runs; 1 more run(s) per cell",
           "harness: to cell (confirming): 3 scenario(s) x 1 run(s); dlv 1.27.2",
           "drift: go1.19.8 dlv1.20.2 -> go",
           "4 scenario(s): 3 drifted (",
           "[lifecycle] 3, 3: event 'process' new",
           "[lifecycle] 2, 2: event 'exited' new",
           "[capabilities] 3, 3: response 'initialize': body.supportsDataBreakpoints: (absent) "
           "-> true",
           "body.variables[].presentationHint: {} -> (absent)",
           "body.variables[].memoryReference: (absent) -> \"<addr>\"",
           "[runtime-location] ",
           "body.stackFrames[].name: \"main.main.func2\" -> \"main.main.gowrap2\"",
           "body.variables[].type: \"main.Shape\" -> \"main.Shape(main.Square)\"",
           "GATED  scenarios/breakpoints/runtime_breakpoint_hit_ids.yaml (SKIP -> PASS): from "
           "cell: requires dlv",
       }) {
    EXPECT_NE(r.out.find(drift), std::string::npos) << drift << "\n" << without_passes(r.out);
  }
  auto report = nlohmann::json::parse(util::testing::read_file(dir / "reports/drift/drift.json"));
  EXPECT_EQ(report["scenarios"].size(), 4u);
  EXPECT_GT(report["differences"].get<int>(), 20);
  auto markdown = util::testing::read_file(summary);
  EXPECT_NE(markdown.find("## Drift: go1.19.8 dlv1.20.2 → go"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("| capabilities | response 'initialize'"), std::string::npos);
  // Each drifted scenario shows both cells' exchanges step beside step, the differing rows marked.
  auto html = util::testing::read_file(dir / "reports/drift/drift.html");
  EXPECT_NE(html.find("DAP timelines side by side"), std::string::npos);
  EXPECT_NE(html.find("<th>go1.19.8 dlv1.20.2</th>"), std::string::npos);
  EXPECT_NE(html.find("<tr class=\"differs\">"), std::string::npos);
  EXPECT_NE(html.find("→ request initialize"), std::string::npos);
}

// --run-gated runs what a gate keeps out of a cell and shows its drift, marked as gated.
TEST(Drift, RunGatedShowsWhatTheGateHides) {
  const fs::path go = "/usr/lib/go-1.19/bin/go", dlv = "/usr/bin/dlv";
  if (!fs::exists(go) || !fs::exists(dlv)) {
    GTEST_SKIP() << "needs Debian's golang-1.19-go and delve (scripts/dev test installs them)";
  }
  auto dir = util::testing::scratch_dir();
  auto r = harness({"drift", "scenarios/breakpoints/runtime_breakpoint_hit_ids.yaml", "--from-go",
                    go.string(), "--from-dlv", dlv.string(), "--runs", "1", "--run-gated",
                    "--reports", (dir / "reports").string()});
  EXPECT_EQ(r.status.code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("DRIFT  scenarios/breakpoints/runtime_breakpoint_hit_ids.yaml ("),
            std::string::npos)
      << without_passes(r.out);
  EXPECT_NE(r.out.find("; gated in the from cell: requires dlv >=1.27.2 (have 1.20.2), run "
                       "anyway"),
            std::string::npos)
      << without_passes(r.out);
  EXPECT_EQ(r.out.find("GATED  "), std::string::npos) << without_passes(r.out);
}

// Cells given by release: the dlv built into the harness's cache (where scripts/dev put it), the
// Go fetched through GOTOOLCHAIN (scripts/dev test fetched go1.27.3 already).
TEST(Drift, CellsGivenByReleaseAreFetchedOrReused) {
  auto dir = util::testing::scratch_dir();
  auto r = harness({"drift", "scenarios/stacks/recursion_top_frames.yaml", "--from-dlv",
                    gotool::kRecommendedDlv, "--to-go", "go1.27.3", "--to-dlv",
                    std::string("dlv@") + gotool::kRecommendedDlv, "--runs", "1", "--reports",
                    (dir / "reports").string()});
  EXPECT_NE(r.out.find(" -> go1.27.3 dlv1.27.2: 1 scenario(s): "), std::string::npos)
      << r.out << r.err;
  EXPECT_NE(r.out.find("dlv 1.27.2 (" + (default_cache_dir() / "dlv/v1.27.2/dlv").string() + ")"),
            std::string::npos)
      << r.out;
}

// A report that cannot be written is said, and the run is no clean result: here a folder
// stands where drift.html should be.
TEST(Drift, AReportThatCannotBeWrittenIsSaidAndFailsTheRun) {
  auto dir = util::testing::scratch_dir();
  fs::create_directories(dir / "reports" / "drift" / "drift.html");
  auto r = harness({"drift", "scenarios/stacks/recursion_top_frames.yaml", "--runs", "1",
                    "--reports", (dir / "reports").string()});
  EXPECT_EQ(r.status.code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("harness: cannot write " + (dir / "reports/drift/drift.html").string()),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find(" 0 drifted (0 difference(s), 0 distinct)"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("harness: drift report: "), std::string::npos) << r.out;
}

// A reports folder that cannot be made is a usage error before anything runs.
TEST(Drift, AReportsFolderThatCannotBeMadeIsAUsageError) {
  auto dir = util::testing::scratch_dir();
  fs::create_directories(dir / "reports");
  std::ofstream(dir / "reports" / "drift") << "in the way\n";
  auto r = harness({"drift", "scenarios/stacks/recursion_top_frames.yaml", "--reports",
                    (dir / "reports").string()});
  EXPECT_EQ(r.status.code, 2) << r.out << r.err;
  EXPECT_NE(
      r.err.find("harness: drift --reports: cannot create " + (dir / "reports/drift").string()),
      std::string::npos)
      << r.err;
  EXPECT_EQ(r.out.find("harness: from cell"), std::string::npos) << r.out;
}

TEST(Drift, ACellThatCannotRunIsAMissingTool) {
  auto r = harness({"drift", "scenarios/stacks", "--from-dlv", "/nonexistent/dlv"});
  EXPECT_EQ(r.status.code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("harness: drift --from-dlv: "), std::string::npos) << r.err;
}

}  // namespace
}  // namespace cli
