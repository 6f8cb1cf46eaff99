#include "harness/report/html.h"

#include <gtest/gtest.h>

namespace report {
namespace {

runner::ScenarioResult result(const std::string& id, runner::Status status,
                              const std::string& message = "") {
  runner::ScenarioResult r;
  r.id = id;
  r.name = "name of " + id;
  r.status = status;
  r.problem.message = message;
  return r;
}

TEST(HtmlRunReport, FailuresFirstPassesFoldedEverythingEscaped) {
  SuiteReport suite{"go1.26.8 dlv1.27.2",
                    {result("scenarios/a.yaml", runner::Status::Pass),
                     result("scenarios/b.yaml", runner::Status::Fail,
                            "scenarios/b.yaml:3:5: output: got \"</pre><script>x()</script>\"")},
                    {{"dlv.version", "1.27.2"}}};
  auto page = html_run_report({suite});
  EXPECT_EQ(page.find("<script"), std::string::npos) << page;
  EXPECT_NE(page.find("&lt;/pre&gt;&lt;script&gt;x()&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(page.find("<td>go1.26.8 dlv1.27.2</td><td class=\"n\">1</td><td class=\"n\">1</td>"),
            std::string::npos)
      << page;
  auto failed = page.find("<span class=\"FAIL\">FAIL</span>");
  auto passed = page.find("<details><summary>1 passed</summary>");
  ASSERT_NE(failed, std::string::npos);
  ASSERT_NE(passed, std::string::npos);
  EXPECT_LT(failed, passed);
}

}  // namespace
}  // namespace report
