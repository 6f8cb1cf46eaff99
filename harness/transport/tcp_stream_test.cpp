#include "harness/transport/tcp_stream.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <future>
#include <thread>

#include "harness/transport/byte_stream.h"

namespace transport {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using namespace std::chrono_literals;

// A loopback acceptor on an ephemeral port.
struct LocalServer {
  asio::io_context io;
  tcp::acceptor acceptor{io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
  int port() const { return acceptor.local_endpoint().port(); }
};

// Reads from `stream` until `count` bytes arrived or the stream ended.
std::string read_bytes(ByteStream& stream, std::size_t count) {
  std::string received;
  while (received.size() < count) {
    auto chunk = stream.read_some();
    if (!chunk.ok() || chunk->empty()) break;
    received += *chunk;
  }
  return received;
}

TEST(ConnectTcp, ExchangesBytesWithAnEchoServer) {
  LocalServer server;
  std::thread echo([&] {
    tcp::socket peer(server.io);
    server.acceptor.accept(peer);
    char buffer[1024];
    boost::system::error_code ec;
    while (true) {
      std::size_t n = peer.read_some(asio::buffer(buffer), ec);
      if (ec) break;
      asio::write(peer, asio::buffer(buffer, n), ec);
      if (ec) break;
    }
  });
  auto stream = connect_tcp("127.0.0.1", server.port(), util::Deadline::after(5s));
  ASSERT_TRUE(stream.ok()) << stream.error().message;
  ASSERT_TRUE((*stream)->write_all("Content-Length: 2\r\n\r\n{}").ok());
  EXPECT_EQ(read_bytes(**stream, 23), "Content-Length: 2\r\n\r\n{}");
  (*stream)->close();
  echo.join();
}

TEST(ConnectTcp, SeesEndOfStreamWhenThePeerCloses) {
  LocalServer server;
  std::thread closer([&] {
    tcp::socket peer(server.io);
    server.acceptor.accept(peer);
    asio::write(peer, asio::buffer(std::string("bye")));
  });
  auto stream = connect_tcp("127.0.0.1", server.port(), util::Deadline::after(5s));
  ASSERT_TRUE(stream.ok()) << stream.error().message;
  closer.join();
  EXPECT_EQ(read_bytes(**stream, 100), "bye");
  auto after = (*stream)->read_some();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(*after, "");
}

TEST(ConnectTcp, NamesHostAndPortWhenRefused) {
  int port;
  {
    LocalServer server;
    port = server.port();
  }  // the acceptor is closed: nothing listens there any more
  auto stream = connect_tcp("127.0.0.1", port, util::Deadline::after(5s));
  ASSERT_FALSE(stream.ok());
  EXPECT_EQ(stream.error().kind, util::ErrorKind::Transport);
  EXPECT_EQ(stream.error().message,
            "cannot connect to 127.0.0.1:" + std::to_string(port) + ": Connection refused");
}

TEST(ConnectTcp, ReportsAnExpiredDeadlineAsTimeout) {
  LocalServer server;
  auto stream = connect_tcp("127.0.0.1", server.port(), util::Deadline::after(-1s));
  ASSERT_FALSE(stream.ok());
  EXPECT_EQ(stream.error().kind, util::ErrorKind::Timeout);
  EXPECT_EQ(stream.error().message,
            "timed out after 0.000s connecting to 127.0.0.1:" + std::to_string(server.port()));
}

TEST(ConnectTcp, CloseUnblocksAReaderInAnotherThread) {
  LocalServer server;
  tcp::socket peer(server.io);
  std::thread acceptor([&] { server.acceptor.accept(peer); });
  auto stream = connect_tcp("127.0.0.1", server.port(), util::Deadline::after(5s));
  ASSERT_TRUE(stream.ok()) << stream.error().message;
  acceptor.join();

  auto read = std::async(std::launch::async, [&] { return (*stream)->read_some(); });
  EXPECT_EQ(read.wait_for(50ms), std::future_status::timeout);  // blocked: the peer is silent
  (*stream)->close();
  (*stream)->close();  // idempotent
  ASSERT_EQ(read.wait_for(10s), std::future_status::ready);
  auto result = read.get();
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(*result, "");
  auto write = (*stream)->write_all("x");
  ASSERT_FALSE(write.ok());
  EXPECT_EQ(write.error().message,
            "write on a closed connection to 127.0.0.1:" + std::to_string(server.port()));
}

TEST(MemoryPipe, CarriesBytesBothWays) {
  auto [a, b] = memory_pipe();
  ASSERT_TRUE(a->write_all("ping").ok());
  ASSERT_TRUE(b->write_all("pong").ok());
  EXPECT_EQ(*b->read_some(), "ping");
  EXPECT_EQ(*a->read_some(), "pong");
}

TEST(MemoryPipe, ClosingOneEndGivesEofOnTheOtherAfterBufferedBytes) {
  auto [a, b] = memory_pipe();
  ASSERT_TRUE(a->write_all("last words").ok());
  a->close();
  EXPECT_EQ(*b->read_some(), "last words");
  EXPECT_EQ(*b->read_some(), "");
  auto write = b->write_all("anyone?");
  ASSERT_FALSE(write.ok());
  EXPECT_EQ(write.error().message, "the other end of the in-memory stream is closed");
}

TEST(MemoryPipe, CloseUnblocksAPendingRead) {
  auto [a, b] = memory_pipe();
  auto read = std::async(std::launch::async, [&, &a = a] { return a->read_some(); });
  EXPECT_EQ(read.wait_for(50ms), std::future_status::timeout);
  a->close();
  ASSERT_EQ(read.wait_for(10s), std::future_status::ready);
  EXPECT_EQ(*read.get(), "");
  auto write = a->write_all("x");
  ASSERT_FALSE(write.ok());
  EXPECT_EQ(write.error().message, "write on a closed in-memory stream");
}

}  // namespace
}  // namespace transport
