// `harness proxy` end to end, without an editor: a client that behaves like VS Code with
// vscode-go drives a session through the proxy; `harness record --from-capture` turns the
// capture into a scenario; `harness run` passes it against the same dlv, and `harness replay`
// reads the capture too.
#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>

#include "harness/cli/cli_test_support.h"
#include "harness/proxy/editor_client_test_support.h"

namespace cli {
namespace {

using namespace cli::testing;
namespace fs = std::filesystem;

const fs::path kBasics = kSource / "goprojects" / "basics";

// `harness proxy` on a free port; returns the child and the port it printed.
// `tools`: --dlv (and --go) of the cell, the dlv under test by default.
std::pair<std::unique_ptr<process::Child>, int> start_proxy(const fs::path& captures, int sessions,
                                                            std::vector<std::string> tools = {
                                                                "--dlv",
                                                                util::testing::dlv_for_tests()}) {
  process::SpawnOptions options;
  options.argv = {kHarness.string(), "proxy",      "--captures",
                  captures.string(), "--sessions", std::to_string(sessions)};
  options.argv.insert(options.argv.end(), tools.begin(), tools.end());
  // As with an external `dlv dap`, dlv builds (mode debug) in the folder the proxy runs in: the
  // program's module.
  options.cwd = kBasics;
  auto child = process::Child::spawn(options);
  EXPECT_TRUE(child) << (child ? "" : child.error().str());
  if (!child) return {nullptr, 0};
  auto line = (*child)->wait_for_line(
      [](std::string_view l) {
        return l.find("listening on 127.0.0.1:") != std::string_view::npos;
      },
      util::Deadline::after(util::Duration(30'000)));
  EXPECT_TRUE(line) << (line ? "" : line.error().str());
  if (!line) return {std::move(*child), 0};
  auto at = line->find("127.0.0.1:") + 10;
  return {std::move(*child), std::stoi(line->substr(at, line->find(';', at) - at))};
}

std::unique_ptr<transport::ByteStream> connect(int port) {
  auto stream =
      transport::connect_tcp("127.0.0.1", port, util::Deadline::after(util::Duration(10'000)));
  EXPECT_TRUE(stream) << (stream ? "" : stream.error().str());
  return stream ? std::move(*stream) : nullptr;
}

// A debugging session as a user has it in VS Code: launch (mode debug: dlv builds the folder),
// a breakpoint, what VS Code asks at the stop, a debug-console evaluation, a step over, continue
// to the end, disconnect.
void debug_as_in_vscode(int port) {
  proxy::testing::EditorClient editor(connect(port));
  editor.start(proxy::testing::vscode_launch_arguments(kBasics, "debug"), kBasics / "main.go", 31);
  if (::testing::Test::HasFatalFailure()) return;
  auto stop = editor.next_stop();
  ASSERT_FALSE(stop.frames.empty());
  ASSERT_TRUE(editor.evaluate("len(name)", stop.frames[0].value("id", 0)));
  ASSERT_TRUE(editor.request("next", {{"threadId", stop.thread}}));
  auto stepped = editor.next_stop();
  ASSERT_FALSE(stepped.frames.empty());
  EXPECT_EQ(stepped.frames[0].value("line", 0), 32);
  ASSERT_TRUE(editor.request("continue", {{"threadId", stepped.thread}}));
  ASSERT_TRUE(
      editor.session().wait([](const dap::json& m) { return dap::is_event(m, "terminated"); }, 0,
                            util::Deadline::after(proxy::testing::kWait), "terminated"));
  ASSERT_TRUE(editor.request("disconnect", {{"restart", false}}));
}

TEST(Proxy, AnEditorSessionBecomesAScenarioThatPasses) {
  auto dir = util::testing::scratch_dir();
  auto [proxy, port] = start_proxy(dir / "captures", 1);
  ASSERT_GT(port, 0);
  debug_as_in_vscode(port);
  auto status = proxy->wait(util::Deadline::after(util::Duration(60'000)));
  ASSERT_TRUE(status);
  EXPECT_EQ(status->code, 0) << proxy->stdout_text() << proxy->stderr_text();
  EXPECT_NE(proxy->stdout_text().find("harness proxy: session 1: ended: "), std::string::npos)
      << proxy->stdout_text();
  auto capture = dir / "captures" / "session-1" / "transcript.txt";
  ASSERT_TRUE(fs::exists(capture)) << proxy->stdout_text();
  EXPECT_TRUE(fs::exists(dir / "captures" / "session-1" / "dlv.log"));

  auto scenario = dir / "captured.yaml";
  auto recorded = harness({"record", "--from-capture", capture.string(), "-o", scenario.string()});
  ASSERT_EQ(recorded.status.code, 0) << recorded.err;
  std::string text = util::testing::read_file(scenario);
  // Outside the project's tree, the program is named by its absolute path.
  EXPECT_NE(text.find("program: " + kBasics.string() + "\n"), std::string::npos) << text;
  EXPECT_NE(text.find("launch: {mode: debug}"), std::string::npos) << text;
  EXPECT_NE(text.find("main.go: [{id: main_go_31, line: 31}]"), std::string::npos) << text;
  EXPECT_NE(text.find("      at: main_go_31\n      file: main.go\n      line: 31\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("name: {value: \"\\\"world\\\"\", type: string}"), std::string::npos) << text;
  EXPECT_NE(text.find("expect_output: {category: stdout, contains: hello world}"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find(kBasics.string() + "}"), std::string::npos)
      << "a path of this machine: " << text;
  EXPECT_NE(text.find("- next: {}"), std::string::npos) << text;
  EXPECT_NE(text.find("expr: len(name)"), std::string::npos) << text;
  EXPECT_NE(text.find("expect_exit: {code: 0}"), std::string::npos) << text;
  auto ran = harness({"run", scenario.string(), "--dlv", util::testing::dlv_for_tests(),
                      "--reports", (dir / "reports").string()});
  EXPECT_EQ(ran.status.code, 0) << ran.out << ran.err << text;

  // Captured elsewhere (the editor's paths under /mnt/c/src/basics): --program names the folder
  // here, and the scenario is the same but for that line.
  std::string elsewhere = util::testing::read_file(capture);
  for (auto at = elsewhere.find(kBasics.string()); at != std::string::npos;
       at = elsewhere.find(kBasics.string(), at))
    elsewhere.replace(at, kBasics.string().size(), "/mnt/c/src/basics");
  auto moved = dir / "elsewhere.txt";
  std::ofstream(moved) << elsewhere;
  auto mapped = harness({"record", "--from-capture", moved.string(), "--program", kBasics.string(),
                         "-o", (dir / "mapped.yaml").string()});
  ASSERT_EQ(mapped.status.code, 0) << mapped.err;
  std::string mapped_text = util::testing::read_file(dir / "mapped.yaml");
  EXPECT_EQ(mapped_text.find("/mnt/c"), std::string::npos) << mapped_text;
  EXPECT_NE(mapped_text.find("main.go: [{id: main_go_31, line: 31}]"), std::string::npos)
      << mapped_text;
  EXPECT_NE(mapped_text.find("program: " + kBasics.string() + "\n"), std::string::npos)
      << mapped_text;

  // The capture replays too (in mode debug dlv runs in the program's folder, as vscode-go starts
  // it): only the name of dlv's temporary binary differs.
  auto replayed = harness({"replay", capture.string(), "--dlv", util::testing::dlv_for_tests()});
  EXPECT_NE(replayed.out.find("(transcript, "), std::string::npos) << replayed.out << replayed.err;
  EXPECT_NE(replayed.out.find("event 'process': body.name: recorded \"" + kBasics.string() +
                              "/__debug_bin"),
            std::string::npos)
      << replayed.out;
  EXPECT_EQ(last_line(replayed.out), "replay: 16 requests, 1 differences") << replayed.out;
}

// The old-distro cell: Debian's dlv 1.20.2 and Go 1.19 behind the proxy (--go puts go1.19 first on
// dlv's PATH, so dlv's build in mode debug uses it); the captured scenario passes in that cell.
TEST(Proxy, TheOldDistroCellCapturesAScenarioThatPassesThere) {
  if (!fs::exists(kDebianGo) || !fs::exists(kDebianDlv))
    GTEST_SKIP()
        << "needs Debian's golang-1.19-go and delve 1.20.2 (scripts/dev test installs them)";
  auto dir = util::testing::scratch_dir();
  auto [proxy, port] =
      start_proxy(dir / "captures", 1, {"--dlv", kDebianDlv.string(), "--go", kDebianGo.string()});
  ASSERT_GT(port, 0);
  EXPECT_NE(proxy->stdout_text().find("dlv 1.20.2"), std::string::npos) << proxy->stdout_text();
  debug_as_in_vscode(port);
  auto status = proxy->wait(util::Deadline::after(util::Duration(60'000)));
  ASSERT_TRUE(status);
  EXPECT_EQ(status->code, 0) << proxy->stdout_text();
  auto capture = dir / "captures" / "session-1" / "transcript.txt";
  auto scenario = dir / "captured.yaml";
  auto recorded = harness({"record", "--from-capture", capture.string(), "-o", scenario.string()});
  ASSERT_EQ(recorded.status.code, 0) << recorded.err;
  auto ran = harness({"run", scenario.string(), "--dlv", kDebianDlv.string(), "--go",
                      kDebianGo.string(), "--reports", (dir / "reports").string()});
  EXPECT_EQ(ran.status.code, 0) << ran.out << ran.err << util::testing::read_file(scenario);
}

// The proxy outlives a session that ends badly: a client that sends garbage, then a real one.
TEST(Proxy, KeepsServingAfterASessionEndsOnGarbage) {
  auto dir = util::testing::scratch_dir();
  auto [proxy, port] = start_proxy(dir / "captures", 2);
  ASSERT_GT(port, 0);
  {
    auto garbage = connect(port);
    ASSERT_TRUE(garbage->write_all("GET / HTTP/1.1\r\n\r\n"));
    (void)garbage->read_some();  // the proxy closes the connection
  }
  {
    proxy::testing::EditorClient editor(connect(port));
    ASSERT_TRUE(editor.request("initialize", proxy::testing::vscode_initialize_arguments()));
  }
  auto status = proxy->wait(util::Deadline::after(util::Duration(60'000)));
  ASSERT_TRUE(status);
  EXPECT_EQ(status->code, 0);
  std::string out = proxy->stdout_text();
  EXPECT_NE(out.find("session 1: ended: the client sent bytes that are not DAP: "),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("session 2: ended: the client closed the connection; 1 message(s) from the "
                     "client, 1 from dlv"),
            std::string::npos)
      << out;
}

// Ctrl-C ends the proxy (and the dlv of a session under way) with 130.
TEST(Proxy, SigintEndsItWith130) {
  auto dir = util::testing::scratch_dir();
  auto [proxy, port] = start_proxy(dir / "captures", 0);
  ASSERT_GT(port, 0);
  proxy::testing::EditorClient editor(connect(port));
  ASSERT_TRUE(editor.request("initialize", proxy::testing::vscode_initialize_arguments()));
  ::kill(proxy->pid(), SIGINT);
  auto status = proxy->wait(util::Deadline::after(util::Duration(30'000)));
  ASSERT_TRUE(status);
  EXPECT_EQ(status->code, 130) << proxy->stdout_text();
  EXPECT_NE(proxy->stdout_text().find("harness proxy: stopped: interrupted by SIGINT"),
            std::string::npos)
      << proxy->stdout_text();
  EXPECT_TRUE(fs::exists(dir / "captures" / "session-1" / "transcript.txt"));
}

TEST(Proxy, ListensOnLoopbackOnly) {
  auto r = harness({"proxy", "--listen", "0.0.0.0:4711"});
  EXPECT_EQ(r.status.code, 2);
  EXPECT_NE(r.err.find("will not listen on 0.0.0.0:4711: only a loopback address"),
            std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace cli
