#include "harness/transport/tcp_listener.h"

#include <gtest/gtest.h>

#include <thread>

#include "harness/transport/tcp_stream.h"

namespace transport {
namespace {

TEST(TcpListener, RefusesAnAddressThatIsNotLoopback) {
  for (const char* host : {"0.0.0.0", "192.168.1.10", "::", "localhost"}) {
    auto listener = TcpListener::listen(host, 0);
    ASSERT_FALSE(listener) << host;
    EXPECT_EQ(listener.error().kind, util::ErrorKind::Usage);
    EXPECT_EQ(listener.error().message,
              std::string("will not listen on ") + host +
                  ":0: only a loopback address (127.0.0.1, ::1) keeps other machines out");
  }
}

TEST(TcpListener, AcceptsAConnectionAndCarriesBytesBothWays) {
  auto listener = TcpListener::listen("127.0.0.1", 0);
  ASSERT_TRUE(listener) << listener.error().str();
  EXPECT_GT((*listener)->port(), 0);
  auto client =
      connect_tcp("127.0.0.1", (*listener)->port(), util::Deadline::after(util::Duration(5'000)));
  ASSERT_TRUE(client);
  auto server = (*listener)->accept(util::Deadline::after(util::Duration(5'000)));
  ASSERT_TRUE(server && *server);
  ASSERT_TRUE((*client)->write_all("ping"));
  EXPECT_EQ(*(**server)->read_some(), "ping");
  ASSERT_TRUE((**server)->write_all("pong"));
  EXPECT_EQ(*(*client)->read_some(), "pong");
}

TEST(TcpListener, ABusyPortIsAnErrorNamingIt) {
  auto first = TcpListener::listen("127.0.0.1", 0);
  ASSERT_TRUE(first);
  auto second = TcpListener::listen("127.0.0.1", (*first)->port());
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().kind, util::ErrorKind::Transport);
  EXPECT_NE(second.error().message.find("127.0.0.1:" + std::to_string((*first)->port())),
            std::string::npos)
      << second.error().message;
}

TEST(TcpListener, CloseEndsAWaitingAccept) {
  auto listener = TcpListener::listen("127.0.0.1", 0);
  ASSERT_TRUE(listener);
  std::thread closer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    (*listener)->close();
  });
  auto accepted = (*listener)->accept(util::Deadline::after(util::Duration(30'000)));
  closer.join();
  ASSERT_TRUE(accepted);
  EXPECT_FALSE(*accepted);
}

}  // namespace
}  // namespace transport
