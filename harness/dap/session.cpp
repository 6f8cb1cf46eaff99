#include "harness/dap/session.h"

#include <algorithm>
#include <cassert>

#include "harness/dap/message.h"
#include "harness/transport/framing.h"
#include "harness/util/strings.h"

namespace dap {

namespace {

constexpr std::size_t kSnippetBytes = 200;

std::string snippet(std::string_view body) {
  return util::quote(body.substr(0, kSnippetBytes)) + (body.size() > kSnippetBytes ? "..." : "");
}

}  // namespace

Session::Session(std::unique_ptr<transport::ByteStream> stream,
                 std::shared_ptr<Transcript> transcript, std::size_t max_output_events)
    : stream_(std::move(stream)),
      transcript_(std::move(transcript)),
      max_output_events_(max_output_events) {
  assert(stream_ && transcript_);
  reader_ = std::thread([this] { read_loop(); });
}

Session::~Session() {
  close();
}

void Session::close() {
  std::lock_guard close_lock(close_mutex_);
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  stream_->close();
  if (reader_.joinable()) reader_.join();
}

void Session::read_loop() {
  transport::FrameDecoder decoder;
  while (true) {
    auto chunk = stream_->read_some();
    if (!chunk) return finish_reading(chunk.error());
    if (chunk->empty()) {
      bool closing;
      {
        std::lock_guard lock(mutex_);
        closing = closing_;
      }
      auto finished = decoder.finish();
      if (finished.ok() || closing) return finish_reading(std::nullopt);
      return finish_reading(finished.error());
    }
    decoder.feed(*chunk);
    while (true) {
      auto frame = decoder.next();
      if (!frame) return finish_reading(malformed(frame.error()));
      if (!frame->has_value()) break;
      auto received = receive(**frame);
      if (!received) return finish_reading(malformed(received.error()));
    }
  }
}

util::Expected<void> Session::receive(const std::string& body) {
  json message = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (message.is_discarded())
    return util::fail(util::ErrorKind::Protocol,
                      "invalid JSON in a message from the debug adapter: " + snippet(body));
  if (!message.is_object())
    return util::fail(util::ErrorKind::Protocol,
                      "a message from the debug adapter is not a JSON object: " + snippet(body));
  if (is_event(message, "output") && ++output_events_ > max_output_events_) {
    return util::fail(util::ErrorKind::Protocol,
                      "output flood: more than " + std::to_string(max_output_events_) +
                          " output events; the harness stops reading to bound its memory");
  }
  transcript_->received(message);
  std::optional<std::string> violation = check_response(message);
  if (violation) transcript_->note("protocol violation: " + *violation);
  {
    std::lock_guard lock(mutex_);
    log_.push_back(message);
    if (violation && !violation_) violation_ = violation;
  }
  changed_.notify_all();
  if (is_reverse_request(message)) {
    json reply = {{"type", "response"},
                  {"request_seq", message.value("seq", 0)},
                  {"command", message.value("command", "")},
                  {"success", false},
                  {"message", "not supported by dlv-harness"}};
    // A failed reply means the connection is going away; the reader will see that next.
    (void)send(std::move(reply));
  }
  return {};
}

std::optional<std::string> Session::check_response(const json& message) {
  if (message.value("type", "") != "response") return std::nullopt;
  const json& request_seq = message.contains("request_seq") ? message["request_seq"] : json();
  std::string command = message.value("command", "");
  if (!request_seq.is_number_integer()) {
    return "a response ('" + command + "') without an integer request_seq";
  }
  int seq = request_seq.get<int>();
  std::lock_guard lock(mutex_);
  auto it = sent_.find(seq);
  if (it == sent_.end()) {
    return "a response ('" + command + "', request_seq " + std::to_string(seq) +
           ") to a request that was never sent";
  }
  if (it->second.answered) {
    return "a second response to '" + it->second.command + "' (seq " + std::to_string(seq) + ")";
  }
  it->second.answered = true;
  return std::nullopt;
}

std::optional<std::string> Session::protocol_violation() const {
  std::lock_guard lock(mutex_);
  return violation_;
}

util::Error Session::malformed(util::Error error) {
  error.kind = util::ErrorKind::Protocol;
  return error;
}

void Session::finish_reading(std::optional<util::Error> error) {
  if (error) transcript_->note("reading stopped: " + error->message);
  {
    std::lock_guard lock(mutex_);
    reader_done_ = true;
    read_error_ = std::move(error);
  }
  changed_.notify_all();
}

util::Expected<int> Session::send(json message) {
  std::lock_guard send_lock(send_mutex_);  // seqs go out in order
  int seq = next_seq_++;
  message["seq"] = seq;
  if (message.value("type", "") == "request") {
    // Remember the receive index before writing: the response can only come after it.
    std::lock_guard lock(mutex_);
    sent_[seq] = SentRequest{message.value("command", ""), log_.size()};
  }
  transcript_->sent(message);
  auto written = stream_->write_all(transport::encode_frame(to_text(message)));
  if (!written) return util::fail(written.error());
  return seq;
}

util::Expected<int> Session::send_request(const std::string& command, const json& arguments) {
  auto unavailable = [&](const std::string& why) {
    return util::fail(util::ErrorKind::Transport, "cannot send '" + command + "': " + why);
  };
  if (closed()) return unavailable("the connection to the debug adapter is closed");
  json message = {{"type", "request"}, {"command", command}};
  if (!arguments.is_null()) message["arguments"] = arguments;
  auto seq = send(std::move(message));
  if (!seq) return unavailable(seq.error().message);
  return seq;
}

util::Expected<json> Session::wait_response(int seq, util::Deadline deadline) {
  std::size_t after = 0;
  std::string what = "the response to request " + std::to_string(seq);
  {
    std::lock_guard lock(mutex_);
    auto it = sent_.find(seq);
    if (it != sent_.end()) {
      after = it->second.received_before;
      what = "the response to '" + it->second.command + "' (seq " + std::to_string(seq) + ")";
    }
  }
  auto index = wait([seq](const json& m) { return is_response_to(m, seq); }, after, deadline, what);
  if (!index) return util::fail(index.error());
  return message(*index);
}

util::Expected<json> Session::request(const std::string& command, const json& arguments,
                                      util::Deadline deadline) {
  auto seq = send_request(command, arguments);
  if (!seq) return util::fail(seq.error());
  auto response = wait_response(*seq, deadline);
  if (!response) return response;
  if (!is_success(*response))
    return util::fail(util::ErrorKind::Protocol,
                      "'" + command + "' failed: " + error_text(*response));
  return response;
}

std::size_t Session::received_count() const {
  std::lock_guard lock(mutex_);
  return log_.size();
}

json Session::message(std::size_t index) const {
  std::lock_guard lock(mutex_);
  assert(index < log_.size());
  return log_[index];
}

std::vector<json> Session::messages(std::size_t from) const {
  std::lock_guard lock(mutex_);
  if (from >= log_.size()) return {};
  return std::vector<json>(log_.begin() + static_cast<std::ptrdiff_t>(from), log_.end());
}

util::Expected<std::size_t> Session::wait(const std::function<bool(const json&)>& pred,
                                          std::size_t after, util::Deadline deadline,
                                          std::string_view what) {
  auto budget = std::max(util::Duration(0),
                         std::chrono::round<util::Duration>(deadline.when() - util::Clock::now()));
  std::unique_lock lock(mutex_);
  std::size_t index = after;
  while (true) {
    for (; index < log_.size(); ++index)
      if (pred(log_[index])) return index;
    if (reader_done_) {
      if (read_error_ && read_error_->kind == util::ErrorKind::Protocol) {
        return util::fail(util::ErrorKind::Protocol,
                          "stopped reading from the debug adapter while waiting for " +
                              std::string(what) + ": " + read_error_->message);
      }
      std::string text =
          "connection closed by the debug adapter while waiting for " + std::string(what);
      if (read_error_) text += ": " + read_error_->message;
      return util::fail(util::ErrorKind::Transport, text);
    }
    if (changed_.wait_until(lock, deadline.when()) == std::cv_status::timeout &&
        index == log_.size() && !reader_done_) {
      std::string last =
          log_.empty() ? "no message received" : "last message: " + summarize(log_.back());
      return util::fail(util::ErrorKind::Timeout,
                        "timed out after " + util::format_seconds(budget) + " waiting for " +
                            std::string(what) + "; " + last);
    }
  }
}

bool Session::closed() const {
  std::lock_guard lock(mutex_);
  return reader_done_;
}

std::optional<util::Error> Session::read_error() const {
  std::lock_guard lock(mutex_);
  return read_error_;
}

}  // namespace dap
