#pragma once
#include <memory>
#include <string>

#include "harness/transport/byte_stream.h"
#include "harness/util/deadline.h"
#include "harness/util/expected.h"

namespace transport {

// Connects to host:port (TCP_NODELAY on). A refused or failed connection is a Transport error
// naming host:port; not being connected when the deadline passes is a Timeout error. The host
// name is resolved before the deadline applies (use numeric addresses such as 127.0.0.1).
// close() on the returned stream shuts the socket down, which unblocks a reader in another
// thread; the descriptor itself is released when the stream is destroyed.
util::Expected<std::unique_ptr<ByteStream>> connect_tcp(const std::string& host, int port,
                                                        util::Deadline deadline);

// Takes over a connected TCP socket descriptor (from accept()); `address` names the peer in
// errors. The stream owns the descriptor from here on.
std::unique_ptr<ByteStream> adopt_tcp_socket(int fd, std::string address);

}  // namespace transport
