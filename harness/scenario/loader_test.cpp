#include "harness/scenario/loader.h"

#include <gtest/gtest.h>

#include <chrono>

#include <fstream>

#include "harness/scenario/loader_test_support.h"

namespace scenario {
namespace {

namespace fs = std::filesystem;

// The scratch tree holds goprojects/basics/main.go, goprojects/basics/util/strings.go and
// scenarios/.
class LoaderTest : public testing::ScratchTree {
 protected:
  LoaderTest() : ScratchTree({"goprojects/basics"}) {}
  void SetUp() override {
    ScratchTree::SetUp();
    write("goprojects/basics/util/strings.go", "package util\n");
  }

  // Loads `text` as scenarios/x.yaml; every diagnostic rendered, joined by blank lines.
  static std::string errors_of(std::string_view text) { return rendered(load_text(text)); }
  // Loads `text`, which must be valid.
  static Scenario valid(std::string_view text) { return only_scenario(load_text(text)); }
};

TEST(Diagnostic, RendersSourceLineAndCaret) {
  Diagnostic d{{"s.yaml", 2, 5}, "boom", "a:  b"};
  EXPECT_EQ(d.str(), "s.yaml:2:5: error: boom\na:  b\n    ^");
}

TEST(Diagnostic, KeepsTabsInTheCaretLine) {
  Diagnostic d{{"s.yaml", 1, 5}, "boom", "a:\t{b"};
  EXPECT_EQ(d.str(), "s.yaml:1:5: error: boom\na:\t{b\n  \t ^");
}

TEST(Diagnostic, CountsAMultiByteCharacterAsOneColumn) {
  // yaml-cpp columns count bytes: "é" is 2 bytes, so `b` is at byte column 7.
  Diagnostic d{{"s.yaml", 1, 7}, "boom", "{a: é, b: 1}"};
  EXPECT_EQ(d.str(), "s.yaml:1:7: error: boom\n{a: é, b: 1}\n     ^");
}

TEST(Diagnostic, WithoutSourceLineIsOneLine) {
  Diagnostic d{{"nope.yaml", 0, 0}, "no such file or directory", ""};
  EXPECT_EQ(d.str(), "nope.yaml: error: no such file or directory");
}

TEST(ModeName, NamesEveryMode) {
  EXPECT_STREQ(mode_name(LaunchMode::Debug), "debug");
  EXPECT_STREQ(mode_name(LaunchMode::Exec), "exec");
  EXPECT_STREQ(mode_name(LaunchMode::Test), "test");
}

TEST_F(LoaderTest, UnknownKeyWithSuggestion) {
  EXPECT_EQ(errors_of("program: goprojects/basics\n"
                      "breakpoints:\n"
                      "  main.go:\n"
                      "    - {id: fill, linee: 3}\n"),
            "scenarios/x.yaml:4:7: error: missing required key 'line' in breakpoint\n"
            "    - {id: fill, linee: 3}\n"
            "      ^\n\n"
            "scenarios/x.yaml:4:18: error: unknown key 'linee' (did you mean 'line'?)\n"
            "    - {id: fill, linee: 3}\n"
            "                 ^");
}

TEST_F(LoaderTest, UnknownKeyWithoutSuggestionListsAllowedKeys) {
  EXPECT_EQ(errors_of("program: goprojects/basics\n"
                      "launch: {mode: exec, verbosity: 3}\n"),
            "scenarios/x.yaml:2:22: error: unknown key 'verbosity'; allowed keys: mode, args, "
            "env, cwd, stopOnEntry, test_run, topology, ready_output, test_binary, "
            "showGlobalVariables, "
            "showRegisters, "
            "hideSystemGoroutines, showPprofLabels, showRawStrings, showLog, outputMode, "
            "logOutput, backend, buildFlags, dlvFlags, "
            "substitutePath, stackTraceDepth, maxStringLen, maxArrayValues, dlvLoadConfig, "
            "apiVersion, trace, noDebug\n"
            "launch: {mode: exec, verbosity: 3}\n"
            "                     ^");
}

TEST_F(LoaderTest, DapLaunchAttributesPassThroughWithTheirTypesChecked) {
  EXPECT_EQ(errors_of("program: goprojects/basics\n"
                      "launch:\n"
                      "  showGlobalVariables: yes please\n"
                      "  substitutePath: {from: a}\n"),
            "scenarios/x.yaml:3:24: error: 'showGlobalVariables' must be true or false, got "
            "string \"yes please\"\n"
            "  showGlobalVariables: yes please\n"
            "                       ^\n\n"
            "scenarios/x.yaml:4:19: error: 'substitutePath' must be a list, got map\n"
            "  substitutePath: {from: a}\n"
            "                  ^");
  Scenario s = valid(
      "program: goprojects/basics\n"
      "launch:\n"
      "  outputMode: remote\n"
      "  dlvLoadConfig: {maxArrayValues: 10}\n"
      "  substitutePath: [{from: /a, to: /b}]\n");
  EXPECT_EQ(s.launch.dap_attributes.dump(),
            R"({"dlvLoadConfig":{"maxArrayValues":10},"outputMode":"remote",)"
            R"("substitutePath":[{"from":"/a","to":"/b"}]})");
}

TEST_F(LoaderTest, UnknownTopLevelKey) {
  EXPECT_EQ(errors_of("program: goprojects/basics\nstep: []\n"),
            "scenarios/x.yaml:2:1: error: unknown key 'step' (did you mean 'steps'?)\n"
            "step: []\n"
            "^");
}

TEST_F(LoaderTest, DuplicateKey) {
  EXPECT_EQ(errors_of("program: goprojects/basics\n"
                      "breakpoints:\n"
                      "  main.go:\n"
                      "    - id: a\n"
                      "      line: 3\n"
                      "      line: 4\n"),
            "scenarios/x.yaml:6:7: error: duplicate key 'line' (first at 5:7)\n"
            "      line: 4\n"
            "      ^");
}

TEST_F(LoaderTest, WrongTypes) {
  EXPECT_EQ(errors_of("program: goprojects/basics\n"
                      "launch:\n"
                      "  args: -v\n"
                      "  stopOnEntry: maybe\n"
                      "breakpoints:\n"
                      "  main.go:\n"
                      "    - {line: abc}\n"
                      "    - {line: \"3\"}\n"
                      "steps: {continue: {}}\n"),
            "scenarios/x.yaml:3:9: error: 'args' must be a list of strings, got string \"-v\"\n"
            "  args: -v\n"
            "        ^\n\n"
            "scenarios/x.yaml:4:16: error: 'stopOnEntry' must be true or false, got string "
            "\"maybe\"\n"
            "  stopOnEntry: maybe\n"
            "               ^\n\n"
            "scenarios/x.yaml:7:14: error: 'line' must be an integer, got string \"abc\"\n"
            "    - {line: abc}\n"
            "             ^\n\n"
            "scenarios/x.yaml:8:14: error: 'line' must be an integer, got string \"3\"\n"
            "    - {line: \"3\"}\n"
            "             ^\n\n"
            "scenarios/x.yaml:9:8: error: 'steps' must be a list, got map\n"
            "steps: {continue: {}}\n"
            "       ^");
}

TEST_F(LoaderTest, NumbersAndTimeouts) {
  EXPECT_EQ(errors_of("program: goprojects/basics\n"
                      "timeout: 0\n"
                      "breakpoints:\n"
                      "  main.go: [{line: 0}]\n"
                      "steps:\n"
                      "  - continue: {}\n"
                      "    timeout: soon\n"),
            "scenarios/x.yaml:2:10: error: 'timeout' must be a number of seconds greater than 0, "
            "got number 0\n"
            "timeout: 0\n"
            "         ^\n\n"
            "scenarios/x.yaml:4:20: error: 'line' must be at least 1, got 0\n"
            "  main.go: [{line: 0}]\n"
            "                   ^\n\n"
            "scenarios/x.yaml:7:14: error: 'timeout' must be a number of seconds greater than 0, "
            "got string \"soon\"\n"
            "    timeout: soon\n"
            "             ^");
}

TEST_F(LoaderTest, EmptyValueIsReportedAtItsKey) {
  // yaml-cpp places an empty value at the next token; the diagnostic points at the key instead.
  EXPECT_EQ(errors_of("program: goprojects/basics\n"
                      "steps:\n"
                      "  - expect_exit: {code: 0}\n"
                      "    timeout:\n"
                      "  - continue: {}\n"),
            "scenarios/x.yaml:4:5: error: 'timeout' must be a number of seconds greater than 0, "
            "got null\n"
            "    timeout:\n"
            "    ^");
}

TEST_F(LoaderTest, UnknownStep) {
  EXPECT_EQ(errors_of("program: goprojects/basics\n"
                      "steps:\n"
                      "  - contine: {}\n"
                      "  - resume: {}\n"),
            "scenarios/x.yaml:3:5: error: unknown step 'contine' (did you mean 'continue'?)\n"
            "  - contine: {}\n"
            "    ^\n\n"
            "scenarios/x.yaml:4:5: error: unknown step 'resume'; steps: continue, next, step_in, "
            "step_out, expect_stop, expect_variables, evaluate, expect_output, expect_exit, "
            "reconnect, set_variable, expect_stack, expect_threads, set_breakpoints, "
            "set_function_breakpoints, "
            "pause, exception_info, disconnect, expect_dlv_exit, request, expect_events\n"
            "  - resume: {}\n"
            "    ^");
}

TEST_F(LoaderTest, StepShapeProblems) {
  EXPECT_EQ(errors_of("program: goprojects/basics\n"
                      "steps:\n"
                      "  - continue\n"
                      "  - {next: {}, step_in: {}}\n"
                      "  - {timeout: 3}\n"
                      "  - {continue: {}, expect: {result: 1}}\n"
                      "  - {next: {}, timout: 3}\n"
                      "  - {reconnect: {x: 1}}\n"),
            "scenarios/x.yaml:3:5: error: a step must be a map, got string \"continue\" (did you "
            "mean 'continue: {}'?)\n"
            "  - continue\n"
            "    ^\n\n"
            "scenarios/x.yaml:4:16: error: a step takes exactly one keyword, got 'next' and "
            "'step_in'\n"
            "  - {next: {}, step_in: {}}\n"
            "               ^\n\n"
            "scenarios/x.yaml:5:5: error: a step needs one keyword (continue, next, step_in, "
            "step_out, expect_stop, expect_variables, evaluate, expect_output, expect_exit, "
            "reconnect, set_variable, expect_stack, expect_threads, set_breakpoints, "
            "set_function_breakpoints, "
            "pause, exception_info, disconnect, expect_dlv_exit, request, expect_events)\n"
            "  - {timeout: 3}\n"
            "    ^\n\n"
            "scenarios/x.yaml:6:20: error: 'expect' is only allowed with 'evaluate', "
            "'set_variable' and 'request'\n"
            "  - {continue: {}, expect: {result: 1}}\n"
            "                   ^\n\n"
            "scenarios/x.yaml:7:16: error: unknown key 'timout' (did you mean 'timeout'?)\n"
            "  - {next: {}, timout: 3}\n"
            "               ^\n\n"
            "scenarios/x.yaml:8:18: error: unknown key 'x': 'reconnect' takes no keys\n"
            "  - {reconnect: {x: 1}}\n"
            "                 ^");
}

TEST_F(LoaderTest, UnknownMatcherOperator) {
  EXPECT_EQ(errors_of("program: goprojects/basics\n"
                      "steps:\n"
                      "  - expect_stop: {function: {startswith: main.}}\n"),
            "scenarios/x.yaml:3:30: error: unknown matcher 'startswith' (did you mean 'prefix'?)\n"
            "  - expect_stop: {function: {startswith: main.}}\n"
            "                             ^");
}

TEST_F(LoaderTest, MatcherMapNeedsExactlyOneOperator) {
  EXPECT_EQ(errors_of("program: goprojects/basics\n"
                      "steps:\n"
                      "  - expect_stop: {function: {prefix: main., contains: fill}}\n"
                      "  - expect_stop: {reason: {}}\n"
                      "  - expect_stop: {line: [1, 2]}\n"
                      "  - expect_stop: {text: {eq: [1]}}\n"),
            "scenarios/x.yaml:3:45: error: a matcher takes exactly one operator, got 'prefix' and "
            "'contains'\n"
            "  - expect_stop: {function: {prefix: main., contains: fill}}\n"
            "                                            ^\n\n"
            "scenarios/x.yaml:4:27: error: 'reason' needs one operator (eq, matches, prefix, "
            "contains, absent, any_of, all_of, none_of), got an empty map\n"
            "  - expect_stop: {reason: {}}\n"
            "                          ^\n\n"
            "scenarios/x.yaml:5:25: error: 'line' must be a scalar or a map with one operator (eq, "
            "matches, prefix, contains, absent, any_of, all_of, none_of), got list\n"
            "  - expect_stop: {line: [1, 2]}\n"
            "                        ^\n\n"
            "scenarios/x.yaml:6:30: error: operand of 'eq' must be a scalar, got list\n"
            "  - expect_stop: {text: {eq: [1]}}\n"
            "                             ^");
}

TEST_F(LoaderTest, InvalidRegularExpression) {
  EXPECT_EQ(errors_of("program: goprojects/basics\n"
                      "steps:\n"
                      "  - expect_output: {matches: '(ab'}\n"),
            "scenarios/x.yaml:3:30: error: invalid regular expression /(ab/: missing )\n"
            "  - expect_output: {matches: '(ab'}\n"
            "                             ^");
}

TEST_F(LoaderTest, ExpectOutputShape) {
  EXPECT_EQ(errors_of("program: goprojects/basics\n"
                      "steps:\n"
                      "  - expect_output: {category: stdot, contains: x}\n"
                      "  - expect_output: {contains: x, prefix: y}\n"
                      "  - expect_output: {category: stderr}\n"
                      "  - expect_output: {contain: x}\n"),
            "scenarios/x.yaml:3:31: error: unknown category 'stdot' (did you mean 'stdout'?)\n"
            "  - expect_output: {category: stdot, contains: x}\n"
            "                              ^\n\n"
            "scenarios/x.yaml:4:34: error: 'expect_output' takes exactly one operator, got "
            "'contains' and 'prefix'\n"
            "  - expect_output: {contains: x, prefix: y}\n"
            "                                 ^\n\n"
            "scenarios/x.yaml:5:20: error: 'expect_output' needs one operator (eq, matches, "
            "prefix, contains, in_order, absent)\n"
            "  - expect_output: {category: stderr}\n"
            "                   ^\n\n"
            "scenarios/x.yaml:6:21: error: unknown key 'contain' (did you mean 'contains'?)\n"
            "  - expect_output: {contain: x}\n"
            "                    ^");
}

TEST_F(LoaderTest, EvaluateAndExitShape) {
  EXPECT_EQ(errors_of("program: goprojects/basics\n"
                      "steps:\n"
                      "  - evaluate: {context: wach}\n"
                      "    expect: {result: 1, error: x}\n"
                      "  - expect_exit: {}\n"),
            "scenarios/x.yaml:3:15: error: missing required key 'expr' in 'evaluate'\n"
            "  - evaluate: {context: wach}\n"
            "              ^\n\n"
            "scenarios/x.yaml:3:25: error: unknown context 'wach' (did you mean 'watch'?)\n"
            "  - evaluate: {context: wach}\n"
            "                        ^\n\n"
            "scenarios/x.yaml:4:25: error: 'expect' holds either 'error' or 'result'/'type', not "
            "'result' and 'error'\n"
            "    expect: {result: 1, error: x}\n"
            "                        ^\n\n"
            "scenarios/x.yaml:5:18: error: missing required key 'code' in 'expect_exit'\n"
            "  - expect_exit: {}\n"
            "                 ^");
}

TEST_F(LoaderTest, LaunchModeRules) {
  EXPECT_EQ(errors_of("program: goprojects/basics\n"
                      "launch: {mode: exe}\n"),
            "scenarios/x.yaml:2:16: error: unknown mode 'exe' (did you mean 'exec'?)\n"
            "launch: {mode: exe}\n"
            "               ^");
  EXPECT_EQ(errors_of("program: goprojects/basics\n"
                      "launch: {mode: debug, test_run: '^TestSum$'}\n"),
            "scenarios/x.yaml:2:23: error: 'test_run' is only allowed with mode test or "
            "test_binary\n"
            "launch: {mode: debug, test_run: '^TestSum$'}\n"
            "                      ^");
  EXPECT_EQ(errors_of("program: goprojects/basics\n"
                      "launch: {mode: test, test_binary: true}\n"),
            "scenarios/x.yaml:2:22: error: 'test_binary' needs mode exec (the harness builds the "
            "binary)\n"
            "launch: {mode: test, test_binary: true}\n"
            "                     ^");
  EXPECT_EQ(errors_of("program: goprojects/basics\n"
                      "launch: {test_binary: true, test_run: '^TestSum$'}\n"),
            "");
}

TEST_F(LoaderTest, MissingProgramKey) {
  EXPECT_EQ(errors_of("name: x\nsteps: []\n"),
            "scenarios/x.yaml:1:1: error: missing required key 'program'\n"
            "name: x\n"
            "^");
}

TEST_F(LoaderTest, ProgramNotFoundListsEveryDirectoryLookedIn) {
  std::string looked_in = "scenarios/, ./";
  std::string up;
  for (fs::path dir = root_; dir != dir.root_path(); dir = dir.parent_path()) {
    up += "../";
    looked_in += ", " + up;
  }
  EXPECT_EQ(errors_of("program: goprojects/nope\n"),
            "scenarios/x.yaml:1:10: error: program 'goprojects/nope' not found (looked in " +
                looked_in +
                ")\n"
                "program: goprojects/nope\n"
                "         ^");
}

TEST_F(LoaderTest, ProgramIsAFolderOrOneGoFile) {
  write("goprojects/basics/notes.txt", "");
  write("goprojects/singles/sum.go", "package main\n\nfunc main() {}\n");
  EXPECT_EQ(errors_of("program: goprojects/basics/notes.txt\n"),
            "scenarios/x.yaml:1:10: error: program 'goprojects/basics/notes.txt' is a file but not "
            "a .go file\n"
            "program: goprojects/basics/notes.txt\n"
            "         ^");
  EXPECT_EQ(errors_of("program: goprojects/singles/sum.go\nlaunch: {mode: test}\n"),
            "scenarios/x.yaml:1:10: error: mode test needs a package folder, not a single file\n"
            "program: goprojects/singles/sum.go\n"
            "         ^");
}

TEST_F(LoaderTest, ASingleGoFileIsTheProgram) {
  write("goprojects/singles/sum.go", "package main\n\nfunc main() {}\n");
  auto s = valid("program: goprojects/singles/sum.go\n");
  EXPECT_EQ(s.program_dir.filename(), "singles");
  EXPECT_EQ(s.program_file, "sum.go");
  EXPECT_FALSE(s.program_root);
}

// `${delve_source}` is known only at run time (the dlv under test): without the root the file
// loads with the root's name kept; with it the program is found under it.
TEST_F(LoaderTest, ADelveSourceProgramIsResolvedWhenTheRootIsGiven) {
  write("goprojects/singles/sum.go", "package main\n\nfunc main() {}\n");
  auto deferred = valid("program: ${delve_source}/_fixtures/increment.go\n");
  EXPECT_EQ(deferred.program_root, "delve_source");
  EXPECT_TRUE(deferred.program_dir.empty());
  auto loaded = scenario::load_text(
      "scenarios/x.yaml", "program: ${delve_source}/singles/sum.go\n",
      LoadOptions{{{"delve_source", std::filesystem::current_path() / "goprojects"}}});
  ASSERT_EQ(loaded.scenarios.size(), 1u) << rendered(loaded);
  EXPECT_EQ(loaded.scenarios[0].program_file, "sum.go");
  EXPECT_FALSE(loaded.scenarios[0].program_root);
}

TEST_F(LoaderTest, ProgramIsFoundFromAnyDepth) {
  write("fixtures/must-fail/deep/y.yaml", "program: goprojects/basics\n");
  LoadResult result = load_file("fixtures/must-fail/deep/y.yaml");
  ASSERT_TRUE(result.diagnostics.empty()) << result.diagnostics.front().str();
  ASSERT_EQ(result.scenarios.size(), 1u);
  EXPECT_EQ(result.scenarios[0].program_dir, root_ / "goprojects/basics");
}

// Issue 14: Go records the real folder of the sources, so the program folder is resolved through
// symlinks once, here; client_source_root is the editor's view and stays as written.
TEST_F(LoaderTest, ProgramReachedThroughASymlinkIsItsRealFolder) {
  fs::create_directory_symlink(root_ / "goprojects", root_ / "linked");
  LoadResult result = load_text(
      "program: linked/basics\n"
      "client_source_root: linked/basics\n");
  ASSERT_TRUE(result.diagnostics.empty()) << result.diagnostics.front().str();
  ASSERT_EQ(result.scenarios.size(), 1u);
  EXPECT_EQ(result.scenarios[0].program_dir, root_ / "goprojects/basics");
  EXPECT_EQ(result.scenarios[0].client_source_root, root_ / "linked/basics");
}

TEST_F(LoaderTest, MissingBreakpointFile) {
  EXPECT_EQ(errors_of("program: goprojects/basics/\n"
                      "breakpoints:\n"
                      "  mian.go: [{line: 3}]\n"
                      "  util/string.go: [{line: 1}]\n"
                      "  other.go: [{line: 1}]\n"
                      "  util/strings.go: [{line: 1}]\n"),
            "scenarios/x.yaml:3:3: error: breakpoint file 'mian.go' not found in program "
            "'goprojects/basics/' (did you mean 'main.go'?)\n"
            "  mian.go: [{line: 3}]\n"
            "  ^\n\n"
            "scenarios/x.yaml:4:3: error: breakpoint file 'util/string.go' not found in program "
            "'goprojects/basics/' (did you mean 'util/strings.go'?)\n"
            "  util/string.go: [{line: 1}]\n"
            "  ^\n\n"
            "scenarios/x.yaml:5:3: error: breakpoint file 'other.go' not found in program "
            "'goprojects/basics/'\n"
            "  other.go: [{line: 1}]\n"
            "  ^");
}

TEST_F(LoaderTest, BreakpointIdsAreUniqueAcrossKinds) {
  EXPECT_EQ(errors_of("program: goprojects/basics\n"
                      "breakpoints:\n"
                      "  main.go: [{id: a, line: 3}]\n"
                      "function_breakpoints:\n"
                      "  - {id: a, function: main.main}\n"),
            "scenarios/x.yaml:5:10: error: duplicate breakpoint id 'a' (first at 3:18)\n"
            "  - {id: a, function: main.main}\n"
            "         ^");
}

TEST_F(LoaderTest, UnknownAtReference) {
  EXPECT_EQ(errors_of("program: goprojects/basics\n"
                      "steps:\n"
                      "  - expect_stop: {at: gret}\n"
                      "  - expect_stop: {at: zzz}\n"
                      "breakpoints:\n"
                      "  main.go: [{id: greet, line: 3}, {id: loop, line: 3}]\n"),
            "scenarios/x.yaml:3:23: error: unknown breakpoint id 'gret' (did you mean 'greet'?)\n"
            "  - expect_stop: {at: gret}\n"
            "                      ^\n\n"
            "scenarios/x.yaml:4:23: error: unknown breakpoint id 'zzz'; declared ids: greet, "
            "loop\n"
            "  - expect_stop: {at: zzz}\n"
            "                      ^");
}

TEST_F(LoaderTest, AtWithoutAnyIds) {
  EXPECT_EQ(errors_of("program: goprojects/basics\n"
                      "steps: [{expect_stop: {at: greet}}]\n"),
            "scenarios/x.yaml:2:28: error: unknown breakpoint id 'greet'; no breakpoint declares "
            "an id\n"
            "steps: [{expect_stop: {at: greet}}]\n"
            "                           ^");
}

TEST_F(LoaderTest, YamlSyntaxError) {
  EXPECT_EQ(errors_of("program: goprojects/basics\n"
                      "steps: [{continue: {}\n"
                      "name: x\n"),
            "scenarios/x.yaml:3:1: error: end of map flow not found\n"
            "name: x\n"
            "^");
}

TEST_F(LoaderTest, EmptyFile) {
  EXPECT_EQ(errors_of(""), "scenarios/x.yaml:1:1: error: empty scenario file");
  EXPECT_EQ(errors_of("# only a comment\n"),
            "scenarios/x.yaml:1:1: error: empty scenario file\n"
            "# only a comment\n"
            "^");
}

TEST_F(LoaderTest, NotAMap) {
  EXPECT_EQ(errors_of("- continue: {}\n"),
            "scenarios/x.yaml:1:1: error: a scenario file must hold a map, got list\n"
            "- continue: {}\n"
            "^");
}

TEST_F(LoaderTest, SecondDocument) {
  EXPECT_EQ(errors_of("program: goprojects/basics\n---\nname: y\n"),
            "scenarios/x.yaml:3:1: error: a scenario file holds one YAML document\n"
            "name: y\n"
            "^");
}

TEST_F(LoaderTest, BinaryFileIsADiagnosticNotACrash) {
  EXPECT_EQ(errors_of(std::string("program: x\n\x7f"
                                  "ELF\x01\x00\x00",
                                  17)),
            "scenarios/x.yaml:2:6: error: not a UTF-8 text file (a NUL byte)");
  EXPECT_EQ(errors_of("a: \xff\xfe\n"),
            "scenarios/x.yaml:1:4: error: not a UTF-8 text file (invalid UTF-8)");
}

TEST_F(LoaderTest, AProgramFolderWithoutGoIsRejected) {
  write("goprojects/notes/README.txt", "no Go here\n");
  EXPECT_EQ(errors_of("program: goprojects/notes\n"),
            "scenarios/x.yaml:1:10: error: program 'goprojects/notes' (" +
                (root_ / "goprojects/notes").string() +
                ") holds no Go package: no go.mod and no .go file\n"
                "program: goprojects/notes\n"
                "         ^");
  // Outside the repository is allowed (generated suites name programs by absolute path), but the
  // folder must still be a Go package.
  EXPECT_NE(errors_of("program: /\n").find("program '/' (/) holds no Go package"),
            std::string::npos);
  EXPECT_EQ(errors_of("program: " + (root_ / "goprojects/basics").string() + "\n"), "");
}

TEST_F(LoaderTest, AliasesCannotMultiplyTheWork) {
  // A "billion laughs" document: each level names the previous one ten times.
  std::string text = "program: goprojects/basics\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 9; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) text += (k ? ", " : "") + prev;
    text += "]\n";
  }
  auto started = std::chrono::steady_clock::now();
  std::string errors = errors_of(text);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  EXPECT_NE(errors.find("scenarios/x.yaml:2:1: error: unknown key 'a0'"), std::string::npos)
      << errors;
}

TEST_F(LoaderTest, DeepNestingIsADiagnosticNotAStackOverflow) {
  std::string errors = errors_of("program: goprojects/basics\nsteps: " + std::string(100000, '['));
  EXPECT_NE(errors.find("scenarios/x.yaml:"), std::string::npos) << errors.substr(0, 300);
}

TEST_F(LoaderTest, AHugeFileIsRefusedBeforeParsing) {
  std::string text = "program: goprojects/basics\n# " + std::string(5 * 1024 * 1024, 'x') + "\n";
  write("scenarios/huge.yaml", text);
  auto result = load_file("scenarios/huge.yaml");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].str(),
            "scenarios/huge.yaml: error: 5.0 MiB is more than a scenario file may hold (4 MiB)");
}

