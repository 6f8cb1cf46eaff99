#include "harness/process/dlv_server.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include "harness/util/test_support.h"

#include <fstream>
#include <sstream>

#include "harness/process/path_lookup.h"
#include "harness/util/strings.h"

namespace process {
namespace {

// Prefix and substring checks that print the actual text on failure (no gmock on this system).
#define EXPECT_STARTS_WITH(text, prefix) \
  EXPECT_TRUE(util::starts_with(text, prefix)) << "actual: " << (text)
#define EXPECT_CONTAINS(text, part) \
  EXPECT_NE(std::string(text).find(part), std::string::npos) << "actual: " << (text)

const std::filesystem::path kDlv = util::testing::dlv_for_tests();

DlvServerOptions dlv_options(const std::filesystem::path& dlv) {
  DlvServerOptions options;
  options.dlv = dlv;
  return options;
}

util::Deadline soon() {
  return util::Deadline::after(util::Duration(20000));
}

std::filesystem::path temp_dir() {
  return util::testing::scratch_dir();
}

using util::testing::read_file;

#define REQUIRE_DLV() \
  if (!is_executable_file(kDlv)) GTEST_SKIP() << kDlv << " not installed"

TEST(ParseListenLineTest, AcceptsDlvsLine) {
  auto address = parse_listen_line("DAP server listening at: 127.0.0.1:43125");
  ASSERT_TRUE(address.has_value());
  EXPECT_EQ(address->first, "127.0.0.1");
  EXPECT_EQ(address->second, 43125);
  auto v6 = parse_listen_line("DAP server listening at: [::1]:5000\r");
  ASSERT_TRUE(v6.has_value());
  EXPECT_EQ(v6->first, "::1");
  EXPECT_EQ(v6->second, 5000);
  auto headless = parse_listen_line("API server listening at: 127.0.0.1:40001");
  ASSERT_TRUE(headless.has_value());
  EXPECT_EQ(headless->second, 40001);
}

TEST(ParseListenLineTest, RejectsOtherLines) {
  EXPECT_FALSE(parse_listen_line("RPC server listening at: 127.0.0.1:43125").has_value());
  EXPECT_FALSE(parse_listen_line("DAP server listening at: 127.0.0.1").has_value());
  EXPECT_FALSE(parse_listen_line("DAP server listening at: 127.0.0.1:0").has_value());
  EXPECT_FALSE(parse_listen_line("DAP server listening at: 127.0.0.1:12ab").has_value());
}

TEST(UnsafeDlvFlagTest, LoopbackListenersAndOtherFlagsAreFine) {
  EXPECT_EQ(unsafe_dlv_flag({}), std::nullopt);
  EXPECT_EQ(unsafe_dlv_flag({"--check-go-version=false", "--listen=127.0.0.1:2345"}), std::nullopt);
  EXPECT_EQ(unsafe_dlv_flag({"--listen", "localhost:2345", "-l=[::1]:0"}), std::nullopt);
  EXPECT_EQ(unsafe_dlv_flag({"--only-same-user=true", "--listener-fd"}), std::nullopt);
}

TEST(UnsafeDlvFlagTest, OtherAddressesAndOtherUsersAreNamed) {
  EXPECT_EQ(unsafe_dlv_flag({"--listen=:2345"}),
            "'--listen=:2345' makes dlv listen beyond loopback");
  EXPECT_EQ(unsafe_dlv_flag({"-l", "0.0.0.0:2345"}),
            "'-l 0.0.0.0:2345' makes dlv listen beyond loopback");
  EXPECT_EQ(unsafe_dlv_flag({"--listen=[::]:1"}),
            "'--listen=[::]:1' makes dlv listen beyond loopback");
  EXPECT_EQ(unsafe_dlv_flag({"--only-same-user=false"}),
            "'--only-same-user=false' lets other users of this machine connect to dlv");
}

TEST(DlvServerTest, StartsWithALogFileAndStopsCleanly) {
  REQUIRE_DLV();
  auto dir = temp_dir();
  DlvServerOptions options = dlv_options(kDlv);
  options.log_file = dir / "dlv.log";
  auto server = DlvServer::start(options, soon());
  ASSERT_TRUE(server.ok()) << server.error().message;
  EXPECT_EQ((*server)->host(), "127.0.0.1");
  EXPECT_GT((*server)->port(), 0);
  int pid = (*server)->child().pid();
  EXPECT_TRUE(is_alive(pid));
  auto logged = (*server)->child().wait_for_line(
      [](std::string_view line) { return line.find("layer=dap") != std::string_view::npos; },
      soon());
  EXPECT_TRUE(logged.ok()) << (*server)->child().fd3_text();
  // The listen line went to the log, not to stdout.
  EXPECT_EQ((*server)->child().stdout_text(), "");
  (*server)->stop(util::Duration(2000));
  EXPECT_FALSE(is_alive(pid));
  EXPECT_EQ(descendants(::getpid()), std::vector<int>{});
  std::string log = read_file(dir / "dlv.log");
  EXPECT_STARTS_WITH(
      log, "DAP server listening at: 127.0.0.1:" + std::to_string((*server)->port()) + "\n");
  EXPECT_CONTAINS(log, "layer=dap");
  EXPECT_EQ(log, (*server)->child().fd3_text());
}

TEST(DlvServerTest, StartsWithoutALog) {
  REQUIRE_DLV();
  auto server = DlvServer::start(dlv_options(kDlv), soon());
  ASSERT_TRUE(server.ok()) << server.error().message;
  EXPECT_GT((*server)->port(), 0);
  int pid = (*server)->child().pid();
  server->reset();  // the destructor ends dlv too
  EXPECT_FALSE(is_alive(pid));
}

TEST(DlvServerTest, DlvExitingEarlyShowsStatusAndStderr) {
  REQUIRE_DLV();
  DlvServerOptions options = dlv_options(kDlv);
  options.extra_args = {"--no-such-flag"};
  auto server = DlvServer::start(options, soon());
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.error().kind, util::ErrorKind::Process);
  EXPECT_STARTS_WITH(
      server.error().message,
      kDlv.string() + " exited (exit status 0) before printing its listen address; stderr: ");
  EXPECT_TRUE(
      util::ends_with(server.error().message, "stderr: Error: unknown flag: --no-such-flag"))
      << server.error().message;
}

TEST(DlvServerTest, MissingDlv) {
  auto server = DlvServer::start(dlv_options("/nonexistent/dlv"), soon());
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.error().message, "cannot start /nonexistent/dlv: No such file or directory");
}

TEST(DlvServerTest, SilentServerTimesOutAndIsKilled) {
  auto dir = temp_dir();
  auto fake = dir / "fake-dlv";
  {
    std::ofstream script(fake);
    script << "#!/bin/sh\necho $$ > " << (dir / "pid").string() << "\nexec sleep 100\n";
  }
  std::filesystem::permissions(fake, std::filesystem::perms::owner_all);
  auto server = DlvServer::start(dlv_options(fake), util::Deadline::after(util::Duration(500)));
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.error().kind, util::ErrorKind::Timeout);
  EXPECT_STARTS_WITH(server.error().message,
                     fake.string() + " did not print its listen address within 0.");
  int pid = std::stoi(read_file(dir / "pid"));
  EXPECT_FALSE(is_alive(pid));
}

}  // namespace
}  // namespace process
