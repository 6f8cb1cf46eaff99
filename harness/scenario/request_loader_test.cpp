// Loader diagnostics and results of the `request` step: lifecycle commands refused, `expect:`
// keys, the body tree, arguments as JSON and the built-in captures.
#include <gtest/gtest.h>

#include "harness/scenario/loader.h"
#include "harness/scenario/loader_test_support.h"

namespace scenario {
namespace {

class RequestLoaderTest : public testing::ScratchTree {
 protected:
  RequestLoaderTest() : ScratchTree({"goprojects/p"}) {}

  // The first line of every diagnostic of `text` (loaded as scenarios/x.yaml), one per line.
  static std::string errors_of(std::string_view text) { return first_lines(load_text(text)); }
  static Scenario valid(std::string_view text) { return only_scenario(load_text(text)); }
};

TEST_F(RequestLoaderTest, RefusesLifecycleRequestsAndArgumentsOfInitialize) {
  EXPECT_EQ(errors_of("program: goprojects/p\n"
                      "steps:\n"
                      "  - request: {command: launch}\n"
                      "  - request: {command: attach}\n"
                      "  - request: {command: configurationDone}\n"
                      "  - request: {command: initialize, arguments: {adapterID: go}}\n"
                      "  - request: {arguments: {}}\n"),
            "scenarios/x.yaml:3:24: error: 'request' cannot send 'launch': use 'launch:' or "
            "'launch_json:'\n"
            "scenarios/x.yaml:4:24: error: 'request' cannot send 'attach': use 'launch: "
            "{topology: ...}'\n"
            "scenarios/x.yaml:5:24: error: 'request' cannot send 'configurationDone': the first "
            "'continue' or 'pause' step sends it\n"
            "scenarios/x.yaml:6:36: error: 'request' with 'initialize' takes no 'arguments': it "
            "checks the response the handshake received (DAP allows one initialize)\n"
            "scenarios/x.yaml:7:14: error: missing required key 'command' in 'request'\n");
}

TEST_F(RequestLoaderTest, ExpectKeysAndBodyShapes) {
  EXPECT_EQ(errors_of("program: goprojects/p\n"
                      "steps:\n"
                      "  - request: {command: threads}\n"
                      "    expect: {sucess: true}\n"
                      "  - request: {command: evaluate}\n"
                      "    expect: {success: true, error: {contains: x}}\n"
                      "  - request: {command: threads}\n"
                      "    expect: {body: {threads: []}}\n"
                      "  - request: {command: threads, arguments: [1]}\n"),
            "scenarios/x.yaml:4:14: error: unknown key 'sucess' (did you mean 'success'?)\n"
            "scenarios/x.yaml:6:23: error: 'success: true' contradicts 'message'/'error', which "
            "expect a failed request\n"
            "scenarios/x.yaml:8:30: error: 'threads' is empty: write a matcher, or the members "
            "or elements to check\n"
            "scenarios/x.yaml:9:44: error: 'arguments' must be a map, got list\n");
}

TEST_F(RequestLoaderTest, BuiltInCapturesAreKnownToRequestOnlyAndCannotBeSaved) {
  EXPECT_EQ(errors_of("program: goprojects/p\n"
                      "steps:\n"
                      "  - evaluate: {expr: 'x', save: thread}\n"
                      "  - evaluate: {expr: '${frame}'}\n"
                      "  - request:\n"
                      "      command: scopes\n"
                      "      arguments:\n"
                      "        frameId: ${frame}\n"),
            "scenarios/x.yaml:3:33: error: capture name 'thread' is built in ('request' reads it "
            "as the id of the last stop's thread)\n"
            "scenarios/x.yaml:4:22: error: unknown capture '${frame}': no earlier step saves "
            "'frame'\n");
}

TEST_F(RequestLoaderTest, ArgumentsKeepTheirJsonTypesAndFailureIsImpliedByError) {
  Scenario s = valid(
      "program: goprojects/p\n"
      "steps:\n"
      "  - request:\n"
      "      command: evaluate\n"
      "      arguments:\n"
      "        expression: x\n"
      "        frameId: ${frame}\n"
      "        quoted: \"${thread}\"\n"
      "        n: 3\n"
      "        on: true\n"
      "    expect:\n"
      "      error: {contains: nope}\n"
      "      body: {error: {id: 2009}, list: [a, {b: c}]}\n");
  const auto& request = std::get<Request>(s.steps.at(0).kind);
  EXPECT_EQ(request.command, "evaluate");
  EXPECT_EQ(request.arguments.dump(),
            R"({"expression":"x","frameId":"${frame}","n":3,"on":true,"quoted":"${thread}"})");
  EXPECT_EQ(request.plain_placeholders, std::vector<std::string>{"/frameId"});
  EXPECT_FALSE(request.success);
  ASSERT_TRUE(request.body);
  ASSERT_EQ(request.body->members.size(), 2u);
  EXPECT_EQ(request.body->members[0].expect.members.at(0).key, "id");
  EXPECT_EQ(request.body->members[1].expect.items.size(), 2u);
  EXPECT_EQ(request.body->members[1].expect.items.at(1).members.at(0).expect.leaf->describe(),
            "\"c\"");
}

}  // namespace
}  // namespace scenario