TEST_F(LoaderTest, AStrayCommaIsADiagnosticNotAHang) {
  // yaml-cpp 0.7 never returns from these (found by loader_fuzz); the loader must not call it.
  const std::string message =
      "error: a ',' cannot start a value outside [ ] or { } (yaml-cpp 0.7 may never return from "
      "it); put it inside the list or quote the value";
  EXPECT_EQ(errors_of(",\n"), "scenarios/x.yaml:1:1: " + message +
                                  "\n"
                                  ",\n"
                                  "^");
  EXPECT_EQ(errors_of("# comment\n\t, a: b\n"), "scenarios/x.yaml:2:2: " + message +
                                                    "\n"
                                                    "\t, a: b\n"
                                                    "\t^");
  for (const auto& [text, at] : std::vector<std::pair<std::string, std::string>>{
           {"program: goprojects/basics\n--- ,\n", "2:5"},
           {"steps:\n  - a:\n      b: 1\n,\n", "4:1"},
           {"!,", "1:2"},
           {"  !t &a ,\n", "1:9"},
           {"\",)\",)))", "1:5"},
           {"name: 'it''s',\n", "1:14"},
           {"name: \"a\\\"b\"\n,\n", "2:1"}}) {
    EXPECT_NE(errors_of(text).find("scenarios/x.yaml:" + at + ": " + message), std::string::npos)
        << text << "\n"
        << errors_of(text);
  }
  // Commas inside lists, quotes, comments, plain scalars and block scalars are the parser's.
  EXPECT_EQ(errors_of("program: goprojects/basics  # a, b\n"
                      "name: a, b ,c\n"
                      "tags: [a, b,\n  c, 'd,e', \"f,\"]\n"
                      "timeout: 60\n"
                      "steps:\n"
                      "  - expect_output: {category: any, eq: \"x,\\\"y\"}\n"
                      "  - expect_output:\n"
                      "      eq: |\n"
                      "        , starts with a comma\n"
                      "\n"
                      "        ,, and again\n"
                      "  - expect_output: {matches: 'a{1,2}'}\n"),
            "");
}

