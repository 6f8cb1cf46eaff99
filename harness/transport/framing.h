#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "harness/util/expected.h"

namespace transport {

// Largest body a frame may announce; anything bigger is treated as a corrupt header.
inline constexpr std::size_t kMaxFrameBodyBytes = 64 * 1024 * 1024;
// Largest header block (all lines up to and including the blank line).
inline constexpr std::size_t kMaxFrameHeaderBytes = 8 * 1024;

// Incremental decoder for DAP's "Content-Length: N\r\n\r\n<N bytes>" framing. Feed it bytes as
// they arrive and pull complete bodies out. Header names are case-insensitive, other headers are
// ignored, lengths count bytes. After an error the decoder stays broken and repeats the error.
class FrameDecoder {
 public:
  // Appends received bytes.
  void feed(std::string_view bytes);

  // The next complete body, nullopt if more bytes are needed, or a Transport error for a
  // malformed header.
  util::Expected<std::optional<std::string>> next();

  // Call at end of stream: an error if a partial header or body is still buffered.
  util::Expected<void> finish() const;

 private:
  util::Expected<void> parse_header(std::string_view header);
  util::Unexpected broken(std::string message);

  std::string buffer_;                      // bytes not yet returned
  std::size_t header_scan_from_ = 0;        // where to resume searching for "\r\n\r\n"
  std::optional<std::size_t> body_length_;  // set once the current frame's header is parsed
  std::optional<util::Error> error_;        // sticky decode error
};

// Wraps a body in a Content-Length header.
std::string encode_frame(std::string_view body);

}  // namespace transport
