#include "harness/launchjson/lint.h"

#include <gtest/gtest.h>

namespace launchjson {
namespace {

std::vector<std::string> lint(std::string_view text,
                              std::optional<std::string> dlv_version = std::nullopt) {
  auto doc = parse_jsonc(text, "launch.json");
  EXPECT_TRUE(doc.ok()) << doc.error().str();
  std::vector<std::string> out;
  if (!doc) return out;
  for (const auto& f : lint_launch(*doc, dlv_version)) out.push_back(f.str());
  return out;
}

TEST(LintLaunch, LegacyAttributesAreReportedWithWhatToUseInstead) {
  auto findings = lint(R"({"configurations": [{
    "name": "Launch", "type": "go", "request": "launch",
    "dlvLoadConfig": {"maxArrayValues": 10},
    "apiVersion": 2,
    "remotePath": "/app"}]})");
  ASSERT_EQ(findings.size(), 3u);
  EXPECT_EQ(findings[0],
            "launch.json:3:5: warning: [Launch] 'dlvLoadConfig' is ignored by dlv-dap (only the "
            "legacy adapter read it); use 'maxStringLen' / 'maxArrayValues' in the "
            "configuration (dlv >= 1.27.1)");
  EXPECT_EQ(findings[1],
            "launch.json:4:5: warning: [Launch] 'apiVersion' is ignored by dlv-dap (it chose the "
            "JSON-RPC API of the legacy adapter's headless dlv); remove it");
  EXPECT_EQ(findings[2],
            "launch.json:5:5: warning: [Launch] 'remotePath' is ignored by dlv-dap; use "
            "'substitutePath': [{\"from\": \"${workspaceFolder}\", \"to\": \"<the path dlv "
            "sees>\"}]");
}

TEST(LintLaunch, AdviceDependsOnTheDlvVersion) {
  std::string text = R"({"configurations": [{"name": "L", "type": "go",
    "dlvLoadConfig": {}, "maxArrayValues": 10}]})";
  auto old = lint(text, "1.26.2");
  ASSERT_EQ(old.size(), 2u);
  EXPECT_EQ(old[0],
            "launch.json:2:5: warning: [L] 'dlvLoadConfig' is ignored by dlv-dap (only the legacy "
            "adapter read it); with dlv 1.26.2 the limits cannot be changed (64 elements, 512-byte "
            "strings); dlv >= 1.27.1 accepts 'maxStringLen' and 'maxArrayValues'");
  EXPECT_EQ(old[1],
            "launch.json:2:26: warning: [L] 'maxArrayValues' needs dlv >= 1.27.1; dlv 1.26.2 "
            "ignores it");
  EXPECT_EQ(lint(text, "1.27.1").size(), 1u);
}

TEST(LintLaunch, UnknownAttributesGetASuggestion) {
  auto findings = lint(R"({"configurations": [{"name": "L", "type": "go",
    "stopOnEntyr": true, "dlvDapMode": "auto"}]})");
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0],
            "launch.json:2:5: warning: [L] 'stopOnEntyr' is not a vscode-go launch attribute: VS "
            "Code passes it on and dlv ignores it (did you mean 'stopOnEntry'?)");
  EXPECT_EQ(findings[1],
            "launch.json:2:26: warning: [L] 'dlvDapMode' is not a vscode-go launch attribute: VS "
            "Code passes it on and dlv ignores it");
}

TEST(LintLaunch, OnlyGoConfigurationsAndNotTheLegacyAdapter) {
  EXPECT_TRUE(lint(R"({"configurations": [
    {"name": "node", "type": "node", "dlvLoadConfig": {}},
    {"name": "old", "type": "go", "debugAdapter": "legacy", "dlvLoadConfig": {}},
    {"name": "fine", "type": "go", "request": "launch", "mode": "debug", "program": ".",
     "showGlobalVariables": true, "substitutePath": []}]})")
                  .empty());
}

// Valid JSON of the wrong types used to abort lint-launch (an uncaught type_error, exit 134).
TEST(LintLaunch, WrongTypesAreFindingsNotACrash) {
  auto findings = lint(R"({"configurations": [
    {"name": 5, "type": "go", "request": "launch"},
    {"name": "b", "type": ["go"]},
    {"name": "c", "type": "go", "request": ["launch"], "debugAdapter": null, "mode": 1}]})");
  std::vector<std::string> expected = {
      "launch.json:2:6: warning: [(unnamed)] 'name' must be a string, got number (5): VS Code "
      "refuses the configuration",
      "launch.json:3:19: warning: [b] 'type' must be a string, got array ([\"go\"]): VS Code "
      "refuses the configuration",
      "launch.json:4:33: warning: [c] 'request' must be a string, got array ([\"launch\"]): VS "
      "Code refuses the configuration",
      "launch.json:4:56: warning: [c] 'debugAdapter' must be a string, got null: VS Code refuses "
      "the configuration",
      "launch.json:4:78: warning: [c] 'mode' must be a string, got number (1): VS Code refuses "
      "the configuration"};
  EXPECT_EQ(findings, expected);
}