TEST_F(LoaderTest, GarbageTextIsADiagnosticNotACrash) {
  std::string garbage;
  for (int i = 0; i < 2000; ++i) garbage += "[{?:!&*|>'\"%@`"[i % 15];
  EXPECT_NE(errors_of(garbage), "");
  EXPECT_NE(errors_of(std::string(5000, '[')), "");
}

TEST_F(LoaderTest, SeveralErrorsInFileOrder) {
  EXPECT_EQ(errors_of("steps:\n"
                      "  - expect_stop: {at: nowhere, lines: 3}\n"
                      "program: goprojects/basics\n"
                      "breakpoints:\n"
                      "  main.go:\n"
                      "    - {id: a, line: x}\n"
                      "tags: [a, {b: c}]\n"),
            "scenarios/x.yaml:2:23: error: unknown breakpoint id 'nowhere'; declared ids: a\n"
            "  - expect_stop: {at: nowhere, lines: 3}\n"
            "                      ^\n\n"
            "scenarios/x.yaml:2:32: error: unknown key 'lines' (did you mean 'line'?)\n"
            "  - expect_stop: {at: nowhere, lines: 3}\n"
            "                               ^\n\n"
            "scenarios/x.yaml:6:21: error: 'line' must be an integer, got string \"x\"\n"
            "    - {id: a, line: x}\n"
            "                    ^\n\n"
            "scenarios/x.yaml:7:11: error: 'tags' must be a list of strings, got a map item\n"
            "tags: [a, {b: c}]\n"
            "          ^");
}

