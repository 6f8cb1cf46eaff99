#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "harness/util/expected.h"

namespace transport {

// A bidirectional byte connection to a debug adapter. write_all and read_some may be called from
// different threads at the same time; close() may be called from any thread.
class ByteStream {
 public:
  virtual ~ByteStream() = default;

  // Writes every byte or fails with a Transport error (also after close()).
  virtual util::Expected<void> write_all(std::string_view bytes) = 0;

  // Blocks until some bytes arrive; "" means end of stream (peer closed, or close() was called).
  virtual util::Expected<std::string> read_some() = 0;

  // Ends the connection. Idempotent and thread-safe; a pending read_some returns "" promptly.
  virtual void close() = 0;
};

// Two connected in-memory ends (for tests): bytes written to one are read from the other, and
// closing either end gives end of stream on both once the buffered bytes are read.
std::pair<std::unique_ptr<ByteStream>, std::unique_ptr<ByteStream>> memory_pipe();

}  // namespace transport
