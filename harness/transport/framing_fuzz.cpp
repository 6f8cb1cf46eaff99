// libFuzzer target: arbitrary bytes through the DAP frame decoder, fed in chunks whose sizes the
// input chooses. The decoder must never crash, hang or return a body bigger than its input, and
// once broken must stay broken.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "harness/transport/framing.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::size_t chunk = 1 + data[0] % 64;  // the first byte picks the chunk size
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  transport::FrameDecoder decoder;
  std::size_t bodies = 0;
  bool broken = false;
  for (std::size_t at = 0; at < bytes.size() && !broken; at += chunk) {
    decoder.feed(bytes.substr(at, chunk));
    while (true) {
      auto next = decoder.next();
      if (!next) {
        broken = true;
        if (decoder.next().ok()) __builtin_trap();  // errors are sticky
        break;
      }
      if (!next->has_value()) break;
      bodies += (*next)->size();
      if (bodies > bytes.size()) __builtin_trap();
    }
  }
  (void)decoder.finish();
  return 0;
}