TEST_F(LoaderTest, ProgramKeyAfterAnErrorStillCounts) {
  // `program` given after the steps: no "missing program" diagnostic, only the real problem.
  EXPECT_EQ(errors_of("steps: [{next: {}}, {nxt: {}}]\nprogram: goprojects/basics\n"),
            "scenarios/x.yaml:1:22: error: unknown step 'nxt' (did you mean 'next'?)\n"
            "steps: [{next: {}}, {nxt: {}}]\n"
            "                     ^");
}

TEST_F(LoaderTest, FullScenario) {
  Scenario s = valid(
      "name: locals at a line breakpoint\n"
      "tags: [variables, smoke]\n"
      "program: goprojects/basics\n"
      "launch:\n"
      "  mode: test\n"
      "  args: [\"-n\", 3]\n"
      "  env: {GREETING: hello, COUNT: 2, DEBUG: true}\n"
      "  cwd: util\n"
      "  stopOnEntry: true\n"
      "  test_run: '^TestSum$'\n"
      "timeout: 1.5\n"
      "breakpoints:\n"
      "  main.go:\n"
      "    - {id: greet, line: 3}\n"
      "    - {id: loop, line: 2, condition: \"i == 2\", hitCondition: \">= 1\"}\n"
      "function_breakpoints:\n"
      "  - {id: sum, function: main.sum, condition: \"a > 1\"}\n"
      "steps:\n"
      "  - continue: {}\n"
      "  - expect_stop: {reason: breakpoint, at: greet, function: main.greet, file: main.go, "
      "line: 3}\n"
      "    timeout: 5\n"
      "  - expect_variables:\n"
      "      scope: Arguments\n"
      "      frame: 1\n"
      "      vars:\n"
      "        name: {value: '\"world\"', type: string}\n"
      "        cfg:\n"
      "          type: main.Config\n"
      "          value: {prefix: \"main.Config {\"}\n"
      "          count: 3\n"
      "          children:\n"
      "            Name: {value: {matches: '^\"ware'}}\n"
      "            Limits: {indexed: 2, named: {eq: 1}}\n"
      "        empty:\n"
      "  - evaluate: {expr: \"len(items)\", context: repl, frame: 2}\n"
      "    expect: {result: \"100\", type: int}\n"
      "  - evaluate: {expr: nope}\n"
      "    expect: {error: {contains: undefined}}\n"
      "  - next:\n"
      "  - step_in: {}\n"
      "  - step_out: {}\n"
      "  - expect_output: {category: any, contains: \"hello world\"}\n"
      "  - expect_output: {eq: done}\n"
      "  - expect_exit: {code: 0}\n");
  EXPECT_EQ(s.file, fs::path("scenarios/x.yaml"));
  EXPECT_EQ(s.name, "locals at a line breakpoint");
  EXPECT_EQ(s.tags, (std::vector<std::string>{"variables", "smoke"}));
  EXPECT_EQ(s.program_dir, root_ / "goprojects/basics");
  EXPECT_TRUE(s.program_dir.is_absolute());
  EXPECT_EQ(s.program_loc.str(), "scenarios/x.yaml:3:10");
  EXPECT_EQ(s.loc.str(), "scenarios/x.yaml:1:1");
  ASSERT_TRUE(s.timeout.has_value());
  EXPECT_EQ(s.timeout->count(), 1500);

  EXPECT_EQ(s.launch.mode, LaunchMode::Test);
  EXPECT_EQ(s.launch.args, (std::vector<std::string>{"-n", "3"}));
  EXPECT_EQ(s.launch.env, (std::map<std::string, std::optional<std::string>>{
                              {"COUNT", "2"}, {"DEBUG", "true"}, {"GREETING", "hello"}}));
  EXPECT_EQ(s.launch.cwd, "util");
  EXPECT_TRUE(s.launch.stop_on_entry);
  EXPECT_EQ(s.launch.test_run, "^TestSum$");
  EXPECT_EQ(s.launch.loc.str(), "scenarios/x.yaml:5:3");

  ASSERT_EQ(s.breakpoints.size(), 1u);
  EXPECT_EQ(s.breakpoints[0].file, "main.go");
  EXPECT_EQ(s.breakpoints[0].loc.str(), "scenarios/x.yaml:13:3");
  ASSERT_EQ(s.breakpoints[0].breakpoints.size(), 2u);
  const SourceBreakpoint& loop = s.breakpoints[0].breakpoints[1];
  EXPECT_EQ(loop.id, "loop");
  EXPECT_EQ(loop.line, 2);
  EXPECT_EQ(loop.condition, "i == 2");
  EXPECT_EQ(loop.hit_condition, ">= 1");
  EXPECT_EQ(loop.loc.str(), "scenarios/x.yaml:15:7");
  EXPECT_FALSE(s.breakpoints[0].breakpoints[0].condition.has_value());

  ASSERT_EQ(s.function_breakpoints.size(), 1u);
  EXPECT_EQ(s.function_breakpoints[0].id, "sum");
  EXPECT_EQ(s.function_breakpoints[0].function, "main.sum");
  EXPECT_EQ(s.function_breakpoints[0].condition, "a > 1");
  EXPECT_FALSE(s.function_breakpoints[0].hit_condition.has_value());

  ASSERT_EQ(s.steps.size(), 11u);
  EXPECT_EQ(s.steps[0].keyword, "continue");
  EXPECT_TRUE(std::holds_alternative<Continue>(s.steps[0].kind));
  EXPECT_EQ(s.steps[0].loc.str(), "scenarios/x.yaml:19:5");
  EXPECT_FALSE(s.steps[0].timeout.has_value());

  const Step& stop_step = s.steps[1];
  EXPECT_EQ(stop_step.keyword, "expect_stop");
  ASSERT_TRUE(stop_step.timeout.has_value());
  EXPECT_EQ(stop_step.timeout->count(), 5000);
  const auto& stop = std::get<ExpectStop>(stop_step.kind);
  EXPECT_EQ(stop.at, "greet");
  EXPECT_EQ(stop.at_loc.str(), "scenarios/x.yaml:20:43");
  ASSERT_TRUE(stop.reason && stop.function && stop.file && stop.line);
  EXPECT_TRUE(stop.reason->matches("breakpoint"));
  EXPECT_TRUE(stop.line->matches(3));
  EXPECT_TRUE(stop.line->matches("3"));
  EXPECT_EQ(stop.line->describe(), "3");
  EXPECT_EQ(stop.function->describe(), "\"main.greet\"");
  EXPECT_FALSE(stop.description.has_value());

  const auto& vars = std::get<ExpectVariables>(s.steps[2].kind);
  EXPECT_EQ(vars.scope, "Arguments");
  EXPECT_EQ(vars.frame, 1);
  ASSERT_EQ(vars.vars.size(), 3u);
  EXPECT_EQ(vars.vars[0].name, "name");
  ASSERT_TRUE(vars.vars[0].value.has_value());
  EXPECT_TRUE(vars.vars[0].value->matches("\"world\""));
  const VarExpect& cfg = vars.vars[1];
  EXPECT_EQ(cfg.name, "cfg");
  EXPECT_EQ(cfg.loc.str(), "scenarios/x.yaml:27:9");
  ASSERT_TRUE(cfg.value && cfg.type && cfg.count);
  EXPECT_EQ(cfg.value->op(), match::Op::Prefix);
  EXPECT_EQ(cfg.value->loc().str(), "scenarios/x.yaml:29:19");  // the operator
  EXPECT_EQ(cfg.type->loc().str(), "scenarios/x.yaml:28:17");   // the bare scalar
  EXPECT_TRUE(cfg.count->matches("3"));
  ASSERT_EQ(cfg.children.size(), 2u);
  const VarExpect& name = cfg.children[0];
  EXPECT_EQ(name.name, "Name");
  ASSERT_TRUE(name.value.has_value());
  EXPECT_EQ(name.value->op(), match::Op::Matches);
  EXPECT_EQ(name.value->loc().str(), "scenarios/x.yaml:32:28");
  EXPECT_TRUE(name.value->matches("\"warehouse\""));
  const VarExpect& limits = cfg.children[1];
  ASSERT_TRUE(limits.indexed && limits.named);
  EXPECT_TRUE(limits.indexed->matches(2));
  EXPECT_EQ(limits.named->op(), match::Op::Eq);
  EXPECT_EQ(vars.vars[2].name, "empty");
  EXPECT_FALSE(vars.vars[2].value.has_value());

  const auto& evaluate = std::get<Evaluate>(s.steps[3].kind);
  EXPECT_EQ(evaluate.expr, "len(items)");
  EXPECT_EQ(evaluate.context, "repl");
  EXPECT_EQ(evaluate.frame, 2);
  ASSERT_TRUE(evaluate.result && evaluate.type);
  EXPECT_TRUE(evaluate.result->matches("100"));
  EXPECT_EQ(evaluate.result->describe(), "\"100\"");
  EXPECT_FALSE(evaluate.error.has_value());
  const auto& failing = std::get<Evaluate>(s.steps[4].kind);
  EXPECT_EQ(failing.context, "watch");
  ASSERT_TRUE(failing.error.has_value());
  EXPECT_EQ(failing.error->describe(), "contains \"undefined\"");

  EXPECT_TRUE(std::holds_alternative<Next>(s.steps[5].kind));
  EXPECT_TRUE(std::holds_alternative<StepIn>(s.steps[6].kind));
  EXPECT_TRUE(std::holds_alternative<StepOut>(s.steps[7].kind));
  const auto& output = std::get<ExpectOutput>(s.steps[8].kind);
  EXPECT_EQ(output.category, "any");
  ASSERT_TRUE(output.text.has_value());
  EXPECT_EQ(output.text->describe(), "contains \"hello world\"");
  EXPECT_EQ(std::get<ExpectOutput>(s.steps[9].kind).category, "stdout");
  const auto& exit = std::get<ExpectExit>(s.steps[10].kind);
  EXPECT_TRUE(exit.code.matches(0));
  EXPECT_EQ(exit.code.loc().str(), "scenarios/x.yaml:44:25");
}

