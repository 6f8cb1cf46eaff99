#include "harness/dap/session.h"
#include "harness/util/strings.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <future>
#include <regex>
#include <thread>

#include "harness/dap/message.h"
#include "harness/transport/framing.h"
#include "harness/transport/tcp_stream.h"
#include "harness/util/test_support.h"

extern char** environ;

namespace dap {
namespace {

using namespace std::chrono_literals;

// The adapter side of an in-memory connection, driven by the test (or a thread it starts).
class FakeAdapter {
 public:
  explicit FakeAdapter(std::unique_ptr<transport::ByteStream> end) : end_(std::move(end)) {}

  // The next message the session sent; nullopt at end of stream.
  std::optional<json> read() {
    while (true) {
      auto frame = decoder_.next();
      EXPECT_TRUE(frame.ok());
      if (!frame.ok()) return std::nullopt;
      if (frame->has_value()) return json::parse(**frame);
      auto chunk = end_->read_some();
      if (!chunk.ok() || chunk->empty()) return std::nullopt;
      decoder_.feed(*chunk);
    }
  }

  void send(const json& message) { send_raw(transport::encode_frame(message.dump())); }
  void send_raw(std::string_view bytes) { ASSERT_TRUE(end_->write_all(bytes).ok()); }
  void close() { end_->close(); }

 private:
  std::unique_ptr<transport::ByteStream> end_;
  transport::FrameDecoder decoder_;
};

json event(const std::string& name, json body = json::object()) {
  return {{"seq", 0}, {"type", "event"}, {"event", name}, {"body", std::move(body)}};
}

json response_to(const json& request, bool success = true, json body = json::object()) {
  return {{"seq", 0},
          {"type", "response"},
          {"request_seq", request.at("seq")},
          {"command", request.at("command")},
          {"success", success},
          {"body", std::move(body)}};
}

auto is_named_event(std::string name) {
  return [name](const json& m) { return is_event(m, name); };
}

// Replaces the timestamps of a transcript by "+T".
std::string without_times(const std::string& text) {
  return std::regex_replace(text, std::regex(R"(\+[0-9]+\.[0-9]{3}s)"), "+T");
}

class SessionTest : public testing::Test {
 protected:
  SessionTest() {
    auto [client, server] = transport::memory_pipe();
    adapter = std::make_unique<FakeAdapter>(std::move(server));
    session = std::make_unique<Session>(std::move(client), transcript);
  }

