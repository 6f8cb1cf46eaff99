#include "harness/launchjson/translate.h"

#include <gtest/gtest.h>

#include <fstream>

#include "harness/util/test_support.h"

namespace launchjson {
namespace {

using json = nlohmann::json;

Workspace workspace() {
  return Workspace{"/home/dev/app",
                   std::filesystem::path("/home/dev/app/cmd/tool/main.go"),
                   {{"HOME", "/home/dev"}, {"TOKEN", "s3cret"}}};
}

TEST(Translate, ResolvesVariablesTheWayVsCodeDoes) {
  auto out =
      to_dlv_launch(json::parse(R"({"name": "x", "type": "go", "request": "launch", "mode": "debug",
        "program": "${fileDirname}",
        "args": ["${workspaceFolderBasename}", "${fileBasename}", "${fileBasenameNoExtension}",
                 "${relativeFile}", "${env:TOKEN}", "${env:NOPE}", "${userHome}", "${cwd}"]})"),
                    workspace());
  ASSERT_TRUE(out.ok()) << out.error().str();
  EXPECT_EQ(out->arguments["program"], "/home/dev/app/cmd/tool");
  EXPECT_EQ(
      out->arguments["args"].dump(),
      R"(["app","main.go","main","cmd/tool/main.go","s3cret","","/home/dev","/home/dev/app"])");
}

TEST(Translate, EnvFileIsReadAndEnvWins) {
  auto dir = util::testing::scratch_dir();
  std::ofstream(dir / "dev.env") << "# comment\n\nexport A=\"from file\"\nB='kept'\nC=1\n";
  auto out = to_dlv_launch(
      json{{"type", "go"}, {"envFile", (dir / "dev.env").string()}, {"env", {{"C", "from env"}}}},
      workspace());
  ASSERT_TRUE(out.ok()) << out.error().str();
  EXPECT_EQ(out->arguments["env"].dump(), R"({"A":"from file","B":"kept","C":"from env"})");
  EXPECT_FALSE(out->arguments.contains("envFile"));
}

TEST(Translate, AutoModeLinuxBlockAndEditorOnlyAttributes) {
  auto out = to_dlv_launch(json::parse(R"({"type": "go", "mode": "auto",
      "program": "${workspaceFolder}/pkg/x_test.go", "preLaunchTask": "build",
      "presentation": {"hidden": true}, "console": "integratedTerminal",
      "dlvFlags": ["--check-go-version=false"], "showLog": true,
      "linux": {"buildFlags": "-tags=linux"}})"),
                           workspace());
  ASSERT_TRUE(out.ok()) << out.error().str();
  EXPECT_EQ(out->arguments.dump(),
            R"({"buildFlags":"-tags=linux","mode":"test",)"
            R"("program":"/home/dev/app/pkg/x_test.go","request":"launch","type":"go"})");
  EXPECT_EQ(out->dlv_flags, (std::vector<std::string>{"--check-go-version=false"}));
  auto plain = to_dlv_launch(json{{"mode", "auto"}, {"program", "."}}, workspace());
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->arguments["mode"], "debug");
}

TEST(Translate, RefusesWhatItCannotReproduce) {
  auto error = [](const json& config, Workspace w = workspace()) {
    auto out = to_dlv_launch(config, w);
    return out.ok() ? std::string("ok") : out.error().message;
  };
  EXPECT_EQ(error(json{{"request", "attach"}, {"mode", "core"}}), "attach mode 'core' is unknown");
  EXPECT_EQ(error(json{{"request", "restart"}}), "request 'restart' is unknown");
  EXPECT_EQ(error(json{{"port", 2345}}),
            "'port' connects to a dlv started elsewhere: not supported here yet");
  EXPECT_EQ(error(json{{"program", "${workspaceRoot}"}}), "unsupported variable ${workspaceRoot}");
  Workspace no_file = workspace();
  no_file.file.reset();
  EXPECT_EQ(error(json{{"program", "${file}"}}, no_file),
            "${file} needs the file open in the editor: set launch_json.file_var");
  EXPECT_EQ(error(json{{"envFile", "/nonexistent/.env"}}), "cannot read envFile /nonexistent/.env");
}

TEST(Translate, AttachConfigurationsLeaveTheAddressAndPidToTheHarness) {
  auto remote = to_dlv_launch(json::parse(R"({"name": "Remote", "type": "go", "request": "attach",
      "mode": "remote", "host": "127.0.0.1", "port": 2345,
      "substitutePath": [{"from": "${workspaceFolder}", "to": "/app"}]})"),
                              workspace());
  ASSERT_TRUE(remote.ok()) << remote.error().str();
  EXPECT_EQ(remote->arguments.dump(),
            R"({"mode":"remote","name":"Remote","request":"attach",)"
            R"("substitutePath":[{"from":"/home/dev/app","to":"/app"}],"type":"go"})");
  EXPECT_EQ(remote->remote_address, "\"127.0.0.1\":2345");
  auto local = to_dlv_launch(json::parse(R"({"type": "go", "request": "attach",
      "processId": "${command:pickProcess}"})"),
                             workspace());
  ASSERT_TRUE(local.ok()) << local.error().str();
  EXPECT_EQ(local->arguments.dump(), R"({"mode":"local","request":"attach","type":"go"})");
}

TEST(Translate, FindsConfigurationsByNameWithASuggestion) {
  auto doc = parse_jsonc(R"({"configurations": [{"name": "Launch Package"}, {"name": "Test"}]})",
                         "launch.json");
  ASSERT_TRUE(doc.ok());
  EXPECT_TRUE(find_configuration(*doc, "Test").ok());
  auto missing = find_configuration(*doc, "Launch Pakage");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message,
            "no configuration 'Launch Pakage' in launch.json (did you mean 'Launch Package'?)");
  EXPECT_EQ(find_configuration(*doc, "zzz").error().message,
            "no configuration 'zzz' in launch.json; configurations: Launch Package, Test");
}

}  // namespace
}  // namespace launchjson

namespace launchjson {
namespace {

// Valid JSON of the wrong types is refused with the attribute named, not thrown.
TEST(Translate, AttributesOfTheWrongTypeAreRefused) {
  for (const char* text : {R"({"name": "x", "type": "go", "request": ["launch"]})",
                           R"({"name": "x", "type": "go", "request": "launch", "mode": 1})",
                           R"({"name": "x", "type": "go", "program": null})"}) {
    auto launch = to_dlv_launch(json::parse(text), workspace());
    ASSERT_FALSE(launch.ok()) << text;
    EXPECT_NE(launch.error().message.find("' must be a string, got "), std::string::npos)
        << launch.error().message;
  }
}

}  // namespace
}  // namespace launchjson
