#include "harness/transport/tcp_stream.h"

#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <mutex>

namespace transport {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

class TcpStream final : public ByteStream {
 public:
  TcpStream(std::unique_ptr<asio::io_context> io, tcp::socket socket, std::string address)
      : io_(std::move(io)), socket_(std::move(socket)), address_(std::move(address)) {}

  ~TcpStream() override {
    close();
    boost::system::error_code ignored;
    socket_.close(ignored);
  }

  util::Expected<void> write_all(std::string_view bytes) override {
    std::lock_guard lock(write_mutex_);
    if (closed_)
      return util::fail(util::ErrorKind::Transport, "write on a closed connection to " + address_);
    boost::system::error_code ec;
    asio::write(socket_, asio::buffer(bytes.data(), bytes.size()), ec);
    if (ec)
      return util::fail(util::ErrorKind::Transport,
                        "write to " + address_ + " failed: " + ec.message());
    return {};
  }

  util::Expected<std::string> read_some() override {
    if (closed_) return std::string();
    char buffer[64 * 1024];
    boost::system::error_code ec;
    std::size_t n = socket_.read_some(asio::buffer(buffer), ec);
    if (ec == asio::error::eof || closed_) return std::string();
    if (ec)
      return util::fail(util::ErrorKind::Transport,
                        "read from " + address_ + " failed: " + ec.message());
    return std::string(buffer, n);
  }

  void close() override {
    // shutdown(2) on the raw descriptor wakes a thread blocked in recv without racing on the
    // socket object; closing the descriptor waits for the destructor, when no reader is left.
    if (closed_.exchange(true)) return;
    ::shutdown(socket_.native_handle(), SHUT_RDWR);
  }

 private:
  std::unique_ptr<asio::io_context> io_;  // must outlive socket_
  tcp::socket socket_;
  std::string address_;
  std::mutex write_mutex_;
  std::atomic<bool> closed_{false};
};

}  // namespace

util::Expected<std::unique_ptr<ByteStream>> connect_tcp(const std::string& host, int port,
                                                        util::Deadline deadline) {
  std::string address = host + ":" + std::to_string(port);
  auto start = util::Clock::now();
  auto io = std::make_unique<asio::io_context>();
  boost::system::error_code ec;
  tcp::resolver resolver(*io);
  auto endpoints = resolver.resolve(host, std::to_string(port), ec);
  if (ec)
    return util::fail(util::ErrorKind::Transport,
                      "cannot resolve " + address + ": " + ec.message());

  tcp::socket socket(*io);
  bool done = false;
  if (!deadline.expired()) {
    asio::async_connect(socket, endpoints, [&](const boost::system::error_code& result, auto&&) {
      ec = result;
      done = true;
    });
    io->run_for(deadline.remaining());
  }
  if (!done) {
    boost::system::error_code ignored;
    socket.close(ignored);  // cancels a pending connect; drain its handler before returning
    io->restart();
    io->run();
    return util::fail(
        util::ErrorKind::Timeout,
        "timed out after " +
            util::format_seconds(std::max(
                util::Duration(0), std::chrono::round<util::Duration>(deadline.when() - start))) +
            " connecting to " + address);
  }
  if (ec)
    return util::fail(util::ErrorKind::Transport,
                      "cannot connect to " + address + ": " + ec.message());
  socket.set_option(tcp::no_delay(true), ec);
  if (ec)
    return util::fail(util::ErrorKind::Transport,
                      "cannot set TCP_NODELAY on " + address + ": " + ec.message());
  return std::unique_ptr<ByteStream>(
      std::make_unique<TcpStream>(std::move(io), std::move(socket), address));
}

std::unique_ptr<ByteStream> adopt_tcp_socket(int fd, std::string address) {
  auto io = std::make_unique<asio::io_context>();
  sockaddr_storage local{};
  socklen_t length = sizeof local;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length);
  tcp::socket socket(*io);
  socket.assign(local.ss_family == AF_INET6 ? tcp::v6() : tcp::v4(), fd);
  return std::make_unique<TcpStream>(std::move(io), std::move(socket), std::move(address));
}

}  // namespace transport