  std::shared_ptr<Transcript> transcript = std::make_shared<Transcript>();
  std::unique_ptr<FakeAdapter> adapter;
  std::unique_ptr<Session> session;
};

TEST_F(SessionTest, SendsRequestsWithIncreasingSeq) {
  EXPECT_EQ(*session->send_request("initialize", {{"clientID", "dlv-harness"}}), 1);
  EXPECT_EQ(*session->send_request("threads", nullptr), 2);
  EXPECT_EQ(*adapter->read(), (json{{"seq", 1},
                                    {"type", "request"},
                                    {"command", "initialize"},
                                    {"arguments", {{"clientID", "dlv-harness"}}}}));
  EXPECT_EQ(*adapter->read(), (json{{"seq", 2}, {"type", "request"}, {"command", "threads"}}));
}

TEST_F(SessionTest, MatchesOutOfOrderResponsesByRequestSeq) {
  int first = *session->send_request("stackTrace", {{"threadId", 1}});
  int second = *session->send_request("scopes", {{"frameId", 1000}});
  json first_request = *adapter->read();
  json second_request = *adapter->read();
  adapter->send(response_to(second_request, true, {{"scopes", json::array()}}));
  adapter->send(response_to(first_request, true, {{"stackFrames", json::array()}}));

  auto first_response = session->wait_response(first, util::Deadline::after(10s));
  ASSERT_TRUE(first_response.ok()) << first_response.error().message;
  EXPECT_EQ(first_response->at("command"), "stackTrace");
  EXPECT_TRUE(first_response->at("body").contains("stackFrames"));
  auto second_response = session->wait_response(second, util::Deadline::after(10s));
  ASSERT_TRUE(second_response.ok()) << second_response.error().message;
  EXPECT_EQ(second_response->at("command"), "scopes");
  EXPECT_EQ(session->received_count(), 2u);
}

TEST_F(SessionTest, RequestWaitsForAScriptedPeer) {
  std::thread peer([&] {
    json request = *adapter->read();
    adapter->send(event("initialized"));  // seq 0, like dlv < 1.26.2
    adapter->send(event("initialized"));
    adapter->send(response_to(request, true, {{"supportsConfigurationDoneRequest", true}}));
  });
  auto response = session->request("initialize", json::object(), util::Deadline::after(10s));
  peer.join();
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->at("body").at("supportsConfigurationDoneRequest"), true);
  EXPECT_EQ(session->received_count(), 3u);
  EXPECT_EQ(*session->wait(is_named_event("initialized"), 1, util::Deadline::after(10s), "x"), 1u);
}

TEST_F(SessionTest, WaitFindsAnEventThatArrivedBeforeTheCall) {
  adapter->send(event("stopped", {{"reason", "entry"}}));
  adapter->send(event("marker"));
  ASSERT_EQ(*session->wait(is_named_event("marker"), 0, util::Deadline::after(10s), "marker"), 1u);

  auto index = session->wait(is_named_event("stopped"), 0, util::Deadline::after(10s), "stop");
  ASSERT_TRUE(index.ok()) << index.error().message;
  EXPECT_EQ(*index, 0u);
  EXPECT_EQ(session->message(0).at("body").at("reason"), "entry");
}

TEST_F(SessionTest, WaitFindsAMatchEvenWithAnExpiredDeadline) {
  adapter->send(event("stopped"));
  ASSERT_TRUE(session->wait(is_named_event("stopped"), 0, util::Deadline::after(10s), "x").ok());
  auto index = session->wait(is_named_event("stopped"), 0, util::Deadline::after(-1s), "x");
  ASSERT_TRUE(index.ok()) << index.error().message;
  EXPECT_EQ(*index, 0u);
}

TEST_F(SessionTest, WaitAfterSkipsOlderMessages) {
  adapter->send(event("stopped", {{"reason", "breakpoint"}}));
  adapter->send(event("continued"));
  adapter->send(event("stopped", {{"reason", "step"}}));
  auto index = session->wait(is_named_event("stopped"), 1, util::Deadline::after(10s), "stop");
  ASSERT_TRUE(index.ok()) << index.error().message;
  EXPECT_EQ(*index, 2u);
  EXPECT_EQ(session->message(*index).at("body").at("reason"), "step");
  auto later = session->messages(1);
  ASSERT_EQ(later.size(), 2u);
  EXPECT_TRUE(is_event(later[0], "continued"));
  EXPECT_TRUE(session->messages(5).empty());
}

TEST_F(SessionTest, WaitInAnotherThreadSeesALaterEvent) {
  auto waiting = std::async(std::launch::async, [&] {
    return session->wait(is_named_event("exited"), 0, util::Deadline::after(10s), "exit");
  });
  adapter->send(event("output", {{"category", "stdout"}, {"output", "hi\n"}}));
  adapter->send(event("exited", {{"exitCode", 0}}));
  auto index = waiting.get();
  ASSERT_TRUE(index.ok()) << index.error().message;
  EXPECT_EQ(*index, 1u);
}

TEST_F(SessionTest, TimeoutNamesWhatAndTheLastMessage) {
  adapter->send(event("initialized"));
  adapter->send(event("stopped", {{"reason", "pause"}}));
  ASSERT_TRUE(session->wait(is_named_event("stopped"), 0, util::Deadline::after(10s), "x").ok());
  auto index =
      session->wait(is_named_event("exited"), 0, util::Deadline::after(200ms), "the exited event");
  ASSERT_FALSE(index.ok());
  EXPECT_EQ(index.error().kind, util::ErrorKind::Timeout);
  EXPECT_TRUE(std::regex_match(index.error().message,
                               std::regex(R"(timed out after 0\.[12][0-9]{2}s waiting for the )"
                                          R"(exited event; last message: event stopped \(reason: )"
                                          R"(pause\))")))
      << index.error().message;
}

TEST_F(SessionTest, ResponseTimeoutNamesTheRequest) {
  int seq = *session->send_request("threads", nullptr);
  auto response = session->wait_response(seq, util::Deadline::after(100ms));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, util::ErrorKind::Timeout);
  EXPECT_TRUE(
      std::regex_match(response.error().message,
                       std::regex(R"(timed out after 0\.[01][0-9]{2}s waiting for the )"
                                  R"(response to 'threads' \(seq 1\); no message received)")))
      << response.error().message;
}

