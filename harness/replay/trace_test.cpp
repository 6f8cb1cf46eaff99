#include "harness/replay/trace.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace replay {
namespace {

const std::filesystem::path kFixtures =
    std::filesystem::path(HARNESS_SOURCE_DIR) / "fixtures" / "replay";

// The commands of the requests the client sent, in order.
std::vector<std::string> client_commands(const Trace& trace) {
  std::vector<std::string> out;
  for (const auto& m : trace.messages)
    if (m.from_client) out.push_back(m.message.value("command", ""));
  return out;
}

TEST(ReadTrace, HarnessTranscript) {
  auto trace = read_trace(kFixtures / "transcript.txt");
  ASSERT_TRUE(trace.ok()) << trace.error().str();
  EXPECT_EQ(trace->format, TraceFormat::Transcript);
  ASSERT_EQ(trace->messages.size(), 12u);  // the note line is not a message
  EXPECT_EQ(
      client_commands(*trace),
      (std::vector<std::string>{"initialize", "launch", "setBreakpoints", "configurationDone"}));
  EXPECT_FALSE(trace->messages[1].from_client);
  EXPECT_EQ(trace->messages[1].message["command"], "initialize");
  EXPECT_EQ(trace->messages[4].line, 6);  // after the note on line 5
  EXPECT_EQ(trace->messages[4].message["event"], "initialized");
}

TEST(ReadTrace, DlvDapLogSkipsOtherLogLines) {
  auto trace = read_trace(kFixtures / "dlv-dap.log");
  ASSERT_TRUE(trace.ok()) << trace.error().str();
  EXPECT_EQ(trace->format, TraceFormat::DlvLog);
  EXPECT_EQ(trace->messages.size(), 29u);
  EXPECT_EQ(client_commands(*trace),
            (std::vector<std::string>{"initialize", "launch", "setBreakpoints", "configurationDone",
                                      "threads", "stackTrace", "scopes", "variables", "continue",
                                      "disconnect"}));
  // "parsed launch config: {" and its indented lines sit between launch and its events.
  EXPECT_EQ(trace->messages[3].message["event"], "process");
  EXPECT_EQ(trace->messages[3].line, 21);
}

TEST(ReadTrace, VscodeGoTrace) {
  auto trace = read_trace(kFixtures / "vscode-go.log");
  ASSERT_TRUE(trace.ok()) << trace.error().str();
  EXPECT_EQ(trace->format, TraceFormat::VscodeGo);
  ASSERT_EQ(trace->messages.size(), 14u);  // the session config line is not a message
  EXPECT_TRUE(trace->messages[0].from_client);
  EXPECT_EQ(trace->messages[0].line, 3);
  EXPECT_FALSE(trace->messages[1].from_client);
  EXPECT_EQ(client_commands(*trace).back(), "configurationDone");
  EXPECT_EQ(trace->messages.back().message["event"], "stopped");
}

TEST(ReadTrace, MalformedLineNamesFileAndLine) {
  auto file = kFixtures / "malformed.txt";
  auto trace = read_trace(file);
  ASSERT_FALSE(trace.ok());
  EXPECT_EQ(trace.error().kind, util::ErrorKind::Usage);
  EXPECT_NE(trace.error().str().find(file.string() + ":6: malformed DAP message"),
            std::string::npos)
      << trace.error().str();
}

TEST(ParseTrace, NoMessageIsAnError) {
  auto trace = parse_trace("hello\nworld\n", "notes.txt");
  ASSERT_FALSE(trace.ok());
  EXPECT_NE(trace.error().message.find("no DAP message found in notes.txt"), std::string::npos);
}

TEST(ParseTrace, UnreadableFile) {
  auto trace = read_trace(kFixtures / "does-not-exist.txt");
  ASSERT_FALSE(trace.ok());
  EXPECT_NE(trace.error().message.find("cannot read trace"), std::string::npos);
}

TEST(ParseTrace, MessageMustBeAnObjectWithType) {
  auto trace = parse_trace("+0.001s --> [1,2]\n", "t.txt");
  ASSERT_FALSE(trace.ok());
  EXPECT_EQ(trace.error().str(), "t.txt:1: a DAP message must be a JSON object with a \"type\"");
}

TEST(ParseTrace, FormatIsFixedByTheFirstMessage) {
  // A transcript line whose note mentions a dlv log line is still a note.
  auto trace = parse_trace(
      "+0.001s --> {\"seq\":1,\"type\":\"request\",\"command\":\"threads\"}\n"
      "+0.002s -- dlv: x layer=dap [-> to client]{\"seq\":9,\"type\":\"event\",\"event\":\"x\"}\n"
      "\r\n",
      "t.txt");
  ASSERT_TRUE(trace.ok()) << trace.error().str();
  EXPECT_EQ(trace->messages.size(), 1u);
}

// vscode-go with "showLog" and "logOutput": "dap" relays dlv's log as console output events (and
// as raw lines of its channel). Such a line holds a dlv log marker inside an escaped JSON string;
// the line's own format is the marker met first.
TEST(ParseTrace, RelayedDlvLogLineDoesNotDecideTheFormat) {
  auto trace = parse_trace(
      "2026-12-02 02:22:42.105 [trace] client  <- {\"seq\":0,\"type\":\"event\",\"event\":"
      "\"output\",\"body\":{\"category\":\"console\",\"output\":\"2026-12-02T02:22:42Z debug "
      "layer=dap [<- from client]{\\\"seq\\\":1,\\\"type\\\":\\\"request\\\"}\\n\"}}\n"
      "2026-12-02 02:22:42.106 [trace] 2026-12-02T02:22:42Z debug layer=dap [<- from "
      "client]{\"seq\":1,\"type\":\"request\",\"command\":\"initialize\"}\n"
      "2026-12-02 02:22:42.107 [trace] client -> {\"seq\":2,\"type\":\"request\",\"command\":"
      "\"launch\"}\n",
      "go-debug.log");
  ASSERT_TRUE(trace.ok()) << trace.error().str();
  EXPECT_EQ(trace->format, TraceFormat::VscodeGo);
  ASSERT_EQ(trace->messages.size(), 2u);  // the raw relayed log line is not a message
  EXPECT_EQ(trace->messages[0].message["event"], "output");
  EXPECT_EQ(client_commands(*trace), (std::vector<std::string>{"launch"}));
}

TEST(ReadTrace, VscodeGoTraceWithDlvLogRelayed) {
  auto trace = read_trace(kFixtures / "vscode-go-dlv-log.log");
  ASSERT_TRUE(trace.ok()) << trace.error().str();
  EXPECT_EQ(trace->format, TraceFormat::VscodeGo);
  EXPECT_EQ(client_commands(*trace),
            (std::vector<std::string>{"initialize", "launch", "setBreakpoints", "configurationDone",
                                      "threads", "stackTrace", "scopes", "variables", "continue",
                                      "disconnect"}));
  EXPECT_TRUE(trace->warnings.empty());
}

// A trace pasted from a terminal or an issue is often cut in the middle of its last message.
TEST(ParseTrace, CutOffLastLineIsAWarning) {
  auto trace = parse_trace(
      "+0.001s --> {\"seq\":1,\"type\":\"request\",\"command\":\"initialize\"}\n"
      "+0.002s <-- {\"seq\":1,\"type\":\"response\",\"request_se\n\n",
      "t.txt");
  ASSERT_TRUE(trace.ok()) << trace.error().str();
  EXPECT_EQ(trace->messages.size(), 1u);
  ASSERT_EQ(trace->warnings.size(), 1u);
  EXPECT_EQ(trace->warnings[0],
            "t.txt:2: the last line is cut off, left out (malformed DAP message in a transcript "
            "line: \"{\\\"seq\\\":1,\\\"type\\\":\\\"response\\\",\\\"request_se\")");
}

}  // namespace
}  // namespace replay
