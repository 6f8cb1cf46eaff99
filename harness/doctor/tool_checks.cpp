#include "harness/doctor/tool_checks.h"

#include "harness/dap/session.h"
#include "harness/process/dlv_server.h"
#include "harness/transport/tcp_stream.h"

namespace doctor {

namespace {

constexpr const char* kInstallDlv = "go install github.com/go-delve/delve/cmd/dlv@";

// Starts `dlv dap`, sends initialize, and reports how long the answer took.
Check check_dlv_dap(const gotool::DlvTool& dlv) {
  auto started = util::Clock::now();
  process::DlvServerOptions options;
  options.dlv = dlv.path;
  auto server = process::DlvServer::start(options, util::Deadline::after(util::Duration(10'000)));
  if (!server) {
    return {"dlv-dap", Level::Fail, "`dlv dap` did not start: " + server.error().message,
            "run `" + dlv.path.string() + " dap --listen=127.0.0.1:0` by hand to see why"};
  }
  auto stream = transport::connect_tcp((*server)->host(), (*server)->port(),
                                       util::Deadline::after(util::Duration(5'000)));
  if (!stream) {
    (*server)->stop(util::Duration(2'000));
    return {"dlv-dap", Level::Fail, "cannot connect to `dlv dap`: " + stream.error().message,
            "check that loopback (127.0.0.1) is up and not filtered"};
  }
  Check check;
  {
    dap::Session session(std::move(*stream), std::make_shared<dap::Transcript>());
    auto init = session.request("initialize",
                                {{"clientID", "dlv-harness-doctor"},
                                 {"adapterID", "go"},
                                 {"linesStartAt1", true},
                                 {"columnsStartAt1", true},
                                 {"pathFormat", "path"}},
                                util::Deadline::after(util::Duration(5'000)));
    auto took = std::chrono::duration_cast<util::Duration>(util::Clock::now() - started);
    if (!init) {
      check = {"dlv-dap", Level::Fail,
               "`dlv dap` did not answer initialize: " + init.error().message,
               "run `harness run` with the failing scenario and read reports/artifacts/*/dlv.log"};
    } else {
      check = {"dlv-dap", Level::Ok,
               "`dlv dap` answered initialize on " + (*server)->host() + ":" +
                   std::to_string((*server)->port()) + " in " + util::format_seconds(took),
               ""};
    }
    (void)session.request("disconnect", nlohmann::json::object(),
                          util::Deadline::after(util::Duration(2'000)));
  }
  (*server)->stop(util::Duration(2'000));
  return check;
}

}  // namespace

std::optional<std::pair<int, int>> go_support_window(const gotool::Version& dlv) {
  if (dlv.major != 1) return std::nullopt;
  switch (dlv.minor) {
    case 20:
      return std::pair{18, 20};
    case 22:
      return std::pair{19, 22};
    case 24:
      return std::pair{21, 24};
    case 25:
      return std::pair{22, 25};
    case 26:
      return std::pair{24, 26};
    case 27:
      return std::pair{25, 27};
    default:
      return std::nullopt;
  }
}

Check check_go_support(const gotool::DlvTool& dlv, const gotool::GoToolchain& go) {
  auto window = go_support_window(dlv.version);
  std::string pair = "dlv " + dlv.version.str() + " with go " + go.version.str();
  if (!window) {
    return {"go-support", Level::Info, pair + ": this dlv's Go support window is not known here",
            ""};
  }
  std::string range =
      "Go 1." + std::to_string(window->first) + "–1." + std::to_string(window->second);
  int minor = go.version.major == 1 ? go.version.minor : 0;
  if (minor >= window->first && minor <= window->second) {
    return {"go-support", Level::Ok, pair + " (dlv supports " + range + ")", ""};
  }
  std::string remedy =
      minor > window->second
          ? std::string(kInstallDlv) + gotool::kRecommendedDlv + " (a dlv that knows this Go)"
          : "use a Go within " + range + ", or a dlv release for Go 1." + std::to_string(minor);
  // dlv's own words for each side of its window.
  std::string refusal = minor > window->second
                            ? "Version of Delve is too old for Go version"
                            : "Go version ... is too old for this version of Delve";
  return {"go-support", Level::Fail,
          pair + ": outside dlv's support window " + range + " (dlv refuses: \"" + refusal + "\")",
          remedy};
}

std::vector<Check> tool_checks(const std::optional<std::filesystem::path>& go_path,
                               const std::optional<std::filesystem::path>& dlv_path) {
  std::vector<Check> checks;
  auto go = gotool::find_go(go_path);
  if (go) {
    checks.push_back({"go", Level::Ok, go->version_text + " at " + go->go.string(), ""});
  } else {
    checks.push_back({"go", Level::Fail, go.error().message,
                      "install Go (https://go.dev/doc/install or Debian's golang-go)"});
  }
  auto dlv = gotool::find_dlv(dlv_path, go ? &*go : nullptr);
  if (!dlv) {
    checks.push_back({"dlv", Level::Fail, dlv.error().message,
                      std::string(kInstallDlv) + gotool::kRecommendedDlv});
    return checks;
  }
  checks.push_back(
      {"dlv", Level::Ok, "dlv " + dlv->version.str() + " at " + dlv->path.string(), ""});
  if (go) checks.push_back(check_go_support(*dlv, *go));
  checks.push_back(check_dlv_dap(*dlv));
  return checks;
}

}  // namespace doctor
