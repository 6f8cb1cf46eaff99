#pragma once
#include <memory>
#include <string>
#include <string_view>

namespace gotool {

// The build cache's content hash: XXH3-128 (libxxhash), incremental. Not cryptographic: the key
// tells an unchanged build from a changed one, nobody forges inputs to collide with it (the
// choice ccache made too; docs/design.md, "Libraries").
class ContentHash {
 public:
  ContentHash();
  ~ContentHash();
  ContentHash(const ContentHash&) = delete;
  ContentHash& operator=(const ContentHash&) = delete;

  // Feeds more bytes.
  void update(std::string_view data);
  // Finishes and returns the 32-character lowercase hex digest. The object is reset afterwards.
  std::string hex_digest();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Feeds one named field into `hash` so that no two different inputs can collide by
// concatenation: "<name>\0<length>:<value>".
void hash_field(ContentHash& hash, std::string_view name, std::string_view value);

}  // namespace gotool
