#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "harness/dap/transcript.h"
#include "harness/drift/compare_sessions.h"
#include "harness/drift/drift_report.h"
#include "harness/drift/side_by_side.h"

namespace drift {
namespace {

using dap::json;

// A transcript as the runner writes it: "+T --> {...}", "+T <-- {...}", "+T -- note".
class TranscriptText {
 public:
  TranscriptText& sent(const json& m) { return line("--> " + m.dump()); }
  TranscriptText& received(const json& m) { return line("<-- " + m.dump()); }
  TranscriptText& step(int number, int line_number, const std::string& keyword) {
    return line("-- " + dap::step_note({number, line_number, keyword}));
  }
  TranscriptText& teardown() { return line("-- " + std::string(dap::kTeardownNote)); }
  // A request and its response with `body`.
  TranscriptText& exchange(const std::string& command, const json& body, json arguments = {}) {
    int seq = ++seq_;
    sent({{"seq", seq},
          {"type", "request"},
          {"command", command},
          {"arguments", arguments.is_null() ? json::object() : arguments}});
    return received({{"seq", ++seq_},
                     {"type", "response"},
                     {"request_seq", seq},
                     {"command", command},
                     {"success", true},
                     {"body", body}});
  }
  TranscriptText& event(const std::string& name, const json& body = json::object()) {
    return received({{"seq", ++seq_}, {"type", "event"}, {"event", name}, {"body", body}});
  }
  SessionLog log() const {
    auto read = read_session_log(text_, "transcript.txt");
    EXPECT_TRUE(read.ok()) << (read.ok() ? "" : read.error().message);
    return read.ok() ? *read : SessionLog{};
  }

