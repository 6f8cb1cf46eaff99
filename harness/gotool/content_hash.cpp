#include "harness/gotool/content_hash.h"

#include <xxhash.h>

namespace gotool {

struct ContentHash::State {
  XXH3_state_t* xxh = XXH3_createState();
  ~State() { XXH3_freeState(xxh); }
};

ContentHash::ContentHash() : state_(std::make_unique<State>()) {
  XXH3_128bits_reset(state_->xxh);
}

ContentHash::~ContentHash() = default;

void ContentHash::update(std::string_view data) {
  XXH3_128bits_update(state_->xxh, data.data(), data.size());
}

std::string ContentHash::hex_digest() {
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, XXH3_128bits_digest(state_->xxh));
  XXH3_128bits_reset(state_->xxh);
  static const char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char byte : canonical.digest) {
    hex += kDigits[byte >> 4];
    hex += kDigits[byte & 0xF];
  }
  return hex;
}

void hash_field(ContentHash& hash, std::string_view name, std::string_view value) {
  hash.update(name);
  hash.update(std::string_view("\0", 1));
  hash.update(std::to_string(value.size()) + ":");
  hash.update(value);
}

}  // namespace gotool
