#include "harness/gotool/tool_install.h"

#include <gtest/gtest.h>

namespace gotool {
namespace {

TEST(ReleaseSpec, GoAndDlvReleasesByName) {
  ASSERT_TRUE(go_release_spec("go1.27.3"));
  EXPECT_EQ(go_release_spec("go1.27.3")->str(), "1.27.3");
  EXPECT_FALSE(go_release_spec("1.27.3"));
  EXPECT_FALSE(go_release_spec("go1.27"));
  EXPECT_FALSE(go_release_spec("/usr/bin/go"));
  EXPECT_EQ(dlv_release_spec("v1.27.2")->str(), "1.27.2");
  EXPECT_EQ(dlv_release_spec("dlv@v1.20.2")->str(), "1.20.2");
  EXPECT_FALSE(dlv_release_spec("1.27.2"));
  EXPECT_FALSE(dlv_release_spec("v1.27.2-rc1"));
  EXPECT_FALSE(dlv_release_spec("/root/go/bin/dlv"));
}

}  // namespace
}  // namespace gotool