TEST_F(SessionTest, EofInTheMiddleOfAFrameIsATransportError) {
  adapter->send(event("initialized"));
  adapter->send_raw("Content-Length: 50\r\n\r\n{\"seq\":");
  adapter->close();
  auto index =
      session->wait(is_named_event("stopped"), 0, util::Deadline::after(10s), "the stopped event");
  ASSERT_FALSE(index.ok());
  EXPECT_EQ(index.error().kind, util::ErrorKind::Transport);
  EXPECT_EQ(index.error().message,
            "connection closed by the debug adapter while waiting for the stopped event: "
            "connection closed in the middle of a frame (7 of 50 body bytes)");
  EXPECT_TRUE(session->closed());
  ASSERT_TRUE(session->read_error().has_value());
  EXPECT_EQ(session->read_error()->message,
            "connection closed in the middle of a frame (7 of 50 body bytes)");
  EXPECT_EQ(session->received_count(), 1u);
}

TEST_F(SessionTest, CleanEofEndsWaitsAndSends) {
  adapter->send(event("terminated"));
  adapter->send(event("terminated"));  // dlv sends a second one after disconnect
  adapter->close();
  auto index = session->wait(is_named_event("exited"), 0, util::Deadline::after(10s), "exit");
  ASSERT_FALSE(index.ok());
  EXPECT_EQ(index.error().kind, util::ErrorKind::Transport);
  EXPECT_EQ(index.error().message, "connection closed by the debug adapter while waiting for exit");
  EXPECT_FALSE(session->read_error().has_value());
  EXPECT_EQ(session->received_count(), 2u);

  auto sent = session->send_request("threads", nullptr);
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().kind, util::ErrorKind::Transport);
  EXPECT_EQ(sent.error().message,
            "cannot send 'threads': the connection to the debug adapter is closed");
}

TEST_F(SessionTest, ErrorResponseTextIncludesTheFormat) {
  std::thread peer([&] {
    json request = *adapter->read();
    json failure = response_to(request, false);
    failure["message"] = "Failed to launch";
    failure["body"] = {{"error",
                        {{"id", 3000},
                         {"format", "Failed to launch: could not launch process: {reason}"},
                         {"variables", {{"reason", "not an executable file"}}}}}};
    adapter->send(failure);
  });
  auto response = session->request("launch", {{"mode", "exec"}}, util::Deadline::after(10s));
  peer.join();
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, util::ErrorKind::Protocol);
  EXPECT_EQ(response.error().message,
            "'launch' failed: Failed to launch: could not launch process: not an executable file");
  // The failed response is still in the log for wait_response callers.
  auto raw = session->wait_response(1, util::Deadline::after(10s));
  ASSERT_TRUE(raw.ok());
  EXPECT_FALSE(is_success(*raw));
}

