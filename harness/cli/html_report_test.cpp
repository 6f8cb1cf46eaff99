// The HTML reports opened in a real headless browser (Debian's chromium, which `scripts/dev test`
// installs): they load without a console message, show the failing scenario, and show what a
// program printed as text even when it is markup.
#include <gtest/gtest.h>

#include <filesystem>

#include "harness/cli/cli_test_support.h"

namespace cli {
namespace {

namespace fs = std::filesystem;
using namespace cli::testing;

const fs::path kChromium = "/usr/bin/chromium";

// What chromium makes of `page`: the DOM after loading, and its log (console messages are
// "...:CONSOLE..." lines).
struct Loaded {
  std::string dom;
  std::string log;
};

Loaded load_in_chromium(const fs::path& page) {
  auto profile = page.parent_path() / "chromium-profile";  // a fresh one, beside the page
  process::SpawnOptions options;
  // As root in a container chromium needs --no-sandbox; the network flags keep it from trying
  // Google's hosts, which this machine's closed network refuses.
  options.argv = {kChromium.string(),
                  "--headless",
                  "--no-sandbox",
                  "--disable-gpu",
                  "--disable-quic",
                  "--no-first-run",
                  "--disable-background-networking",
                  "--disable-component-update",
                  "--disable-sync",
                  "--user-data-dir=" + profile.string(),
                  "--enable-logging=stderr",
                  "--v=0",
                  "--dump-dom",
                  "file://" + fs::absolute(page).string()};
  auto result = process::run(options, util::Deadline::after(util::Duration(60'000)));
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().str());
  if (!result.ok()) return {};
  EXPECT_EQ(result->status.code, 0) << result->err;
  return {result->out, result->err};
}

TEST(HtmlReport, RunReportLoadsCleanAndShowsMarkupAsText) {
  if (!fs::exists(kChromium)) GTEST_SKIP() << "needs chromium (scripts/dev test installs it)";
  auto dir = util::testing::scratch_dir();
  auto r = harness({"run", "fixtures/html/markup_output.yaml", "fixtures/cli/passes.yaml",
                    "--reports", (dir / "reports").string()});
  EXPECT_EQ(r.status.code, 1) << r.out << r.err;
  auto page = dir / "reports" / "report.html";
  EXPECT_NE(r.out.find("harness: HTML report: " + page.string()), std::string::npos) << r.out;
  std::string raw = util::testing::read_file(page);
  EXPECT_EQ(raw.find("<script"), std::string::npos);
  EXPECT_EQ(raw.find("</pre><b>"), std::string::npos);

  auto loaded = load_in_chromium(page);
  EXPECT_EQ(loaded.log.find(":CONSOLE"), std::string::npos) << loaded.log;
  EXPECT_NE(loaded.dom.find("<title>dlv-harness run</title>"), std::string::npos) << loaded.dom;
  EXPECT_NE(loaded.dom.find("<span class=\"FAIL\">FAIL</span> <span class=\"mono\">"
                            "fixtures/html/markup_output.yaml</span> markup &lt;b&gt;in a name"),
            std::string::npos)
      << loaded.dom;
  EXPECT_NE(loaded.dom.find("&lt;script&gt;document.title='owned'&lt;/script&gt;&lt;/pre&gt;"
                            "&lt;b&gt;bold&lt;/b&gt;"),
            std::string::npos)
      << loaded.dom;
  EXPECT_EQ(loaded.dom.find("<script"), std::string::npos);
  EXPECT_EQ(loaded.dom.find("<b>"), std::string::npos);
  EXPECT_NE(loaded.dom.find("fixtures/html/markup_output.yaml:9:21"), std::string::npos);
  EXPECT_NE(loaded.dom.find("DAP timeline"), std::string::npos);
}

TEST(HtmlReport, DriftReportLoadsClean) {
  if (!fs::exists(kChromium)) GTEST_SKIP() << "needs chromium (scripts/dev test installs it)";
  auto dir = util::testing::scratch_dir();
  auto r = harness({"drift", "fixtures/html/markup_output.yaml", "--runs", "1", "--reports",
                    (dir / "reports").string()});
  auto page = dir / "reports" / "drift" / "drift.html";
  ASSERT_TRUE(fs::exists(page)) << r.out << r.err;
  auto loaded = load_in_chromium(page);
  EXPECT_EQ(loaded.log.find(":CONSOLE"), std::string::npos) << loaded.log;
  EXPECT_NE(loaded.dom.find("<h1>Drift: go"), std::string::npos) << loaded.dom;
  EXPECT_EQ(loaded.dom.find("<script"), std::string::npos);
}

}  // namespace
}  // namespace cli
