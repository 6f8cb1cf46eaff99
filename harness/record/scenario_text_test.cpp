#include "harness/record/scenario_text.h"

#include <gtest/gtest.h>

#include "harness/record/yaml_writer.h"

namespace record {
namespace {

TEST(ScenarioText, ReplacesTheStepsBlockAndKeepsEveryOtherLine) {
  std::string skeleton =
      "# about it\n"
      "name: x\n"
      "steps:   # how to move\n"
      "  - continue: {}\n"
      "\n"
      "  - next: {}\n"
      "# about the tags\n"
      "tags: [a]\n";
  EXPECT_EQ(with_steps(skeleton, "# recorded\n", "  - continue: {}\n"),
            "# about it\n"
            "name: x\n"
            "# recorded\n"
            "steps:\n"
            "  - continue: {}\n"
            "# about the tags\n"
            "tags: [a]\n");
}

TEST(ScenarioText, AppendsStepsWhenThereWereNone) {
  EXPECT_EQ(with_steps("name: x\nprogram: p", "", "  - continue: {}\n"),
            "name: x\nprogram: p\nsteps:\n  - continue: {}\n");
}

TEST(YamlWriter, WritesBlockStructureWithShortFlowMapsAndQuotesWhatNeedsIt) {
  Yaml steps = Yaml::list({
      Yaml::map({{"continue", Yaml::empty_map()}}),
      Yaml::map({{"expect_stop", Yaml::map({{"reason", Yaml::scalar("breakpoint")},
                                            {"line", Yaml::number(31)}})}}),
      Yaml::map({{"evaluate", Yaml::map({{"expr", Yaml::scalar("m[\"k\"], 1")}})},
                 {"expect", Yaml::map({{"result", Yaml::scalar("null")}})}}),
      Yaml::map({{"expect_output",
                  Yaml::map({{"in_order",
                              Yaml::list({Yaml::scalar("a: b"),
                                          Yaml::map({{"matches", Yaml::scalar("^x$")}})})}})}}),
  });
  EXPECT_EQ(yaml_text(steps, 2),
            "  - continue: {}\n"
            "  - expect_stop: {reason: breakpoint, line: 31}\n"
            "  - evaluate: {expr: \"m[\\\"k\\\"], 1\"}\n"
            "    expect: {result: \"null\"}\n"
            "  - expect_output:\n"
            "      in_order: [\"a: b\", {matches: ^x$}]\n");
}

}  // namespace
}  // namespace record
