#include "harness/transport/byte_stream.h"

#include <condition_variable>
#include <mutex>

namespace transport {

namespace {

// Bytes travelling in one direction.
struct Channel {
  std::string bytes;
  bool writer_closed = false;  // no more bytes will be written
  bool reader_closed = false;  // nobody reads any more
};

// State shared by both ends of a pipe.
struct PipeState {
  std::mutex mutex;
  std::condition_variable changed;
  Channel channels[2];
};

class MemoryEnd final : public ByteStream {
 public:
  MemoryEnd(std::shared_ptr<PipeState> state, int side) : state_(std::move(state)), side_(side) {}
  ~MemoryEnd() override { close(); }

  util::Expected<void> write_all(std::string_view bytes) override {
    std::lock_guard lock(state_->mutex);
    Channel& out = outgoing();
    if (out.writer_closed)
      return util::fail(util::ErrorKind::Transport, "write on a closed in-memory stream");
    if (out.reader_closed)
      return util::fail(util::ErrorKind::Transport,
                        "the other end of the in-memory stream is closed");
    out.bytes.append(bytes);
    state_->changed.notify_all();
    return {};
  }

  util::Expected<std::string> read_some() override {
    std::unique_lock lock(state_->mutex);
    Channel& in = incoming();
    state_->changed.wait(lock,
                         [&] { return !in.bytes.empty() || in.writer_closed || in.reader_closed; });
    if (in.reader_closed) return std::string();
    return std::exchange(in.bytes, std::string());
  }

  void close() override {
    std::lock_guard lock(state_->mutex);
    outgoing().writer_closed = true;
    incoming().reader_closed = true;
    state_->changed.notify_all();
  }

 private:
  Channel& outgoing() { return state_->channels[side_]; }
  Channel& incoming() { return state_->channels[1 - side_]; }

  std::shared_ptr<PipeState> state_;
  int side_;
};

}  // namespace

std::pair<std::unique_ptr<ByteStream>, std::unique_ptr<ByteStream>> memory_pipe() {
  auto state = std::make_shared<PipeState>();
  return {std::make_unique<MemoryEnd>(state, 0), std::make_unique<MemoryEnd>(state, 1)};
}

}  // namespace transport
