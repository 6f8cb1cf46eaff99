#include "harness/gotool/content_hash.h"

#include <gtest/gtest.h>

namespace gotool {
namespace {

std::string digest_of(std::string_view data) {
  ContentHash hash;
  hash.update(data);
  return hash.hex_digest();
}

// XXH3-128 with seed 0, printed high half first (xxHash's canonical form, as `xxhsum -H2`).
// The empty input's digest is the one xxHash publishes; the others pin the format of the key.
TEST(ContentHash, KnownDigests) {
  EXPECT_EQ(digest_of(""), "99aa06d3014798d86001c324468d497f");
  EXPECT_EQ(digest_of("abc"), "06b05ab6733a618578af5f94892f3950");
  EXPECT_EQ(digest_of(std::string(1000000, 'a')), "a545df8e384a9579b1fd6fae5285c4eb");
}

TEST(ContentHash, AMillionAsFedInUnevenPiecesIsTheSameDigest) {
  ContentHash hash;
  std::string piece(997, 'a');
  std::size_t fed = 0;
  while (fed + piece.size() <= 1000000) {
    hash.update(piece);
    fed += piece.size();
  }
  hash.update(std::string(1000000 - fed, 'a'));
  EXPECT_EQ(hash.hex_digest(), digest_of(std::string(1000000, 'a')));
}

TEST(ContentHash, DigestResetsTheHash) {
  ContentHash hash;
  hash.update("abc");
  hash.hex_digest();
  EXPECT_EQ(hash.hex_digest(), digest_of(""));
}

// Fields are framed: moving bytes from one field's value into the next name changes the key.
TEST(ContentHash, FieldsDoNotCollideByConcatenation) {
  ContentHash a, b;
  hash_field(a, "file", "ab");
  hash_field(a, "c", "");
  hash_field(b, "file", "a");
  hash_field(b, "bc", "");
  EXPECT_NE(a.hex_digest(), b.hex_digest());
}

}  // namespace
}  // namespace gotool