 private:
  TranscriptText& line(const std::string& rest) {
    text_ += "+0.001s " + rest + "\n";
    return *this;
  }
  std::string text_;
  int seq_ = 0;
};

json frames(const std::string& runtime_file, int runtime_line) {
  return {{"stackFrames", json::array({{{"id", 1000},
                                        {"name", "main.main"},
                                        {"line", 12},
                                        {"source", {{"path", "/src/app/main.go"}}}},
                                       {{"id", 1001},
                                        {"name", "runtime.main"},
                                        {"line", runtime_line},
                                        {"source", {{"path", runtime_file}}}}})},
          {"totalFrames", 2}};
}

json variables(const std::vector<std::pair<std::string, std::string>>& entries) {
  json list = json::array();
  for (const auto& [name, value] : entries)
    list.push_back({{"name", name}, {"value", value}, {"type", "int"}, {"variablesReference", 0}});
  return {{"variables", list}};
}

// One session: a stop, its stack and locals, then the program's end.
TranscriptText session(int runtime_line, json locals, bool exited_event = true,
                       const std::string& goroot = "/goroot-a") {
  TranscriptText t;
  t.exchange("initialize", {{"supportsConfigurationDoneRequest", true}});
  t.step(1, 9, "continue").exchange("continue", json::object());
  t.event("stopped", {{"reason", "breakpoint"}, {"threadId", 1}});
  t.step(2, 10, "expect_stack")
      .exchange("stackTrace", frames(goroot + "/src/runtime/proc.go", runtime_line));
  t.step(3, 11, "expect_variables").exchange("variables", std::move(locals));
  t.step(4, 12, "expect_exit");
  if (exited_event) t.event("exited", {{"exitCode", 0}});
  t.event("terminated");
  t.teardown().exchange("disconnect", json::object());
  return t;
}

TEST(SessionLog, AttributesEachMessageToItsStep) {
  auto log = session(250, variables({{"n", "1"}})).log();
  ASSERT_EQ(log.steps.size(), 6u);  // handshake, 4 steps, teardown
  EXPECT_EQ(log.steps[2].str(), "step 2 expect_stack (line 10)");
  EXPECT_TRUE(log.steps[5].teardown());
  const auto& stack = log.messages[5];
  EXPECT_EQ(stack.message.value("command", ""), "stackTrace");
  EXPECT_EQ(log.steps[stack.step].number, 2);
}

TEST(SessionLog, BrokenMessageLineNamesTheLine) {
  auto read =
      read_session_log("+0.1s -- step 1 (line 3): continue\n+0.2s <-- {\"seq\":\n", "t.txt");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().message, "t.txt:2: not a DAP message");
}

TEST(CompareSessions, TheSameSessionHasNoDrift) {
  auto a = session(250, variables({{"n", "1"}})).log();
  EXPECT_TRUE(compare_sessions(a, a, {}).empty());
}

TEST(CompareSessions, EveryDifferenceIsKindedAndPlaced) {
  auto from = session(250, variables({{"n", "1"}, {"err", "nil"}}), false).log();
  auto b = session(290, variables({{"n", "2"}, {"err", "nil"}, {"extra", "3"}}), true, "/goroot-b");
  auto to = b.log();
  std::vector<replay::Substitution> subs = {{"/goroot-a", "/goroot-b"}};
  std::vector<std::string> seen;
  for (const auto& d : compare_sessions(from, to, subs))
    seen.push_back(std::string(kind_id(d.kind)) + " " + d.str());
  std::vector<std::string> expected = {
      "runtime-location step 2 expect_stack (line 10): response 'stackTrace': "
      "body.stackFrames[1].line: 250 -> 290",
      "rendering step 3 expect_variables (line 11): response 'variables': "
      "body.variables.[n].value: \"1\" -> \"2\"",
      "children step 3 expect_variables (line 11): response 'variables': body.variables.[extra]: "
      "(absent) -> {\"name\":\"extra\",\"type\":\"int\",\"value\":\"3\",\"variablesReference\":0}",
      "other step 3 expect_variables (line 11): response 'variables': body.variables.order: \"n, "
      "err\" -> \"n, err, extra\"",
      "lifecycle event 'exited' new"};
  EXPECT_EQ(seen, expected);
}

TEST(CompareSessions, MapEntriesCompareByKeyWhateverTheirOrderAndWhichOnesCame) {
  auto a = session(250, variables({{"\"a\"", "1"}, {"\"b\"", "2"}, {"\"c\"", "3"}})).log();
  auto b = session(250, variables({{"\"c\"", "3"}, {"\"a\"", "1"}, {"\"d\"", "4"}})).log();
  EXPECT_TRUE(compare_sessions(a, b, {}).empty());
  auto fewer = session(250, variables({{"\"c\"", "3"}, {"\"a\"", "1"}})).log();
  auto drifts = compare_sessions(a, fewer, {});
  ASSERT_EQ(drifts.size(), 1u);
  EXPECT_EQ(drifts[0].what(), "response 'variables': body.variables.length: 3 -> 2");
}

TEST(CompareSessions, AValueCutAtItsLimitElsewhereIsNotADrift) {
  std::string head(300, 'x');
  auto a = session(250, variables({{"v", head + "abc..."}})).log();
  auto b = session(250, variables({{"v", head + "ab..."}})).log();
  EXPECT_TRUE(compare_sessions(a, b, {}).empty());
  auto c = session(250, variables({{"v", "y" + head + "..."}})).log();
  EXPECT_EQ(compare_sessions(a, c, {}).size(), 1u);
}

TEST(CompareSessions, EventsOfTheTeardownAreNeverMissing) {
  auto a = session(250, variables({})).log();
  TranscriptText t;
  t.exchange("initialize", {{"supportsConfigurationDoneRequest", true}});
  t.step(1, 9, "continue").exchange("continue", json::object());
  t.event("stopped", {{"reason", "breakpoint"}, {"threadId", 1}});
  t.step(2, 10, "expect_stack")
      .exchange("stackTrace", frames("/goroot-a/src/runtime/proc.go", 250));
  t.step(3, 11, "expect_variables").exchange("variables", variables({}));
  t.step(4, 12, "expect_exit").event("exited", {{"exitCode", 0}});
  t.teardown().event("terminated").exchange("disconnect", json::object());
  EXPECT_TRUE(compare_sessions(a, t.log(), {}).empty());
}

TEST(NoiseKey, LeavesOutWhatTwoRunsOfACellShowToo) {
  auto a = session(250, variables({{"n", "1"}})).log();
  auto b = session(290, variables({{"n", "2"}})).log();
  auto c = session(250, variables({{"n", "3"}})).log();
  auto drifts = compare_sessions(a, b, {});
  ASSERT_EQ(drifts.size(), 2u);
  std::set<std::string> noise;
  for (const auto& d : compare_sessions(a, c, {})) noise.insert(noise_key(d));
  EXPECT_EQ(remove_noise(drifts, noise), 1u);
  ASSERT_EQ(drifts.size(), 1u);
  EXPECT_EQ(drifts[0].kind, DriftKind::RuntimeLocation);
}

TEST(CompareRuns, OnlyWhatEveryPairOfRunsShowsIsDrift) {
  // The runtime line moved in the other cell (systematic); n is 2 in one run of it only (a race).
  std::vector<SessionLog> from = {session(250, variables({{"n", "1"}})).log(),
                                  session(250, variables({{"n", "1"}})).log()};
  std::vector<SessionLog> to = {session(290, variables({{"n", "2"}})).log(),
                                session(290, variables({{"n", "1"}})).log()};
  auto compared = compare_runs(from, to, {});
  ASSERT_EQ(compared.drifts.size(), 1u);
  EXPECT_EQ(compared.drifts[0].what(),
            "response 'stackTrace': body.stackFrames[1].line: 250 -> 290");
  EXPECT_EQ(compared.unstable, 1u);
}

DriftReport report_of(const std::vector<std::pair<std::string, std::string>>& locals_to) {
  auto from = session(250, variables({{"n", "1"}})).log();
  auto to = session(290, variables(locals_to)).log();
  DriftReport report{"go1.19 dlv1.20.2", "go1.26 dlv1.27.2", {}};
  for (const char* file : {"scenarios/a.yaml", "scenarios/b.yaml"}) {
    ScenarioDrift s;
    s.file = file;
    s.name = "x";
    s.from_status = "PASS";
    s.to_status = "FAIL";
    s.drifts = compare_sessions(from, to, {});
    report.scenarios.push_back(std::move(s));
  }
  ScenarioDrift gated;
  gated.file = "scenarios/c.yaml";
  gated.name = "c";
  gated.from_status = "SKIP";
  gated.to_status = "PASS";
  gated.gated = "from cell: requires dlv >=1.27.2";
  report.scenarios.push_back(std::move(gated));
  return report;
}

TEST(DriftReport, RepeatedDriftIsOneDistinctLineWithItsCounts) {
  auto report = report_of({{"n", "2"}});
  char* text = nullptr;
  std::size_t size = 0;
  std::FILE* out = open_memstream(&text, &size);
  print_report(out, report);
  std::fclose(out);
  std::string printed(text, size);
  std::free(text);
  EXPECT_NE(printed.find("3 scenario(s): 2 drifted (4 difference(s), 2 distinct), 1 gated in a "
                         "cell, 0 the same"),
            std::string::npos)
      << printed;
  EXPECT_NE(printed.find("  [runtime-location] 2, 2: response 'stackTrace': "
                         "body.stackFrames[].line: 250 -> 290\n      e.g. scenarios/a.yaml step 2 "
                         "expect_stack (line 10)"),
            std::string::npos)
      << printed;
  EXPECT_NE(printed.find("GATED  scenarios/c.yaml (SKIP -> PASS): from cell: requires"),
            std::string::npos);
  auto json_text = json_report(report);
  EXPECT_EQ(json_text["differences"], 4);
  EXPECT_EQ(json_text["distinct"].size(), 2u);
  EXPECT_EQ(json_text["kinds"]["rendering"]["scenarios"], 2);
}

TEST(DriftReport, MarkdownShowsProgramTextAsText) {
  auto md = markdown_report(report_of({{"n", "<script>alert(1)</script></pre>|x"}}));
  EXPECT_EQ(md.find("<script>"), std::string::npos) << md;
  EXPECT_EQ(md.find("</pre>"), std::string::npos) << md;
  EXPECT_NE(md.find("&lt;script&gt;alert(1)&lt;/script&gt;&lt;/pre&gt;\\|x"), std::string::npos)
      << md;
}

// The two cells' runs step beside step: same messages unmarked, a different one marked, a step
// only one run reached still shown, program text escaped.
TEST(SideBySide, PairsTheMessagesOfEachStepAndMarksTheOnesThatDiffer) {
  TranscriptText from, to;
  for (auto* t : {&from, &to}) t->exchange("initialize", json::object()).step(1, 9, "continue");
  from.exchange("continue", json::object()).event("output", {{"output", "<script>x</script>"}});
  to.exchange("continue", json::object()).event("terminated").step(2, 11, "expect_exit");
  std::string html =
      side_by_side_html(from.log(), to.log(), "go1.19 dlv1.20.2", "go1.26 dlv1.27.2");
  EXPECT_NE(html.find("<th>go1.19 dlv1.20.2</th>"), std::string::npos) << html;
  for (const char* step :
       {">handshake<", ">step 1 continue (line 9)<", ">step 2 expect_exit (line 11)<"})
    EXPECT_NE(html.find(step), std::string::npos) << step << "\n" << html;
  EXPECT_NE(html.find("→ request continue"), std::string::npos) << html;
  // initialize and continue (4 rows) are alike in both and stand side by side; output and
  // terminated each stand alone, marked.
  auto first = html.find("<tr class=\"differs\">");
  ASSERT_NE(first, std::string::npos) << html;
  auto second = html.find("<tr class=\"differs\">", first + 1);
  ASSERT_NE(second, std::string::npos) << html;
  EXPECT_EQ(html.find("<tr class=\"differs\">", second + 1), std::string::npos) << html;
  EXPECT_LT(html.find("← event output", first), second) << html;
  EXPECT_NE(html.find("<td></td><td></td></tr>", first), std::string::npos) << html;
  EXPECT_NE(
      html.find("<td></td><td></td><td class=\"n\">0.001s</td><td>← event terminated", second),
      std::string::npos)
      << html;
  EXPECT_LT(html.find("request continue"), first) << html;
  EXPECT_EQ(html.find("<script>"), std::string::npos) << html;
  EXPECT_NE(html.find("&lt;script&gt;x&lt;/script&gt;"), std::string::npos) << html;
}

}  // namespace
}  // namespace drift
