#include "harness/dap/message.h"

#include <gtest/gtest.h>

namespace dap {
namespace {

TEST(IsEvent, MatchesTypeAndName) {
  EXPECT_TRUE(is_event(json{{"seq", 0}, {"type", "event"}, {"event", "stopped"}}, "stopped"));
  EXPECT_FALSE(is_event(json{{"type", "event"}, {"event", "stopped"}}, "exited"));
  EXPECT_FALSE(is_event(json{{"type", "response"}, {"command", "stopped"}}, "stopped"));
  EXPECT_FALSE(is_event(json::array(), "stopped"));
}

TEST(IsResponseTo, MatchesRequestSeqNotSeq) {
  json response = {{"seq", 0}, {"type", "response"}, {"request_seq", 3}, {"command", "next"}};
  EXPECT_TRUE(is_response_to(response, 3));
  EXPECT_FALSE(is_response_to(response, 0));
  EXPECT_FALSE(is_response_to(json{{"type", "event"}, {"request_seq", 3}}, 3));
  EXPECT_FALSE(is_response_to(json{{"type", "response"}, {"request_seq", "3"}}, 3));
}

TEST(IsReverseRequest, RecognisesRequestsFromTheAdapter) {
  EXPECT_TRUE(is_reverse_request(json{{"type", "request"}, {"command", "runInTerminal"}}));
  EXPECT_FALSE(is_reverse_request(json{{"type", "response"}, {"command", "runInTerminal"}}));
}

TEST(IsSuccess, NeedsABooleanTrue) {
  EXPECT_TRUE(is_success(json{{"success", true}}));
  EXPECT_FALSE(is_success(json{{"success", false}}));
  EXPECT_FALSE(is_success(json{{"success", "true"}}));
  EXPECT_FALSE(is_success(json::object()));
}

TEST(ErrorText, UsesDlvFormatThatRepeatsTheMessage) {
  json response = json::parse(R"({"seq":0,"type":"response","request_seq":2,"success":false,
    "command":"launch","message":"Failed to launch","body":{"error":{"id":3000,
    "format":"Failed to launch: could not launch process: stat /nope: no such file or directory",
    "showUser":true}}})");
  EXPECT_EQ(error_text(response),
            "Failed to launch: could not launch process: stat /nope: no such file or directory");
}

TEST(ErrorText, JoinsMessageAndADifferentFormat) {
  json response = {{"type", "response"},
                   {"success", false},
                   {"message", "Unable to evaluate"},
                   {"body", {{"error", {{"format", "could not find symbol value for x"}}}}}};
  EXPECT_EQ(error_text(response), "Unable to evaluate: could not find symbol value for x");
}

TEST(ErrorText, SubstitutesVariables) {
  json response = {{"type", "response"},
                   {"success", false},
                   {"message", "Failed"},
                   {"body",
                    {{"error",
                      {{"format", "cannot open {path}: {reason} ({code}) {unknown} {"},
                       {"variables", {{"path", "/tmp/x"}, {"reason", "denied"}, {"code", 13}}}}}}}};
  EXPECT_EQ(error_text(response), "Failed: cannot open /tmp/x: denied (13) {unknown} {");
}

TEST(ErrorText, FallsBackToMessageOrAPlaceholder) {
  EXPECT_EQ(error_text(json{{"success", false}, {"message", "notStopped"}}), "notStopped");
  EXPECT_EQ(error_text(json{{"success", false}, {"body", {{"error", {{"format", "why"}}}}}}),
            "why");
  EXPECT_EQ(error_text(json{{"success", false}}), "(the response carries no error message)");
}

TEST(Summarize, DescribesEachKindOfMessage) {
  EXPECT_EQ(summarize(json{{"type", "event"}, {"event", "initialized"}}), "event initialized");
  EXPECT_EQ(summarize(json{{"type", "event"},
                           {"event", "stopped"},
                           {"body", {{"reason", "breakpoint"}, {"threadId", 1}}}}),
            "event stopped (reason: breakpoint)");
  EXPECT_EQ(summarize(json{{"type", "event"},
                           {"event", "output"},
                           {"body", {{"category", "console"}, {"output", "Detaching\n"}}}}),
            "event output (console: \"Detaching\\n\")");
  EXPECT_EQ(summarize(json{{"type", "event"}, {"event", "exited"}, {"body", {{"exitCode", 3}}}}),
            "event exited (exitCode: 3)");
  EXPECT_EQ(summarize(json{{"type", "response"}, {"command", "launch"}, {"success", true}}),
            "response launch (success)");
  EXPECT_EQ(summarize(json{{"type", "response"},
                           {"command", "launch"},
                           {"success", false},
                           {"message", "Failed to launch"}}),
            "response launch (failed: Failed to launch)");
  EXPECT_EQ(summarize(json{{"type", "request"}, {"command", "runInTerminal"}}),
            "request runInTerminal");
  EXPECT_EQ(summarize(json{{"seq", 1}}), "message without a known type: {\"seq\":1}");
}

TEST(Summarize, ShortensLongOutput) {
  json event = {{"type", "event"},
                {"event", "output"},
                {"body", {{"category", "stdout"}, {"output", std::string(100, 'x')}}}};
  EXPECT_EQ(summarize(event), "event output (stdout: \"" + std::string(60, 'x') + "...\")");
}

}  // namespace
}  // namespace dap