TEST_F(SessionTest, RepliesToReverseRequestsWithAnError) {
  adapter->send({{"seq", 7},
                 {"type", "request"},
                 {"command", "runInTerminal"},
                 {"arguments", {{"args", {"/bin/true"}}}}});
  auto reply = adapter->read();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(*reply, (json{{"seq", 1},
                          {"type", "response"},
                          {"request_seq", 7},
                          {"command", "runInTerminal"},
                          {"success", false},
                          {"message", "not supported by dlv-harness"}}));
  EXPECT_EQ(session->received_count(), 1u);
  EXPECT_EQ(session->message(0).at("command"), "runInTerminal");
  EXPECT_EQ(*session->send_request("threads", nullptr), 2);  // the reply used seq 1
}

TEST_F(SessionTest, InvalidJsonStopsReadingWithAProtocolError) {
  adapter->send_raw(transport::encode_frame("{\"seq\": 0, oops"));
  auto index = session->wait(is_named_event("stopped"), 0, util::Deadline::after(10s), "stop");
  ASSERT_FALSE(index.ok());
  EXPECT_EQ(index.error().kind, util::ErrorKind::Protocol);
  EXPECT_EQ(index.error().message,
            "stopped reading from the debug adapter while waiting for stop: invalid JSON in a "
            "message from the debug adapter: "
            "\"{\\\"seq\\\": 0, oops\"");
  ASSERT_TRUE(session->read_error().has_value());
  EXPECT_EQ(session->read_error()->kind, util::ErrorKind::Protocol);
}

TEST_F(SessionTest, AHugeContentLengthIsAMalformedMessageNotAClose) {
  adapter->send_raw("Content-Length: 1000000000000\r\n\r\n{}");
  auto index = session->wait(is_named_event("stopped"), 0, util::Deadline::after(10s), "stop");
  ASSERT_FALSE(index.ok());
  EXPECT_EQ(index.error().kind, util::ErrorKind::Protocol);
  EXPECT_EQ(index.error().message,
            "stopped reading from the debug adapter while waiting for stop: Content-Length "
            "1000000000000 exceeds the limit of 67108864 bytes");
}

TEST(SessionFlood, AnOutputFloodStopsReading) {
  // The limit lowered to 1000 (the default, 50000, is exercised end to end by the fault tests).
  auto [client, server] = transport::memory_pipe();
  FakeAdapter adapter(std::move(server));
  Session session(std::move(client), std::make_shared<Transcript>(), 1000);
  std::string flood;
  for (int i = 0; i <= 1000; ++i)
    flood += transport::encode_frame(R"({"type":"event","event":"output","body":{"output":"x"}})");
  adapter.send_raw(flood);
  auto index = session.wait(is_named_event("stopped"), 0, util::Deadline::after(30s), "stop");
  ASSERT_FALSE(index.ok());
  EXPECT_EQ(index.error().message,
            "stopped reading from the debug adapter while waiting for stop: output flood: more "
            "than 1000 output events; the harness stops reading to bound its memory");
  EXPECT_EQ(session.received_count(), 1000u);
}

TEST_F(SessionTest, ResponsesToUnsentOrAnsweredRequestsAreProtocolViolations) {
  int seq = *session->send_request("threads", nullptr);
  json request = *adapter->read();
  adapter->send(response_to(request, true, {{"threads", json::array()}}));
  ASSERT_TRUE(session->wait_response(seq, util::Deadline::after(10s)).ok());
  EXPECT_FALSE(session->protocol_violation().has_value());

  json stray = response_to(request, true, {});
  stray["request_seq"] = 999;
  stray["command"] = "bogus";
  adapter->send(stray);
  adapter->send(response_to(request, true, {}));  // a second answer to `threads`
  adapter->send(event("marker"));
  ASSERT_TRUE(session->wait(is_named_event("marker"), 0, util::Deadline::after(10s), "m").ok());
  EXPECT_EQ(session->protocol_violation(),
            "a response ('bogus', request_seq 999) to a request that was never sent");
  EXPECT_NE(transcript->text().find("protocol violation: a second response to 'threads' (seq 1)"),
            std::string::npos)
      << transcript->text();
}

