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

}  // namespace
}  // namespace replay
