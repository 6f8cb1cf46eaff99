// libFuzzer target: arbitrary bytes from the "debug adapter" into a DAP session that has a
// request outstanding. The session must never crash or hang: the wait for the response ends with
// the response, or with an error once the bytes run out.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "harness/dap/session.h"
#include "harness/transport/byte_stream.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto [client, adapter] = transport::memory_pipe();
  dap::Session session(std::move(client), std::make_shared<dap::Transcript>());
  auto seq = session.send_request("initialize", dap::json::object());
  (void)adapter->write_all(std::string_view(reinterpret_cast<const char*>(data), size));
  adapter->close();
  (void)session.wait_response(*seq, util::Deadline::after(util::Duration(10'000)));
  (void)session.protocol_violation();
  return 0;
}