TEST_F(SessionTest, NonObjectMessageStopsReading) {
  adapter->send_raw(transport::encode_frame("[1,2]"));
  auto index = session->wait(is_named_event("stopped"), 0, util::Deadline::after(10s), "stop");
  ASSERT_FALSE(index.ok());
  ASSERT_TRUE(session->read_error().has_value());
  EXPECT_EQ(session->read_error()->message,
            "a message from the debug adapter is not a JSON object: \"[1,2]\"");
}

TEST_F(SessionTest, CloseEndsAPendingWaitCleanly) {
  auto waiting = std::async(std::launch::async, [&] {
    return session->wait(is_named_event("stopped"), 0, util::Deadline::after(60s), "stop");
  });
  EXPECT_EQ(waiting.wait_for(50ms), std::future_status::timeout);
  session->close();
  session->close();  // idempotent
  ASSERT_EQ(waiting.wait_for(10s), std::future_status::ready);
  auto index = waiting.get();
  ASSERT_FALSE(index.ok());
  EXPECT_EQ(index.error().message, "connection closed by the debug adapter while waiting for stop");
  EXPECT_TRUE(session->closed());
  EXPECT_FALSE(session->read_error().has_value());
  EXPECT_FALSE(adapter->read().has_value());  // the adapter sees end of stream
}

TEST_F(SessionTest, TranscriptRecordsBothDirections) {
  std::thread peer([&] {
    json request = *adapter->read();
    adapter->send(response_to(request));
  });
  ASSERT_TRUE(session->request("threads", nullptr, util::Deadline::after(10s)).ok());
  peer.join();
  transcript->note("dlv stderr: one\ntwo\n");
  EXPECT_EQ(without_times(transcript->text()),
            "+T --> {\"command\":\"threads\",\"seq\":1,\"type\":\"request\"}\n"
            "+T <-- {\"body\":{},\"command\":\"threads\",\"request_seq\":1,\"seq\":0,"
            "\"success\":true,\"type\":\"response\"}\n"
            "+T -- dlv stderr: one\n"
            "+T -- two\n");
  EXPECT_EQ(without_times(transcript->tail(2)), "+T -- dlv stderr: one\n+T -- two\n");
}

TEST(Transcript, LinesAndStepNotesReadBack) {
  Transcript t;
  t.sent({{"seq", 1}});
  t.note(step_note({4, 19, "expect_stop"}));
  auto lines = util::split(t.text(), '\n');
  auto sent = parse_transcript_line(lines[0]);
  ASSERT_TRUE(sent);
  EXPECT_EQ(sent->kind, TranscriptLine::Kind::Sent);
  EXPECT_EQ(sent->content, R"({"seq":1})");
  auto note = parse_transcript_line(lines[1]);
  ASSERT_TRUE(note);
  EXPECT_EQ(note->kind, TranscriptLine::Kind::Note);
  auto step = parse_step_note(note->content);
  ASSERT_TRUE(step);
  EXPECT_EQ(step->number, 4);
  EXPECT_EQ(step->line, 19);
  EXPECT_EQ(step->keyword, "expect_stop");
  EXPECT_FALSE(parse_transcript_line("not a transcript line"));
}

TEST(Transcript, WritesToAFile) {
  Transcript transcript;
  transcript.sent({{"seq", 1}});
  auto path = std::filesystem::temp_directory_path() / ("transcript-" + std::to_string(getpid()));
  ASSERT_TRUE(transcript.write_to(path).ok());
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(without_times(line), "+T --> {\"seq\":1}");
  std::filesystem::remove(path);

  auto failed = transcript.write_to("/nonexistent-dir/transcript.txt");
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().kind, util::ErrorKind::Io);
  EXPECT_EQ(failed.error().message,
            "cannot write the DAP transcript to /nonexistent-dir/transcript.txt: No such file or "
            "directory");
}

