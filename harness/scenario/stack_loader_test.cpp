// Loader diagnostics of the stack, thread and goroutine-selection keys (expect_stack,
// expect_threads, `thread:` on continue / next / step_in / step_out).
#include <gtest/gtest.h>

#include "harness/scenario/loader.h"
#include "harness/scenario/loader_test_support.h"

namespace scenario {
namespace {

class StackLoaderTest : public testing::ScratchTree {
 protected:
  StackLoaderTest() : ScratchTree({"goprojects/workers"}) {}

  // Loads "program: goprojects/workers\nsteps:\n" + `steps` as scenarios/x.yaml; every
  // diagnostic rendered, joined by blank lines.
  static std::string errors_of(std::string_view steps) {
    return rendered(load_text(std::string(kHead) + std::string(steps)));
  }
  // Loads `steps`, which must be valid, and returns them.
  static std::vector<Step> valid(std::string_view steps) {
    return only_scenario(load_text(std::string(kHead) + std::string(steps))).steps;
  }

  static constexpr std::string_view kHead = "program: goprojects/workers\nsteps:\n";
};

TEST_F(StackLoaderTest, ExpectStackReadsEveryKey) {
  auto steps = valid(
      "  - expect_stack:\n"
      "      thread: {contains: main.courier}\n"
      "      start_frame: 2\n"
      "      levels: 3\n"
      "      exact: true\n"
      "      total_frames: 8\n"
      "      frames:\n"
      "        - {function: main.depth, file: main.go, line: 25, presentation_hint: normal}\n"
      "        - {}\n");
  ASSERT_EQ(steps.size(), 1u);
  const auto& stack = std::get<ExpectStack>(steps[0].kind);
  EXPECT_EQ(stack.start_frame, 2);
  EXPECT_EQ(stack.levels, 3);
  EXPECT_TRUE(stack.exact);
  ASSERT_TRUE(stack.total_frames);
  EXPECT_TRUE(stack.total_frames->matches(8));
  ASSERT_TRUE(stack.thread);
  EXPECT_TRUE(stack.thread->matches("[Go 7] main.courier"));
  ASSERT_EQ(stack.frames.size(), 2u);
  EXPECT_TRUE(stack.frames[0].function->matches("main.depth"));
  EXPECT_TRUE(stack.frames[0].line->matches(25));
  EXPECT_TRUE(stack.frames[0].presentation_hint->matches("normal"));
  EXPECT_EQ(stack.frames[0].loc.line, 10);
  EXPECT_FALSE(stack.frames[1].function);
}

TEST_F(StackLoaderTest, ExpectStackDefaultsToAPrefixFromTheTopFrame) {
  auto steps = valid("  - expect_stack: {frames: [{function: main.bottom}]}\n");
  ASSERT_EQ(steps.size(), 1u);
  const auto& stack = std::get<ExpectStack>(steps[0].kind);
  EXPECT_FALSE(stack.exact);
  EXPECT_EQ(stack.start_frame, 0);
  EXPECT_FALSE(stack.levels);
  EXPECT_FALSE(stack.thread);
}

TEST_F(StackLoaderTest, ExpectStackShapeProblems) {
  EXPECT_EQ(errors_of("  - expect_stack: {frames: [{functon: main.main}], exact: yes}\n"
                      "  - expect_stack: {frames: [main.main], levels: 0, start_frame: -1}\n"
                      "  - expect_stack: {frames: {function: main.main}, totalframes: 3}\n"),
            "scenarios/x.yaml:3:30: error: unknown key 'functon' (did you mean 'function'?)\n"
            "  - expect_stack: {frames: [{functon: main.main}], exact: yes}\n"
            "                             ^\n\n"
            "scenarios/x.yaml:3:59: error: 'exact' must be true or false, got string \"yes\"\n"
            "  - expect_stack: {frames: [{functon: main.main}], exact: yes}\n"
            "                                                          ^\n\n"
            "scenarios/x.yaml:4:29: error: a frame must be a map (function, file, line, "
            "presentation_hint), got string \"main.main\"\n"
            "  - expect_stack: {frames: [main.main], levels: 0, start_frame: -1}\n"
            "                            ^\n\n"
            "scenarios/x.yaml:4:49: error: 'levels' must be at least 1, got 0\n"
            "  - expect_stack: {frames: [main.main], levels: 0, start_frame: -1}\n"
            "                                                ^\n\n"
            "scenarios/x.yaml:4:65: error: 'start_frame' must be at least 0, got -1\n"
            "  - expect_stack: {frames: [main.main], levels: 0, start_frame: -1}\n"
            "                                                                ^\n\n"
            "scenarios/x.yaml:5:28: error: 'frames' must be a list, got map\n"
            "  - expect_stack: {frames: {function: main.main}, totalframes: 3}\n"
            "                           ^\n\n"
            "scenarios/x.yaml:5:51: error: unknown key 'totalframes' (did you mean "
            "'total_frames'?)\n"
            "  - expect_stack: {frames: {function: main.main}, totalframes: 3}\n"
            "                                                  ^");
}

TEST_F(StackLoaderTest, PresentationHintIsOneOfDapsThreeUnlessAnOperatorIsUsed) {
  EXPECT_EQ(errors_of("  - expect_stack: {frames: [{presentation_hint: sublte}]}\n"
                      "  - expect_stack: {frames: [{presentation_hint: faint}]}\n"
                      "  - expect_stack: {frames: [{presentation_hint: {matches: '^sub'}}]}\n"),
            "scenarios/x.yaml:3:49: error: unknown presentation_hint 'sublte' (did you mean "
            "'subtle'?)\n"
            "  - expect_stack: {frames: [{presentation_hint: sublte}]}\n"
            "                                                ^\n\n"
            "scenarios/x.yaml:4:49: error: unknown presentation_hint 'faint'; hints: normal, "
            "label, subtle\n"
            "  - expect_stack: {frames: [{presentation_hint: faint}]}\n"
            "                                                ^");
}

TEST_F(StackLoaderTest, ExactNeedsFrames) {
  EXPECT_EQ(errors_of("  - expect_stack: {exact: true, total_frames: 8}\n"),
            "scenarios/x.yaml:3:20: error: 'exact' needs 'frames' (the frames the stack consists "
            "of)\n"
            "  - expect_stack: {exact: true, total_frames: 8}\n"
            "                   ^");
}

TEST_F(StackLoaderTest, ExpectThreadsReadsItsLists) {
  auto steps = valid(
      "  - expect_threads:\n"
      "      count: {matches: '^[5-9]$'}\n"
      "      names: [main.main, {contains: main.worker}]\n"
      "      absent: [{contains: runtime.}]\n"
      "      counts: [{name: {contains: main.worker}, count: 3}]\n");
  ASSERT_EQ(steps.size(), 1u);
  const auto& threads = std::get<ExpectThreads>(steps[0].kind);
  ASSERT_TRUE(threads.count);
  EXPECT_TRUE(threads.count->matches(5));
  ASSERT_EQ(threads.names.size(), 2u);
  EXPECT_TRUE(threads.names[0].matches("main.main"));
  EXPECT_FALSE(threads.names[0].matches("* [Go 1] main.main"));
  EXPECT_TRUE(threads.names[1].matches("[Go 6] main.worker"));
  ASSERT_EQ(threads.absent.size(), 1u);
  EXPECT_TRUE(threads.absent[0].matches("[Go 2] runtime.gopark"));
  ASSERT_EQ(threads.counts.size(), 1u);
  EXPECT_TRUE(threads.counts[0].name.matches("[Go 6] main.worker"));
  EXPECT_TRUE(threads.counts[0].count.matches(3));
}

TEST_F(StackLoaderTest, ThreadCountsNeedANameAndACount) {
  EXPECT_EQ(errors_of("  - expect_threads: {counts: [{name: main.worker}, {count: 3}]}\n"
                      "  - expect_threads: {counts: main.worker}\n"),
            "scenarios/x.yaml:3:31: error: missing required key 'count' in counts\n"
            "  - expect_threads: {counts: [{name: main.worker}, {count: 3}]}\n"
            "                              ^\n\n"
            "scenarios/x.yaml:3:52: error: missing required key 'name' in counts\n"
            "  - expect_threads: {counts: [{name: main.worker}, {count: 3}]}\n"
            "                                                   ^\n\n"
            "scenarios/x.yaml:4:30: error: 'counts' must be a list of {name, count} maps, got "
            "string \"main.worker\"\n"
            "  - expect_threads: {counts: main.worker}\n"
            "                             ^");
}

TEST_F(StackLoaderTest, ExpectThreadsShapeProblems) {
  EXPECT_EQ(errors_of("  - expect_threads: {}\n"
                      "  - expect_threads:\n"
                      "  - expect_threads: {names: main.main, absent: [[1]], cont: 5}\n"),
            "scenarios/x.yaml:3:21: error: 'expect_threads' needs at least one of count, names, "
            "absent, counts\n"
            "  - expect_threads: {}\n"
            "                    ^\n\n"
            "scenarios/x.yaml:4:5: error: 'expect_threads' needs at least one of count, names, "
            "absent, counts\n"
            "  - expect_threads:\n"
            "    ^\n\n"
            "scenarios/x.yaml:5:29: error: 'names' must be a list of matchers, got string "
            "\"main.main\"\n"
            "  - expect_threads: {names: main.main, absent: [[1]], cont: 5}\n"
            "                            ^\n\n"
            "scenarios/x.yaml:5:49: error: 'absent' must be a scalar or a map with one operator "
            "(eq, matches, prefix, contains, absent, any_of, all_of, none_of), got list\n"
            "  - expect_threads: {names: main.main, absent: [[1]], cont: 5}\n"
            "                                                ^\n\n"
            "scenarios/x.yaml:5:55: error: unknown key 'cont' (did you mean 'count'?)\n"
            "  - expect_threads: {names: main.main, absent: [[1]], cont: 5}\n"
            "                                                      ^");
}

TEST_F(StackLoaderTest, ResumingStepsTakeAThreadSelector) {
  auto steps = valid(
      "  - continue: {}\n"
      "  - next: {thread: {contains: main.courier}}\n"
      "  - step_in:\n"
      "  - step_out: {thread: '[Go 7] main.courier'}\n");
  ASSERT_EQ(steps.size(), 4u);
  EXPECT_FALSE(std::get<Continue>(steps[0].kind).thread);
  ASSERT_TRUE(std::get<Next>(steps[1].kind).thread);
  EXPECT_TRUE(std::get<Next>(steps[1].kind).thread->matches("* [Go 7] main.courier (Thread 9)"));
  EXPECT_FALSE(std::get<StepIn>(steps[2].kind).thread);
  EXPECT_TRUE(std::get<StepOut>(steps[3].kind).thread->matches("[Go 7] main.courier"));
}

TEST_F(StackLoaderTest, ThreadSelectorProblems) {
  EXPECT_EQ(errors_of("  - next: {thread: {contains: a}, thraed: 1}\n"
                      "  - continue: {thread: [1]}\n"
                      "  - step_in: {thread: {startswith: x}}\n"),
            "scenarios/x.yaml:3:35: error: unknown key 'thraed' (did you mean 'thread'?)\n"
            "  - next: {thread: {contains: a}, thraed: 1}\n"
            "                                  ^\n\n"
            "scenarios/x.yaml:4:24: error: 'thread' must be a scalar or a map with one operator "
            "(eq, matches, prefix, contains, absent, any_of, all_of, none_of), got list\n"
            "  - continue: {thread: [1]}\n"
            "                       ^\n\n"
            "scenarios/x.yaml:5:24: error: unknown matcher 'startswith' (did you mean 'prefix'?)\n"
            "  - step_in: {thread: {startswith: x}}\n"
            "                       ^");
}

}  // namespace
}  // namespace scenario
