// Issue 14: programs reached through a symlinked checkout, run by the built `harness` binary.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "harness/cli/cli_test_support.h"

namespace cli {
namespace {

namespace fs = std::filesystem;
using namespace cli::testing;

// `harness run SCENARIO --cache CACHE --reports REPORTS`, from the source folder.
process::RunResult run_scenario(const fs::path& scenario, const fs::path& cache,
                                const fs::path& reports) {
  return harness(
      {"run", scenario.string(), "--cache", cache.string(), "--reports", reports.string()});
}

// The "harness: builds: ..." line of a run's output ("" when there is none).
std::string builds_line(const std::string& out) {
  for (const auto& line : util::split(out, '\n'))
    if (util::starts_with(line, "harness: builds: ")) return line;
  return "";
}

// A checkout `real/` holding goprojects/basics and a scenario that sets a breakpoint in it and
// expects the stop there; returns `real/`.
fs::path make_checkout(const fs::path& dir) {
  const fs::path real = dir / "real";
  fs::create_directories(real / "goprojects");
  fs::copy(kSource / "goprojects/basics", real / "goprojects/basics", fs::copy_options::recursive);
  fs::copy_file(kSource / "fixtures/cli/passes.yaml", real / "stops.yaml");
  return real;
}

// The scenario is run through `link -> real`, then `link` is replaced by a real copy of the
// checkout while the cache is kept: each time dlv must find the sources where the harness sets
// the breakpoint, and the copy must not be handed the binary built from `real/`.
TEST(BuildPaths, SymlinkedCheckoutThenARealCopyAtItsPathPassWithOneCache) {
  const fs::path dir = util::testing::scratch_dir();
  const fs::path real = make_checkout(dir);
  const fs::path link = dir / "link";
  fs::create_directory_symlink(real, link);
  const fs::path cache = dir / "cache";

  auto through_link = run_scenario(link / "stops.yaml", cache, dir / "reports-1");
  EXPECT_EQ(through_link.status.code, 0) << through_link.out << through_link.err;
  EXPECT_NE(through_link.out.find("PASS "), std::string::npos) << through_link.out;
  EXPECT_EQ(builds_line(through_link.out), "harness: builds: 1 built, 0 from cache");

  fs::remove(link);
  fs::copy(real, link, fs::copy_options::recursive);
  auto real_copy = run_scenario(link / "stops.yaml", cache, dir / "reports-2");
  EXPECT_EQ(real_copy.status.code, 0) << real_copy.out << real_copy.err;
  EXPECT_NE(real_copy.out.find("PASS "), std::string::npos) << real_copy.out;
  EXPECT_EQ(builds_line(real_copy.out), "harness: builds: 1 built, 0 from cache");

  auto again = run_scenario(link / "stops.yaml", cache, dir / "reports-3");
  EXPECT_EQ(again.status.code, 0) << again.out << again.err;
  EXPECT_EQ(builds_line(again.out), "harness: builds: 0 built, 1 from cache");
}

}  // namespace
}  // namespace cli