TEST(LintLaunch, AByteOrderMarkIsReadPast) {
  auto findings = lint(
      "\xEF\xBB\xBF{\"configurations\": [{\"name\": \"a\", \"type\": \"go\", "
      "\"apiVersion\": 2}]}");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].substr(0, 17), "launch.json:1:49:")
      << findings[0];  // the mark is no column
}

TEST(LintLaunch, RemoteModeBelongsToAttach) {
  auto findings = lint(R"({"configurations": [{"name": "R", "type": "go", "request": "launch",
    "mode": "remote"}]})");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0],
            "launch.json:2:5: warning: [R] mode 'remote' is not a launch mode (auto, debug, test, "
            "exec, replay, core); use \"request\": \"attach\" with \"mode\": \"remote\"");
}

// Attributes of the other request, a mode no request has (with a suggestion), port/host on a
// launch, and ${VARS} VS Code leaves as written.
TEST(LintLaunch, WhatDoesNotFitTheRequest) {
  auto findings = lint(R"({"configurations": [
  {"name": "A", "type": "go", "request": "attach", "mode": "debug", "processId": 1,
   "program": "${workspaceFolder}", "args": ["-v"], "buildFlags": "-race", "envFile": "x.env"},
  {"name": "L", "type": "go", "request": "launch", "mode": "tets", "processId": 7,
   "port": 2345, "program": "${HOME}/src/${env:USER}/${fileDirname}", "args": ["${myVar}"]}
]})");
  std::vector<std::string> expected = {
      "launch.json:2:52: warning: [A] mode 'debug' is not an attach mode (local, remote); to start "
      "the program use \"request\": \"launch\"",
      "launch.json:3:4: warning: [A] 'program' belongs to a launch configuration; attach ignores it",
      "launch.json:3:37: warning: [A] 'args' belongs to a launch configuration; attach ignores it",
      "launch.json:3:53: warning: [A] 'buildFlags' belongs to a launch configuration; attach "
      "ignores it",
      "launch.json:3:76: warning: [A] 'envFile' belongs to a launch configuration; attach ignores "
      "it",
      "launch.json:4:52: warning: [L] mode 'tets' is not a launch mode (auto, debug, test, exec, "
      "replay, core); did you mean 'test'?",
      "launch.json:4:68: warning: [L] 'processId' belongs to an attach configuration; launch "
      "ignores it",
      "launch.json:5:4: info: [L] with 'port'/'host' vscode-go does not start dlv: it connects to a "
      "`dlv dap` server already listening there (right when you point VS Code at one on purpose, "
      "e.g. `harness proxy`)",
      "launch.json:5:29: warning: [L] '${HOME}' is not a VS Code variable and stays as written; "
      "use '${env:HOME}'",
      "launch.json:5:80: warning: [L] '${myVar}' is not a VS Code variable and stays as written"};
  EXPECT_EQ(findings, expected);
}

// settings.json's go.delveConfig and a .code-workspace file's launch block and settings are read.
TEST(LintLaunch, ReadsDelveConfigAndWorkspaceFiles) {
  auto settings = lint(R"({"go.delveConfig": {"dlvLoadConfig": {"maxStringLen": 1000},
  "apiVersion": 2, "showGlobalVariable": true}})");
  ASSERT_EQ(settings.size(), 3u);
  EXPECT_NE(settings[0].find("1:21: warning: [go.delveConfig] 'dlvLoadConfig' is ignored"),
            std::string::npos);
  EXPECT_NE(settings[1].find("2:3: warning: [go.delveConfig] 'apiVersion' is ignored"),
            std::string::npos);
  EXPECT_NE(settings[2].find("'showGlobalVariable' is not a go.delveConfig setting (did you mean "
                             "'showGlobalVariables'?)"),
            std::string::npos);
  auto workspace = lint(R"({"folders": [{"path": "."}],
  "settings": {"go.delveConfig": {"debugAdapter": "legacy", "dlvLoadConfig": {}}},
  "launch": {"configurations": [{"name": "W", "type": "go", "request": "launch",
    "apiVersion": 2}]}})");
  ASSERT_EQ(workspace.size(), 2u);
  EXPECT_NE(workspace[0].find("2:35: info: [go.delveConfig] every Go configuration without its "
                              "own 'debugAdapter' uses the legacy adapter"),
            std::string::npos);
  EXPECT_NE(workspace[1].find("4:5: warning: [W] 'apiVersion' is ignored by dlv-dap"),
            std::string::npos);
}

}  // namespace
}  // namespace launchjson