// A `dlv dap` child process with its stdout on a pipe; killed and reaped on destruction.
class DlvDap {
 public:
  DlvDap() {
    int fds[2];
    if (pipe(fds) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addclose(&actions, fds[1]);
    const std::string dlv = util::testing::dlv_for_tests();
    const char* argv[] = {dlv.c_str(), "dap", "--listen=127.0.0.1:0", nullptr};
    if (posix_spawn(&pid_, argv[0], &actions, nullptr, const_cast<char**>(argv), environ) != 0)
      pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    stdout_ = fds[0];
  }

  ~DlvDap() {
    if (running()) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (stdout_ >= 0) close(stdout_);
  }

  bool started() const { return pid_ > 0; }

  // The "HOST:PORT" from "DAP server listening at: HOST:PORT", or "" if it did not come in time.
  std::string listen_address(util::Deadline deadline) {
    const std::string marker = "DAP server listening at: ";
    std::string output;
    while (!deadline.expired()) {
      auto newline = output.find('\n', output.find(marker));
      if (output.find(marker) != std::string::npos && newline != std::string::npos) {
        auto start = output.find(marker) + marker.size();
        return output.substr(start, newline - start);
      }
      pollfd fd{stdout_, POLLIN, 0};
      if (poll(&fd, 1, static_cast<int>(deadline.remaining().count())) <= 0) continue;
      char buffer[4096];
      ssize_t n = ::read(stdout_, buffer, sizeof buffer);
      if (n <= 0) break;
      output.append(buffer, static_cast<std::size_t>(n));
    }
    return "";
  }

  // True until the process has exited and been reaped.
  bool running() {
    if (pid_ <= 0 || reaped_) return false;
    reaped_ = waitpid(pid_, nullptr, WNOHANG) == pid_;
    return !reaped_;
  }

  // Waits for the process to exit on its own.
  bool exits_before(util::Deadline deadline) {
    while (running()) {
      if (deadline.expired()) return false;
      std::this_thread::sleep_for(20ms);
    }
    return true;
  }

 private:
  pid_t pid_ = -1;
  int stdout_ = -1;
  bool reaped_ = false;
};

TEST(RealDlv, InitializeAndDisconnect) {
  DlvDap dlv;
  ASSERT_TRUE(dlv.started()) << "cannot spawn " << util::testing::dlv_for_tests();
  std::string address = dlv.listen_address(util::Deadline::after(30s));
  ASSERT_FALSE(address.empty()) << "dlv did not print its listen address";
  auto colon = address.rfind(':');
  ASSERT_NE(colon, std::string::npos) << address;
  auto stream = transport::connect_tcp(
      address.substr(0, colon), std::stoi(address.substr(colon + 1)), util::Deadline::after(10s));
  ASSERT_TRUE(stream.ok()) << stream.error().message;

  auto transcript = std::make_shared<Transcript>();
  Session session(std::move(*stream), transcript);
  auto initialized = session.request("initialize",
                                     {{"clientID", "dlv-harness"},
                                      {"adapterID", "go"},
                                      {"linesStartAt1", true},
                                      {"columnsStartAt1", true},
                                      {"pathFormat", "path"},
                                      {"supportsVariablePaging", true},
                                      {"supportsVariableType", true}},
                                     util::Deadline::after(30s));
  ASSERT_TRUE(initialized.ok()) << initialized.error().message << "\n" << transcript->text();
  EXPECT_TRUE(is_success(*initialized));
  EXPECT_TRUE(initialized->at("body").contains("supportsConfigurationDoneRequest"))
      << transcript->text();

  auto disconnected = session.request("disconnect", json::object(), util::Deadline::after(30s));
  EXPECT_TRUE(disconnected.ok()) << disconnected.error().message << "\n" << transcript->text();
  EXPECT_TRUE(dlv.exits_before(util::Deadline::after(30s)))
      << "dlv still runs 30s after disconnect\n"
      << transcript->text();
  EXPECT_NE(transcript->text().find("--> {\"arguments\":{\"adapterID\":\"go\""), std::string::npos);
}

}  // namespace
}  // namespace dap