TEST_F(LoaderTest, TheExampleOfTheLanguageDocumentIsValid) {
  std::ifstream doc(fs::path(HARNESS_SOURCE_DIR) / "docs/scenarios.md");
  ASSERT_TRUE(doc) << "docs/scenarios.md not found";
  std::string line, example;
  bool inside = false;
  while (std::getline(doc, line)) {
    if (line == "```yaml" && example.empty()) {
      inside = true;
    } else if (inside && line == "```") {
      break;
    } else if (inside) {
      example += line + "\n";
    }
  }
  ASSERT_FALSE(example.empty());
  Scenario s = valid(example);
  EXPECT_EQ(s.name, "locals at a line breakpoint");
  EXPECT_EQ(s.steps.size(), 9u);
}

TEST_F(LoaderTest, MinimalScenarioGetsDefaults) {
  Scenario s = valid("program: goprojects/basics\n");
  EXPECT_EQ(s.name, "x");
  EXPECT_EQ(s.launch.mode, LaunchMode::Exec);
  EXPECT_FALSE(s.launch.stop_on_entry);
  EXPECT_FALSE(s.timeout.has_value());
  EXPECT_TRUE(s.steps.empty());
  EXPECT_EQ(s.launch.loc.str(), "scenarios/x.yaml:1:1");
}

