#include "harness/proxy/proxy_session.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <thread>

#include "harness/dap/transcript.h"
#include "harness/process/child.h"
#include "harness/proxy/editor_client_test_support.h"
#include "harness/transport/tcp_listener.h"
#include "harness/util/strings.h"
#include "harness/util/test_support.h"

namespace proxy {
namespace {

namespace fs = std::filesystem;
using testing::EditorClient;

const fs::path kSource = HARNESS_SOURCE_DIR;
const fs::path kMain = kSource / "goprojects" / "basics" / "main.go";

// goprojects/basics built for debugging, once per test binary.
fs::path basics_binary() {
  static const fs::path binary = [] {
    // Beside the tests' own folders: scratch_dir() empties the current test's on each call.
    auto out = util::testing::scratch_dir().parent_path() / "basics";
    process::SpawnOptions build;
    build.argv = {"go", "build", "-gcflags=all=-N -l", "-o", out.string(), "."};
    build.cwd = kSource / "goprojects" / "basics";
    auto built = process::run(build, util::Deadline::after(util::Duration(300'000)));
    EXPECT_TRUE(built.ok() && built->status.code == 0) << (built.ok() ? built->err : "");
    return out;
  }();
  return binary;
}

// A proxy serving one connection on a free loopback port, in a thread of its own.
class OneSessionProxy {
 public:
  OneSessionProxy() : captures_(util::testing::scratch_dir()) {
    auto listener = transport::TcpListener::listen("127.0.0.1", 0);
    EXPECT_TRUE(listener) << (listener ? "" : listener.error().str());
    listener_ = std::move(*listener);
    options_.dlv = util::testing::dlv_for_tests();
    options_.captures = captures_;
    thread_ = std::thread([this] {
      auto client = listener_->accept(util::Deadline::after(util::Duration(60'000)));
      if (client && *client)
        summary_ = serve_session(std::move(**client), options_, 1, [](auto&) {});
    });
  }
  ~OneSessionProxy() {
    listener_->close();
    if (thread_.joinable()) thread_.join();
  }
  std::unique_ptr<transport::ByteStream> connect() {
    auto stream = transport::connect_tcp("127.0.0.1", listener_->port(),
                                         util::Deadline::after(util::Duration(10'000)));
    EXPECT_TRUE(stream) << (stream ? "" : stream.error().str());
    return stream ? std::move(*stream) : nullptr;
  }
  // Waits for the session to end and returns what it did.
  SessionSummary finish() {
    thread_.join();
    return summary_;
  }

 private:
  fs::path captures_;
  ProxyOptions options_;
  std::unique_ptr<transport::TcpListener> listener_;
  std::thread thread_;
  SessionSummary summary_;
};

// The messages of one direction of a transcript, in order (`sent`: the client's). The order
// between the two directions depends on timing and is not compared.
std::vector<dap::json> messages_of(const std::string& transcript, bool sent) {
  std::vector<dap::json> out;
  for (const auto& line : util::split(transcript, '\n')) {
    auto parsed = dap::parse_transcript_line(line);
    if (!parsed || parsed->kind == dap::TranscriptLine::Kind::Note) continue;
    if ((parsed->kind == dap::TranscriptLine::Kind::Sent) == sent)
      out.push_back(dap::json::parse(parsed->content));
  }
  return out;
}

// A vscode-go-like session through the proxy: launch, a breakpoint, what VS Code asks at the
// stop, an evaluate, continue to the end, disconnect. The client sees a working session, and the
// capture holds exactly the messages the client sent and received.
TEST(ProxySession, ForwardsAVscodeGoSessionUnchangedAndCapturesIt) {
  auto binary = basics_binary();
  OneSessionProxy proxy;
  {
    EditorClient editor(proxy.connect());
    editor.start(testing::vscode_launch_arguments(binary, "exec"), kMain, 31);
    if (HasFatalFailure()) return;
    auto stop = editor.next_stop();
    ASSERT_FALSE(stop.frames.empty());
    EXPECT_EQ(stop.frames[0].value("name", ""), "main.main");
    EXPECT_EQ(stop.frames[0].value("line", 0), 31);
    EXPECT_FALSE(stop.locals.empty());
    auto evaluated = editor.evaluate("name", stop.frames[0].value("id", 0));
    ASSERT_TRUE(evaluated) << evaluated.error().str();
    EXPECT_EQ((*evaluated)["body"].value("result", ""), "\"world\"");
    ASSERT_TRUE(editor.request("continue", {{"threadId", stop.thread}}));
    ASSERT_TRUE(
        editor.session().wait([](const dap::json& m) { return dap::is_event(m, "terminated"); }, 0,
                              util::Deadline::after(testing::kWait), "terminated"));
    ASSERT_TRUE(editor.request("disconnect", {{"restart", false}}));
    editor.session().close();
    auto summary = proxy.finish();
    EXPECT_TRUE(summary.clean) << summary.ended;
    auto captured = util::testing::read_file(summary.folder / "transcript.txt");
    auto seen = editor.session().transcript()->text();
    EXPECT_EQ(messages_of(captured, true), messages_of(seen, true));
    // The client stops reading once its disconnect is answered; dlv's `terminated` after it may
    // reach the proxy only: what the client read is the start of what the proxy passed on.
    auto passed_on = messages_of(captured, false);
    auto read = messages_of(seen, false);
    ASSERT_LE(read.size(), passed_on.size());
    EXPECT_LE(passed_on.size() - read.size(), 1u);
    passed_on.resize(read.size());
    EXPECT_EQ(passed_on, read);
    EXPECT_EQ(summary.from_client, 11u) << captured;
    EXPECT_TRUE(fs::exists(summary.folder / "dlv.log"));
  }
}

// Bytes that are not DAP end the session (and its dlv) with the reason; nothing is left running.
TEST(ProxySession, GarbageFromTheClientEndsTheSessionWithTheReason) {
  OneSessionProxy proxy;
  auto stream = proxy.connect();
  ASSERT_TRUE(stream->write_all("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto summary = proxy.finish();
  EXPECT_FALSE(summary.clean);
  EXPECT_TRUE(util::starts_with(summary.ended, "the client sent bytes that are not DAP: "))
      << summary.ended;
  EXPECT_NE(util::testing::read_file(summary.folder / "transcript.txt")
                .find("-- proxy: the client sent bytes that are not DAP"),
            std::string::npos);
  EXPECT_TRUE(process::descendants(::getpid()).empty());
}

// A client that goes away mid-session (VS Code closed) ends it cleanly, dlv with it.
TEST(ProxySession, AClientThatGoesAwayEndsTheSession) {
  OneSessionProxy proxy;
  {
    EditorClient editor(proxy.connect());
    ASSERT_TRUE(editor.request("initialize", testing::vscode_initialize_arguments()));
  }
  auto summary = proxy.finish();
  EXPECT_TRUE(summary.clean) << summary.ended;
  EXPECT_EQ(summary.ended, "the client closed the connection");
  EXPECT_EQ(summary.from_client, 1u);
  EXPECT_EQ(summary.from_dlv, 1u);
  EXPECT_TRUE(process::descendants(::getpid()).empty());
}

// dlv dying under a session (killed, crashed) ends it with the reason; the client's connection
// is closed, so the editor sees the session end.
TEST(ProxySession, ADlvThatDiesEndsTheSessionAndSaysHow) {
  OneSessionProxy proxy;
  EditorClient editor(proxy.connect());
  ASSERT_TRUE(editor.request("initialize", testing::vscode_initialize_arguments()));
  for (int pid : process::descendants(::getpid())) ::kill(pid, SIGKILL);
  auto summary = proxy.finish();
  EXPECT_FALSE(summary.clean);
  EXPECT_EQ(summary.ended, "dlv closed the connection (dlv ended: killed by signal 9 (SIGKILL))");
  ASSERT_TRUE(editor.session()
                  .wait([](const dap::json&) { return false; }, 0,
                        util::Deadline::after(util::Duration(5'000)), "the end")
                  .error()
                  .message.find("connection closed") != std::string::npos);
}

}  // namespace
}  // namespace proxy
