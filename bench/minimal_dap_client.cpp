// The smallest honest DAP client for one scenario's exchange with dlv, used as the baseline
// that `bench/run` compares the harness against. It does exactly what the harness does for
// bench/scenarios/locals.yaml — same dlv flags, same requests in the same order — and nothing
// else: no scenario loading, no build cache, no matchers, no reports.
//
//   minimal_dap_client DLV BINARY SOURCE_FILE LINE REPEAT LOG_DIR
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;
using json = nlohmann::json;

namespace {

[[noreturn]] void die(const std::string& why) {
  std::fprintf(stderr, "minimal_dap_client: %s\n", why.c_str());
  std::exit(1);
}

// Reads fd until a line containing `marker`; returns the rest of that line.
std::string read_until_marker(int fd, const std::string& marker) {
  std::string text;
  char buf[4096];
  while (true) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) die("dlv ended before printing its listen address");
    text.append(buf, static_cast<std::size_t>(n));
    auto at = text.find(marker);
    if (at != std::string::npos) {
      auto end = text.find('\n', at);
      if (end != std::string::npos) return text.substr(at + marker.size(), end - at - marker.size());
    }
  }
}

class Connection {
 public:
  explicit Connection(int port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) die("connect failed");
    int one = 1;
    setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  ~Connection() { close(fd_); }

  int send(const std::string& command, const json& arguments) {
    json m = {{"seq", ++seq_}, {"type", "request"}, {"command", command}, {"arguments", arguments}};
    std::string body = m.dump();
    std::string frame = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    if (write(fd_, frame.data(), frame.size()) != static_cast<ssize_t>(frame.size()))
      die("write failed");
    return seq_;
  }

  json next() {
    while (true) {
      auto header_end = buffer_.find("\r\n\r\n");
      if (header_end != std::string::npos) {
        auto at = buffer_.find("Content-Length: ");
        std::size_t length = std::stoul(buffer_.substr(at + 16, header_end - at - 16));
        if (buffer_.size() >= header_end + 4 + length) {
          json m = json::parse(buffer_.substr(header_end + 4, length));
          buffer_.erase(0, header_end + 4 + length);
          return m;
        }
      }
      char buf[65536];
      ssize_t n = read(fd_, buf, sizeof buf);
      if (n <= 0) die("connection closed");
      buffer_.append(buf, static_cast<std::size_t>(n));
    }
  }

  // The first message satisfying `pred`, from those already received or read next; it is
  // removed, the others stay (dlv sends `initialized` before the launch response).
  template <class Pred>
  json until(Pred pred) {
    for (auto it = pending_.begin(); it != pending_.end(); ++it) {
      if (pred(*it)) {
        json m = std::move(*it);
        pending_.erase(it);
        return m;
      }
    }
    while (true) {
      json m = next();
      if (pred(m)) return m;
      pending_.push_back(std::move(m));
    }
  }
  json response(int seq) {
    return until([seq](const json& m) {
      return m.value("type", "") == "response" && m.value("request_seq", -1) == seq;
    });
  }
  json event(const std::string& name) {
    return until([&](const json& m) {
      return m.value("type", "") == "event" && m.value("event", "") == name;
    });
  }

 private:
  int fd_ = -1;
  int seq_ = 0;
  std::string buffer_;
  std::vector<json> pending_;
};

void one_session(const std::string& dlv, const std::string& binary, const std::string& source,
                 int line, const std::string& log) {
  int out[2], logpipe[2];
  if (pipe(out) != 0 || pipe(logpipe) != 0) die("pipe");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, logpipe[1], 3);
  std::string log_dest = "3";
  const char* argv[] = {dlv.c_str(), "dap",          "--listen=127.0.0.1:0",     "--log",
                        "--log-output=dap,debugger", "--log-dest", log_dest.c_str(), nullptr};
  pid_t pid;
  if (posix_spawn(&pid, dlv.c_str(), &actions, nullptr, const_cast<char**>(argv), environ) != 0)
    die("cannot start dlv");
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  close(logpipe[1]);
  std::string address = read_until_marker(logpipe[0], "listening at: ");
  int port = std::stoi(address.substr(address.rfind(':') + 1));
  // Keep draining dlv's log into a file, as the harness does.
  int log_fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::thread drain([fd = logpipe[0], log_fd] {
    char buf[65536];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) (void)!write(log_fd, buf, n);
  });
  {
    Connection c(port);
    c.response(c.send("initialize", {{"clientID", "minimal"}, {"adapterID", "go"},
                                     {"linesStartAt1", true}, {"columnsStartAt1", true},
                                     {"pathFormat", "path"}, {"supportsVariablePaging", true},
                                     {"supportsVariableType", true}}));
    int launch = c.send("launch", {{"mode", "exec"}, {"program", binary}, {"args", json::array()},
                                   {"stopOnEntry", false}});
    c.event("initialized");
    c.response(c.send("setBreakpoints",
                      {{"source", {{"path", source}}}, {"breakpoints", {{{"line", line}}}}}));
    c.response(launch);
    c.response(c.send("configurationDone", json::object()));
    json stopped = c.event("stopped");
    int thread = stopped["body"].value("threadId", 1);
    json trace = c.response(c.send("stackTrace", {{"threadId", thread}, {"startFrame", 0},
                                                  {"levels", 50}}));
    int frame = trace["body"]["stackFrames"][0]["id"];
    json scopes = c.response(c.send("scopes", {{"frameId", frame}}));
    int ref = scopes["body"]["scopes"][0]["variablesReference"];
    json vars = c.response(c.send("variables", {{"variablesReference", ref}}));
    if (vars["body"]["variables"].empty()) die("no variables");
    c.response(c.send("continue", {{"threadId", thread}}));
    json exited = c.until([](const json& m) {
      return m.value("event", "") == "exited" || m.value("event", "") == "terminated";
    });
    c.response(c.send("disconnect", {{"terminateDebuggee", true}}));
  }
  // Like the harness's teardown: after the disconnect response, SIGTERM dlv and reap it.
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  close(out[0]);
  drain.detach();  // dlv's telemetry child may hold the log pipe open; do not wait for it
  close(log_fd);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 7) die("usage: minimal_dap_client DLV BINARY SOURCE_FILE LINE REPEAT LOG_DIR");
  int repeat = std::atoi(argv[5]);
  for (int i = 0; i < repeat; ++i) {
    one_session(argv[1], argv[2], argv[3], std::atoi(argv[4]),
                std::string(argv[6]) + "/dlv-" + std::to_string(i) + ".log");
  }
  return 0;
}
