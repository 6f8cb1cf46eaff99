#pragma once
#include <memory>
#include <optional>
#include <string>

#include "harness/transport/byte_stream.h"
#include "harness/util/deadline.h"
#include "harness/util/expected.h"

namespace transport {

// A TCP server socket on a loopback address (127.0.0.1 or ::1): what reaches it comes from this
// machine only. accept() and close() may be called from different threads.
class TcpListener {
 public:
  // Listens on host:port; port 0 lets the system pick one (see port()). A host that is not a
  // loopback address is a Usage error; a port in use, a Transport error naming host:port.
  static util::Expected<std::unique_ptr<TcpListener>> listen(const std::string& host, int port);
  ~TcpListener();
  TcpListener(const TcpListener&) = delete;
  TcpListener& operator=(const TcpListener&) = delete;

  const std::string& host() const { return host_; }  // as given: "127.0.0.1", "::1"
  int port() const { return port_; }
  std::string address() const;  // "127.0.0.1:PORT", "[::1]:PORT"

  // The next connection (TCP_NODELAY on), or nullopt when the deadline passes or close() was
  // called. Errors (Transport) when accepting fails otherwise.
  util::Expected<std::optional<std::unique_ptr<ByteStream>>> accept(util::Deadline deadline);

  // Stops listening; a pending accept() returns nullopt promptly. Idempotent.
  void close();

 private:
  TcpListener(int fd, int wake_fd, std::string host, int port);

  int fd_;
  int wake_fd_;  // an eventfd that close() signals, watched by accept()
  std::string host_;
  int port_;
};

}  // namespace transport