TEST_F(LoaderTest, CwdMustExistInTheProgram) {
  EXPECT_EQ(errors_of("program: goprojects/basics\nlaunch: {cwd: data}\n"),
            "scenarios/x.yaml:2:15: error: cwd 'data' is not a directory in program "
            "'goprojects/basics'\n"
            "launch: {cwd: data}\n"
            "              ^");
}

TEST_F(LoaderTest, IndexPathsWalksDirectoriesSortedAndReportsMissingPaths) {
  write("scenarios/b.yaml", "program: goprojects/basics\n");
  write("scenarios/sub/a.yml", "program: goprojects/basics\n");
  write("scenarios/a.yaml", "program: goprojects/nope\n");
  write("scenarios/notes.txt", "not a scenario");
  write("extra.yaml", "program: goprojects/basics\nname: extra\n");
  write("scenarios/c.yaml", "program: goprojects/basics\ntags: [slow]\nlaunch: {mode: test}\n");
  IndexResult result = index_paths({"scenarios", "missing.yaml", "extra.yaml", "scenarios/b.yaml"});
  ASSERT_EQ(result.diagnostics.size(), 2u);
  EXPECT_EQ(result.diagnostics[0].str(), "missing.yaml: error: no such file or directory");
  EXPECT_EQ(result.diagnostics[0].loc.file, "missing.yaml");
  EXPECT_EQ(result.diagnostics[1].loc.str(), "scenarios/a.yaml:1:10");
  ASSERT_EQ(result.entries.size(), 4u);
  EXPECT_EQ(result.entries[0].file, fs::path("extra.yaml"));
  EXPECT_EQ(result.entries[0].name, "extra");
  EXPECT_EQ(result.entries[1].file, fs::path("scenarios/b.yaml"));
  EXPECT_EQ(result.entries[2].file, fs::path("scenarios/c.yaml"));
  EXPECT_EQ(result.entries[2].tags, std::vector<std::string>{"slow"});
  EXPECT_EQ(result.entries[2].mode, LaunchMode::Test);
  EXPECT_EQ(result.entries[2].loc.str(), "scenarios/c.yaml:1:1");
  EXPECT_EQ(result.entries[3].file, fs::path("scenarios/sub/a.yml"));
  EXPECT_EQ(result.entries[3].name, "a");
}

TEST_F(LoaderTest, LoadFileOnADirectory) {
  LoadResult result = load_file("scenarios");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].str(), "scenarios: error: is a directory, not a scenario file");
}

}  // namespace
}  // namespace scenario
