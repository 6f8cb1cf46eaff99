#include "harness/replay/handles.h"

#include <gtest/gtest.h>

namespace replay {
namespace {

using dap::json;

TEST(HandleKind, ByMemberAndContainer) {
  EXPECT_EQ(handle_kind("threadId", ""), HandleKind::Thread);
  EXPECT_EQ(handle_kind("frameId", ""), HandleKind::Frame);
  EXPECT_EQ(handle_kind("variablesReference", "variables"), HandleKind::Variables);
  EXPECT_EQ(handle_kind("id", "threads"), HandleKind::Thread);
  EXPECT_EQ(handle_kind("id", "stackFrames"), HandleKind::Frame);
  EXPECT_EQ(handle_kind("id", "breakpoints"), HandleKind::Breakpoint);
  EXPECT_EQ(handle_kind("", "hitBreakpointIds"), HandleKind::Breakpoint);
  EXPECT_FALSE(handle_kind("id", "scopes"));
  EXPECT_FALSE(handle_kind("line", "stackFrames"));
}

TEST(HandleMap, LearnsFromResponsesAndRewritesLaterRequests) {
  HandleMap map;
  map.learn(json::parse(R"({"body":{"threads":[{"id":1,"name":"a"},{"id":7,"name":"b"}]}})"),
            json::parse(R"({"body":{"threads":[{"id":1,"name":"a"},{"id":9,"name":"b"}]}})"));
  map.learn(json::parse(R"({"body":{"stackFrames":[{"id":1000,"line":3,
                          "source":{"id":5}}]}})"),
            json::parse(R"({"body":{"stackFrames":[{"id":1004,"line":3,
                          "source":{"id":6}}]}})"));
  map.learn(json::parse(R"({"body":{"scopes":[{"name":"Locals","variablesReference":1001}]}})"),
            json::parse(R"({"body":{"scopes":[{"name":"Locals","variablesReference":1010}]}})"));
  EXPECT_EQ(map.find(HandleKind::Thread, 7), 9);
  EXPECT_EQ(map.find(HandleKind::Frame, 1000), 1004);
  EXPECT_FALSE(map.find(HandleKind::Frame, 5));  // a source's id is not a frame
  EXPECT_EQ(map.find(HandleKind::Variables, 1001), 1010);

  EXPECT_EQ(map.rewrite(json::parse(R"({"threadId":7,"startFrame":0,"levels":20})")),
            json::parse(R"({"threadId":9,"startFrame":0,"levels":20})"));
  EXPECT_EQ(map.rewrite(json::parse(R"({"frameId":1000})")), json::parse(R"({"frameId":1004})"));
  EXPECT_EQ(map.rewrite(json::parse(R"({"variablesReference":1001,"start":0})")),
            json::parse(R"({"variablesReference":1010,"start":0})"));
  // Unknown handles stay as recorded.
  EXPECT_EQ(map.rewrite(json::parse(R"({"variablesReference":42})")),
            json::parse(R"({"variablesReference":42})"));
}

TEST(HandleMap, StoppedEventGivesThreadAndBreakpointIds) {
  HandleMap map;
  map.learn(json::parse(R"({"event":"stopped","body":{"threadId":1,"hitBreakpointIds":[2]}})"),
            json::parse(R"({"event":"stopped","body":{"threadId":18,"hitBreakpointIds":[5]}})"));
  EXPECT_EQ(map.find(HandleKind::Thread, 1), 18);
  EXPECT_EQ(map.find(HandleKind::Breakpoint, 2), 5);
}

TEST(HandleMap, LaterStopRemaps) {
  HandleMap map;
  map.learn(json{{"variablesReference", 1000}}, json{{"variablesReference", 1000}});
  map.learn(json{{"variablesReference", 1000}}, json{{"variablesReference", 1003}});
  EXPECT_EQ(map.find(HandleKind::Variables, 1000), 1003);
}

TEST(HandleMap, NestedVariablesAndEvaluate) {
  HandleMap map;
  map.learn(json::parse(R"({"body":{"variables":[{"name":"p","variablesReference":1002},
                          {"name":"n","variablesReference":0}]}})"),
            json::parse(R"({"body":{"variables":[{"name":"p","variablesReference":2002},
                          {"name":"n","variablesReference":0}]}})"));
  map.learn(json::parse(R"({"body":{"result":"{...}","variablesReference":1005}})"),
            json::parse(R"({"body":{"result":"{...}","variablesReference":2005}})"));
  EXPECT_EQ(map.find(HandleKind::Variables, 1002), 2002);
  EXPECT_EQ(map.find(HandleKind::Variables, 1005), 2005);
  EXPECT_EQ(map.find(HandleKind::Variables, 0), 0);
}

}  // namespace
}  // namespace replay
