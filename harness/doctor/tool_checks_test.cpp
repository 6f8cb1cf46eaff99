#include "harness/doctor/tool_checks.h"

#include <gtest/gtest.h>

#include "harness/util/test_support.h"

namespace doctor {
namespace {

gotool::DlvTool dlv(const char* version) {
  return gotool::DlvTool{"/x/dlv", *gotool::Version::parse(version)};
}
gotool::GoToolchain go(const char* version) {
  return gotool::GoToolchain{"/x/go", *gotool::Version::parse(version), version};
}

TEST(DoctorTools, SupportWindowsFollowDelve) {
  EXPECT_EQ(go_support_window(*gotool::Version::parse("1.27.2")), (std::pair{25, 27}));
  EXPECT_EQ(go_support_window(*gotool::Version::parse("1.20.2")), (std::pair{18, 20}));
  EXPECT_EQ(go_support_window(*gotool::Version::parse("1.21.0")), std::nullopt);
}

TEST(DoctorTools, GoOutsideTheWindowFailsWithARemedy) {
  auto ok = check_go_support(dlv("1.27.2"), go("1.26.8"));
  EXPECT_EQ(ok.level, Level::Ok);
  EXPECT_EQ(ok.summary, "dlv 1.27.2 with go 1.26.8 (dlv supports Go 1.25–1.27)");
  auto too_new = check_go_support(dlv("1.20.2"), go("1.26.8"));
  EXPECT_EQ(too_new.level, Level::Fail);
  EXPECT_EQ(too_new.remedy,
            "go install github.com/go-delve/delve/cmd/dlv@v1.27.2 (a dlv that knows this Go)");
  EXPECT_EQ(too_new.summary,
            "dlv 1.20.2 with go 1.26.8: outside dlv's support window Go 1.18–1.20 (dlv refuses: "
            "\"Version of Delve is too old for Go version\")");
  auto too_old = check_go_support(dlv("1.27.2"), go("1.19.8"));
  EXPECT_EQ(too_old.level, Level::Fail);
  EXPECT_EQ(too_old.remedy, "use a Go within Go 1.25–1.27, or a dlv release for Go 1.19");
  EXPECT_EQ(too_old.summary,
            "dlv 1.27.2 with go 1.19.8: outside dlv's support window Go 1.25–1.27 (dlv refuses: "
            "\"Go version ... is too old for this version of Delve\")");
  EXPECT_EQ(check_go_support(dlv("1.23.0"), go("1.22.0")).level, Level::Info);
}

TEST(DoctorTools, ThisMachineHasAWorkingDlvDap) {
  auto checks = tool_checks(std::nullopt, util::testing::dlv_for_tests());
  ASSERT_EQ(checks.size(), 4u) << to_text(checks);
  EXPECT_EQ(checks[3].id, "dlv-dap");
  EXPECT_EQ(checks[3].level, Level::Ok) << to_text(checks);
}

TEST(DoctorTools, MissingDlvFailsWithTheInstallCommand) {
  auto checks = tool_checks(std::nullopt, std::filesystem::path("/nonexistent/dlv"));
  ASSERT_EQ(checks.size(), 2u) << to_text(checks);
  EXPECT_EQ(checks[1].level, Level::Fail);
  EXPECT_EQ(checks[1].remedy, "go install github.com/go-delve/delve/cmd/dlv@v1.27.2");
}

}  // namespace
}  // namespace doctor
