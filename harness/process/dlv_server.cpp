#include "harness/process/dlv_server.h"

#include <charconv>

#include "harness/util/strings.h"

namespace process {
namespace {

constexpr std::string_view kListenPrefixes[] = {"DAP server listening at: ",
                                                "API server listening at: "};
constexpr std::size_t kDlvStderrTailLines = 10;

// What to quote from dlv's stderr: its "Error: ..." line when there is one (dlv follows a flag
// error with a long usage text, and exits 0), else the last lines.
std::string stderr_summary(const std::string& stderr_text) {
  for (const std::string& line : util::split(stderr_text, '\n')) {
    if (util::starts_with(line, "Error: ")) return line;
  }
  return std::string(util::trim(util::tail_lines(stderr_text, kDlvStderrTailLines)));
}

}  // namespace

std::optional<std::pair<std::string, int>> parse_listen_line(std::string_view line) {
  line = util::trim(line);
  std::string_view address;
  for (std::string_view prefix : kListenPrefixes) {
    if (util::starts_with(line, prefix)) address = line.substr(prefix.size());
  }
  if (address.empty()) return std::nullopt;
  auto colon = address.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  std::string_view host = address.substr(0, colon);
  std::string_view port_text = address.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  int port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port <= 0 ||
      port > 65535) {
    return std::nullopt;
  }
  return std::pair(std::string(host), port);
}

namespace {

bool is_loopback_host(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  return host == "localhost" || host == "::1" || host.substr(0, 4) == "127.";
}

}  // namespace

std::optional<std::string> unsafe_dlv_flag(const std::vector<std::string>& flags) {
  for (std::size_t i = 0; i < flags.size(); ++i) {
    std::string_view flag = flags[i];
    std::optional<std::string_view> address;
    for (std::string_view name : {"--listen", "-l"}) {
      if (flag == name && i + 1 < flags.size()) address = flags[i + 1];
      if (flag.size() > name.size() && flag.substr(0, name.size()) == name &&
          flag[name.size()] == '=')
        address = flag.substr(name.size() + 1);
    }
    if (address) {
      auto colon = address->rfind(':');
      std::string_view host =
          colon == std::string_view::npos ? *address : address->substr(0, colon);
      std::string shown = flag == "--listen" || flag == "-l"
                              ? std::string(flag) + " " + std::string(*address)
                              : std::string(flag);
      if (!is_loopback_host(host)) return "'" + shown + "' makes dlv listen beyond loopback";
    }
    if (flag == "--only-same-user=false")
      return "'--only-same-user=false' lets other users of this machine connect to dlv";
  }
  return std::nullopt;
}

util::Expected<std::unique_ptr<DlvServer>> DlvServer::start(const DlvServerOptions& options,
                                                            util::Deadline deadline) {
  const util::Duration budget = deadline.remaining();
  SpawnOptions spawn;
  spawn.argv = {options.dlv.string()};
  spawn.argv.insert(spawn.argv.end(), options.command.begin(), options.command.end());
  if (options.listen_and_log_flags) {
    spawn.argv.push_back("--listen=127.0.0.1:0");
    if (options.log_file) {
      spawn.argv.insert(spawn.argv.end(), {"--log", "--log-output=dap,debugger"});
    }
    spawn.argv.insert(spawn.argv.end(), {"--log-dest", "3"});
  }
  spawn.argv.insert(spawn.argv.end(), options.extra_args.begin(), options.extra_args.end());
  if (!options.program_args.empty()) {
    spawn.argv.push_back("--");
    spawn.argv.insert(spawn.argv.end(), options.program_args.begin(), options.program_args.end());
  }
  spawn.cwd = options.cwd;
  spawn.env_overrides = options.env;
  spawn.env_remove = options.env_remove;
  spawn.env_keep = options.env_keep;
  spawn.capture_fd3 = options.listen_and_log_flags;
  if (options.listen_and_log_flags) spawn.fd3_copy_to = options.log_file;

  auto child = Child::spawn(spawn);
  if (!child) return util::fail(child.error());
  std::unique_ptr<DlvServer> server(new DlvServer());
  server->child_ = std::move(*child);
  Child& dlv = *server->child_;

  auto line = dlv.wait_for_line(
      [](std::string_view text) { return parse_listen_line(text).has_value(); }, deadline);
  if (!line) {
    std::string stderr_tail = stderr_summary(dlv.stderr_text());
    if (line.error().kind == util::ErrorKind::Timeout) {
      dlv.terminate_tree(util::Duration(500));
      std::string message = options.dlv.string() + " did not print its listen address within " +
                            util::format_seconds(budget);
      if (!stderr_tail.empty()) message += "; stderr: " + stderr_tail;
      return util::fail(util::ErrorKind::Timeout, message);
    }
    std::string message = options.dlv.string() + " exited (" + dlv.exit_status()->str() +
                          ") before printing its listen address";
    message += stderr_tail.empty() ? "; it printed nothing on stderr" : "; stderr: " + stderr_tail;
    return util::fail(util::ErrorKind::Process, message);
  }
  auto address = parse_listen_line(*line);
  server->host_ = address->first;
  server->port_ = address->second;
  return server;
}

}  // namespace process
