#include "harness/transport/tcp_listener.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "harness/transport/tcp_stream.h"

namespace transport {

namespace {

util::Unexpected socket_error(const std::string& what, const std::string& address) {
  return util::fail(util::ErrorKind::Transport,
                    what + " " + address + " failed: " + std::strerror(errno));
}

// The socket address of a loopback host, or nullopt for any other host.
std::optional<sockaddr_storage> loopback_address(const std::string& host, int port,
                                                 socklen_t& length) {
  sockaddr_storage storage{};
  auto* v4 = reinterpret_cast<sockaddr_in*>(&storage);
  if (::inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
    if ((ntohl(v4->sin_addr.s_addr) >> 24) != 127) return std::nullopt;
    v4->sin_family = AF_INET;
    v4->sin_port = htons(static_cast<std::uint16_t>(port));
    length = sizeof(sockaddr_in);
    return storage;
  }
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&storage);
  if (::inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
    if (!IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr)) return std::nullopt;
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(static_cast<std::uint16_t>(port));
    length = sizeof(sockaddr_in6);
    return storage;
  }
  return std::nullopt;
}

}  // namespace

util::Expected<std::unique_ptr<TcpListener>> TcpListener::listen(const std::string& host,
                                                                 int port) {
  std::string address = host + ":" + std::to_string(port);
  socklen_t length = 0;
  auto where = loopback_address(host, port, length);
  if (!where) {
    return util::fail(util::ErrorKind::Usage,
                      "will not listen on " + address +
                          ": only a loopback address (127.0.0.1, ::1) keeps other machines out");
  }
  int fd = ::socket(where->ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return socket_error("socket for", address);
  int on = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&*where), length) != 0 || ::listen(fd, 16) != 0) {
    auto error = socket_error("listening on", address);
    ::close(fd);
    return error;
  }
  sockaddr_storage bound{};
  socklen_t bound_length = sizeof bound;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &bound_length);
  int bound_port =
      ntohs(bound.ss_family == AF_INET ? reinterpret_cast<sockaddr_in*>(&bound)->sin_port
                                       : reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port);
  int wake = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (wake < 0) {
    auto error = socket_error("eventfd for", address);
    ::close(fd);
    return error;
  }
  return std::unique_ptr<TcpListener>(new TcpListener(fd, wake, host, bound_port));
}

TcpListener::TcpListener(int fd, int wake_fd, std::string host, int port)
    : fd_(fd), wake_fd_(wake_fd), host_(std::move(host)), port_(port) {}

TcpListener::~TcpListener() {
  ::close(fd_);
  ::close(wake_fd_);
}

std::string TcpListener::address() const {
  return (host_.find(':') != std::string::npos ? "[" + host_ + "]" : host_) + ":" +
         std::to_string(port_);
}

void TcpListener::close() {
  std::uint64_t one = 1;
  (void)!::write(wake_fd_, &one, sizeof one);
}

util::Expected<std::optional<std::unique_ptr<ByteStream>>> TcpListener::accept(
    util::Deadline deadline) {
  while (true) {
    pollfd watched[2] = {{fd_, POLLIN, 0}, {wake_fd_, POLLIN, 0}};
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(deadline.remaining());
    int ready = ::poll(watched, 2, static_cast<int>(std::max<long>(0, wait.count())));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) return socket_error("waiting for a connection on", address());
    if (ready == 0 || watched[1].revents)
      return std::optional<std::unique_ptr<ByteStream>>(std::nullopt);
    sockaddr_storage peer{};
    socklen_t peer_length = sizeof peer;
    int client = ::accept4(fd_, reinterpret_cast<sockaddr*>(&peer), &peer_length, SOCK_CLOEXEC);
    if (client < 0) {
      if (errno == EINTR || errno == ECONNABORTED || errno == EAGAIN) continue;
      return socket_error("accepting a connection on", address());
    }
    int on = 1;
    ::setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    return std::optional<std::unique_ptr<ByteStream>>(
        adopt_tcp_socket(client, "client of " + address()));
  }
}

}  // namespace transport
