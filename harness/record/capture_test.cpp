#include "harness/record/capture.h"

#include <gtest/gtest.h>

namespace record {
namespace {

// A capture as `harness proxy` writes it: a launch, a breakpoint (dlv's id 7), a stop there where
// the editor expanded a struct and evaluated an expression dlv refused, a step over, the end.
const char* kTranscript =
    R"(+0.001s --> {"seq":1,"type":"request","command":"initialize","arguments":{"adapterID":"go"}}
+0.002s <-- {"seq":1,"type":"response","request_seq":1,"success":true,"command":"initialize"}
+0.003s --> {"seq":2,"type":"request","command":"launch","arguments":{"name":"Launch","mode":"auto","program":"/src/app","args":["-v"],"env":{"MOOD":"ok"}}}
+0.004s <-- {"seq":2,"type":"response","request_seq":2,"success":true,"command":"launch"}
+0.005s --> {"seq":3,"type":"request","command":"setBreakpoints","arguments":{"source":{"path":"/src/app/main.go"},"breakpoints":[{"line":12}]}}
+0.006s <-- {"seq":3,"type":"response","request_seq":3,"success":true,"command":"setBreakpoints","body":{"breakpoints":[{"id":7,"line":12,"verified":true}]}}
+0.007s --> {"seq":4,"type":"request","command":"configurationDone"}
+0.008s <-- {"seq":4,"type":"response","request_seq":4,"success":true,"command":"configurationDone"}
+0.009s <-- {"seq":5,"type":"event","event":"stopped","body":{"reason":"breakpoint","threadId":1,"hitBreakpointIds":[7]}}
+0.010s --> {"seq":5,"type":"request","command":"stackTrace","arguments":{"threadId":1}}
+0.011s <-- {"seq":6,"type":"response","request_seq":5,"success":true,"command":"stackTrace","body":{"stackFrames":[{"id":1000,"name":"main.main","line":12,"source":{"path":"/src/app/main.go"}}]}}
+0.012s --> {"seq":6,"type":"request","command":"scopes","arguments":{"frameId":1000}}
+0.013s <-- {"seq":7,"type":"response","request_seq":6,"success":true,"command":"scopes","body":{"scopes":[{"name":"Locals","variablesReference":1000}]}}
+0.014s --> {"seq":7,"type":"request","command":"variables","arguments":{"variablesReference":1000}}
+0.015s <-- {"seq":8,"type":"response","request_seq":7,"success":true,"command":"variables","body":{"variables":[{"name":"p","value":"main.Point {X: 1, Y: 2}","type":"main.Point","variablesReference":1001},{"name":"n","value":"3","type":"int","variablesReference":0}]}}
+0.016s --> {"seq":8,"type":"request","command":"variables","arguments":{"variablesReference":1001}}
+0.017s <-- {"seq":9,"type":"response","request_seq":8,"success":true,"command":"variables","body":{"variables":[{"name":"X","value":"1","type":"int","variablesReference":0},{"name":"Y","value":"2","type":"int","variablesReference":0}]}}
+0.018s --> {"seq":9,"type":"request","command":"evaluate","arguments":{"expression":"nope","frameId":1000,"context":"hover"}}
+0.019s <-- {"seq":10,"type":"response","request_seq":9,"success":false,"command":"evaluate","message":"could not find symbol value for nope"}
+0.020s --> {"seq":10,"type":"request","command":"next","arguments":{"threadId":1}}
+0.021s <-- {"seq":11,"type":"response","request_seq":10,"success":true,"command":"next"}
+0.022s <-- {"seq":12,"type":"event","event":"stopped","body":{"reason":"step","threadId":1}}
+0.023s --> {"seq":11,"type":"request","command":"continue","arguments":{"threadId":1}}
+0.024s <-- {"seq":13,"type":"event","event":"output","body":{"category":"stdout","output":"done\n"}}
+0.025s <-- {"seq":14,"type":"event","event":"exited","body":{"exitCode":3}}
+0.026s -- proxy: dlv closed the connection
)";

TEST(ReadCapture, WhatTheEditorDidBecomesARecording) {
  auto capture = read_capture(kTranscript, "t.txt");
  ASSERT_TRUE(capture) << capture.error().str();
  EXPECT_EQ(capture->launch.value("program", ""), "/src/app");
  ASSERT_EQ(capture->breakpoints.size(), 1u);
  EXPECT_EQ(capture->breakpoints[0].id, "main_go_12");
  const Recording& r = capture->recording;
  ASSERT_EQ(r.stops.size(), 2u);
  const RecordedStop& first = r.stops[0];
  EXPECT_EQ(first.action, "continue");
  EXPECT_EQ(first.reason, "breakpoint");
  EXPECT_EQ(first.breakpoint, "main_go_12");
  EXPECT_EQ(first.function, "main.main");
  EXPECT_EQ(first.file, "/src/app/main.go");
  EXPECT_EQ(first.line, 12);
  ASSERT_EQ(first.locals.size(), 2u);
  ASSERT_EQ(first.locals[0].children.size(), 2u);  // the struct the editor expanded
  EXPECT_EQ(first.locals[0].children[1].value, "2");
  EXPECT_TRUE(first.locals[1].children.empty());
  ASSERT_EQ(first.evaluations.size(), 1u);
  EXPECT_EQ(first.evaluations[0].error, "could not find symbol value for nope");
  // The editor asked nothing at the second stop: it has no frame or locals to expect.
  EXPECT_EQ(r.stops[1].action, "next");
  EXPECT_EQ(r.stops[1].function, "");
  EXPECT_TRUE(r.stops[1].locals.empty());
  EXPECT_EQ(r.final_action, "continue");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.stdout_text, "done\n");
  // /src/app does not exist here: the folder of the first stop's source.
  EXPECT_EQ(captured_program_dir(*capture), "/src/app");
}

TEST(ReadCapture, TheSkeletonNamesProgramLaunchAndBreakpoints) {
  auto capture = read_capture(kTranscript, "t.txt");
  ASSERT_TRUE(capture);
  EXPECT_EQ(capture_skeleton(*capture, "bug 42", "app", "/src/app"),
            "name: bug 42\n"
            "program: app\n"
            "launch:\n"
            "  mode: debug\n"
            "  args: [\"-v\"]\n"
            "  env: {MOOD: ok}\n"
            "breakpoints:\n"
            "  main.go: [{id: main_go_12, line: 12}]\n");
}

TEST(ReadCapture, NoLaunchIsAnError) {
  auto capture = read_capture(
      "+0.001s --> {\"seq\":1,\"type\":\"request\",\"command\":\"attach\",\"arguments\":{}}\n",
      "a.txt");
  ASSERT_FALSE(capture);
  EXPECT_EQ(capture.error().kind, util::ErrorKind::Usage);
  EXPECT_EQ(capture.error().message,
            "a.txt: the capture holds no launch request (an attach session, or not a transcript "
            "of `harness proxy`)");
}

TEST(RelativeTo, InsideTheFolderOnly) {
  EXPECT_EQ(relative_to("/src/app", "/src/app/pkg/a.go"), "pkg/a.go");
  EXPECT_EQ(relative_to("/src/app", "/usr/local/go/src/fmt/print.go"),
            "/usr/local/go/src/fmt/print.go");
}

}  // namespace
}  // namespace record
