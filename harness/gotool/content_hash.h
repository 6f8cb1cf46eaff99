#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace gotool {

// SHA-256 (FIPS 180-4), incremental. Our own so the harness needs no crypto library.
class Sha256 {
 public:
  Sha256();
  // Feeds more bytes.
  void update(std::string_view data);
  // Finishes and returns the 64-character lowercase hex digest. The object is reset afterwards.
  std::string hex_digest();

 private:
  void compress(const unsigned char* block);
  void reset();

  std::array<std::uint32_t, 8> state_;
  std::array<unsigned char, 64> buffer_;
  std::size_t buffered_ = 0;
  std::uint64_t total_bytes_ = 0;
};

// Feeds one named field into `hash` so that no two different inputs can collide by
// concatenation: "<name>\0<length>:<value>".
void hash_field(Sha256& hash, std::string_view name, std::string_view value);

}  // namespace gotool
