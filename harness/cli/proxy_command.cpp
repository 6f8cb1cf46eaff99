#include <cstdio>
#include <mutex>
#include <thread>

#include "harness/cli/commands.h"
#include "harness/cli/exit_codes.h"
#include "harness/cli/interrupts.h"
#include "harness/gotool/toolchain.h"
#include "harness/process/child.h"
#include "harness/proxy/proxy_session.h"
#include "harness/transport/tcp_listener.h"

namespace cli {

namespace {

// How often the accept loop looks at the stop flag.
constexpr util::Duration kStopCheck{200};

// "127.0.0.1:4711" or "4711" -> host and port; nullopt when it is neither.
std::optional<std::pair<std::string, int>> parse_listen(const std::string& text) {
  std::size_t colon = text.rfind(':');
  std::string host = colon == std::string::npos ? "127.0.0.1" : text.substr(0, colon);
  std::string port = colon == std::string::npos ? text : text.substr(colon + 1);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  int number = std::stoi(port);
  if (number > 65535) return std::nullopt;
  return std::pair{host, number};
}

// The line to put in a launch configuration so that vscode-go connects to the proxy.
std::string launch_json_hint(const transport::TcpListener& listener) {
  return "\"port\": " + std::to_string(listener.port()) + ", \"host\": \"" + listener.host() + "\"";
}

}  // namespace

int proxy_command(const ProxyCommandOptions& options) {
  auto where = parse_listen(options.listen);
  if (!where) {
    std::fprintf(stderr, "harness: --listen %s: expected HOST:PORT or PORT\n",
                 options.listen.c_str());
    return kUsage;
  }
  auto listener = transport::TcpListener::listen(where->first, where->second);
  if (!listener) {
    std::fprintf(stderr, "harness: %s\n", listener.error().str().c_str());
    return kUsage;
  }
  std::optional<gotool::GoToolchain> go;
  if (auto found = gotool::find_go(options.go); found)
    go = *found;
  else if (options.go) {
    std::fprintf(stderr, "harness: %s\n", found.error().str().c_str());
    return kMissingTool;
  }
  auto dlv = gotool::find_dlv(options.dlv, go ? &*go : nullptr);
  if (!dlv) {
    std::fprintf(stderr, "harness: %s\n", dlv.error().str().c_str());
    return kMissingTool;
  }

  proxy::ProxyOptions proxy_options;
  proxy_options.dlv = dlv->path;
  proxy_options.captures = options.captures;
  if (options.go && go) {
    const char* path = std::getenv("PATH");
    proxy_options.env["PATH"] =
        go->go.parent_path().string() + (path && *path ? std::string(":") + path : "");
  }
  std::printf("harness proxy: listening on %s; dlv %s (%s); captures in %s\n",
              (*listener)->address().c_str(), dlv->version.str().c_str(), dlv->path.c_str(),
              options.captures.c_str());
  std::printf("harness proxy: in a launch configuration of VS Code: %s\n",
              launch_json_hint(**listener).c_str());
  std::fflush(stdout);

  process::become_subreaper();
  runner::StopFlag stop;
  InterruptWatch watch(stop, std::nullopt, std::nullopt);
  std::mutex say_mutex;
  auto say = [&](const std::string& line) {
    std::lock_guard lock(say_mutex);
    std::printf("harness proxy: %s\n", line.c_str());
    std::fflush(stdout);
  };
  std::vector<std::thread> sessions;
  int started = 0;
  while (!stop.requested() && (options.sessions == 0 || started < options.sessions)) {
    auto client = (*listener)->accept(util::Deadline::after(kStopCheck));
    if (!client) {
      say(client.error().str());
      break;
    }
    if (!*client) continue;
    ++started;
    say("session " + std::to_string(started) + ": a client connected");
    sessions.emplace_back([&, number = started, stream = std::move(**client)]() mutable {
      proxy::serve_session(std::move(stream), proxy_options, number, say);
    });
  }
  (*listener)->close();
  for (auto& session : sessions) session.join();
  if (!stop.requested()) return kAllPassed;
  say("stopped: " + stop.reason());
  return watch.signal() ? 128 + watch.signal() : kAllPassed;
}

}  // namespace cli
