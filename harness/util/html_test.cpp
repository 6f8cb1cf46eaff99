#include "harness/util/html.h"

#include <gtest/gtest.h>

namespace util {
namespace {

TEST(Html, EscapeLeavesNoMarkup) {
  EXPECT_EQ(html_escape(R"(<script>a && b</script> "x" 'y')"),
            "&lt;script&gt;a &amp;&amp; b&lt;/script&gt; &quot;x&quot; &#39;y&#39;");
}

TEST(Html, PageAllowsNoScriptAndEscapesItsTitle) {
  auto page = html_page("a <b>", "<p>body</p>");
  EXPECT_NE(page.find("<title>a &lt;b&gt;</title>"), std::string::npos);
  EXPECT_NE(page.find("content=\"default-src 'none'; style-src 'unsafe-inline'\""),
            std::string::npos);
  EXPECT_NE(page.find("<p>body</p>"), std::string::npos);
}

}  // namespace
}  // namespace util
