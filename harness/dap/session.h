#pragma once
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "harness/dap/json.h"
#include "harness/dap/transcript.h"
#include "harness/transport/byte_stream.h"
#include "harness/util/deadline.h"
#include "harness/util/expected.h"

namespace dap {

// A DAP client connection. A reader thread decodes every message from the adapter into an
// append-only log; a message's position in that log is its receive index (the adapter's own seq
// is never trusted: dlv < 1.26.2 sends 0). Responses are matched by request_seq. Requests from
// the adapter (e.g. runInTerminal) get an automatic "not supported" error reply and stay in the
// log. Every message sent or received is recorded in the transcript. All methods are thread-safe.
class Session {
 public:
  // More output events than this stop reading (a Protocol read error, "output flood: ..."):
  // each logged event costs about 2 KB, so an adapter or program that floods output cannot take
  // the harness's memory with it.
  static constexpr std::size_t kMaxOutputEvents = 50'000;

  // Starts reading from `stream` at once. `transcript` must not be null. `max_output_events`:
  // the flood limit (tests lower it).
  Session(std::unique_ptr<transport::ByteStream> stream, std::shared_ptr<Transcript> transcript,
          std::size_t max_output_events = kMaxOutputEvents);
  // Closes the stream and joins the reader.
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Sends a request and returns its seq (1, 2, ...). Transport error if the connection is gone.
  util::Expected<int> send_request(const std::string& command, const json& arguments);

  // Waits for the response to request `seq`, successful or not. Timeout and end-of-stream errors
  // name the request, as wait() does.
  util::Expected<json> wait_response(int seq, util::Deadline deadline);

  // send_request + wait_response; an unsuccessful response becomes a Protocol error
  // "'<command>' failed: <error_text>".
  util::Expected<json> request(const std::string& command, const json& arguments,
                               util::Deadline deadline);

  // How many messages have been received so far (= the receive index of the next one).
  std::size_t received_count() const;
  // The message at a receive index (< received_count()).
  json message(std::size_t index) const;
  // Copies of the messages from receive index `from` on.
  std::vector<json> messages(std::size_t from = 0) const;

  // The receive index of the first message at index >= `after` that satisfies `pred`, including
  // messages that arrived before the call. `pred` runs under the session lock: it must not call
  // back into the Session. Errors: Timeout "timed out after 2.000s waiting for <what>; last
  // message: <summary>" (or "; no message received"); Transport "connection closed by the debug
  // adapter while waiting for <what>" (plus ": <decode error>" when the stream ended on an error).
  util::Expected<std::size_t> wait(const std::function<bool(const json&)>& pred, std::size_t after,
                                   util::Deadline deadline, std::string_view what);

  // True once the reader has stopped (end of stream, read error, or close()).
  bool closed() const;
  // Why reading stopped, if it was not a clean end of stream: Protocol for a malformed frame or
  // message or an output flood, Transport for the connection itself.
  std::optional<util::Error> read_error() const;
  // The first response that broke the protocol (to a request never sent, a second response to
  // one request, no integer request_seq), described; such messages still enter the log.
  std::optional<std::string> protocol_violation() const;
  // Closes the stream and waits for the reader to stop. Idempotent.
  void close();

  // The transcript this session records into.
  const std::shared_ptr<Transcript>& transcript() const { return transcript_; }

 private:
  // A request that was sent: its command and the receive index at the time it was sent.
  struct SentRequest {
    std::string command;
    std::size_t received_before = 0;
    bool answered = false;
  };

  void read_loop();
  // Handles one decoded frame body; an error stops the reader.
  util::Expected<void> receive(const std::string& body);
  // Assigns the next seq, records and writes the message (seq member is filled in).
  util::Expected<int> send(json message);
  void finish_reading(std::optional<util::Error> error);
  // The protocol violation a received response commits, if any (marks its request answered).
  std::optional<std::string> check_response(const json& message);
  // A decode error as the read error it becomes: kind Protocol.
  static util::Error malformed(util::Error error);

  std::unique_ptr<transport::ByteStream> stream_;
  std::shared_ptr<Transcript> transcript_;

  std::mutex send_mutex_;  // orders seq assignment with writes
  int next_seq_ = 1;

  mutable std::mutex mutex_;  // guards everything below
  std::condition_variable changed_;
  std::vector<json> log_;
  std::map<int, SentRequest> sent_;
  bool reader_done_ = false;
  bool closing_ = false;
  std::optional<util::Error> read_error_;
  std::optional<std::string> violation_;
  const std::size_t max_output_events_;
  std::size_t output_events_ = 0;  // reader thread only

  std::mutex close_mutex_;
  std::thread reader_;
};

}  // namespace dap
