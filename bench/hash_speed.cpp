// bench/hash: throughput of the build-cache hash over the same bytes: the harness's ContentHash
// (gotool/content_hash: XXH3-128 fed field by field), xxHash's one-shot XXH3-128, and OpenSSL's
// EVP SHA-256 (SHA-NI where the CPU has it), the cryptographic alternative and the baseline of
// the ratios.
#include <openssl/evp.h>
#include <xxhash.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <string>

#include "harness/gotool/content_hash.h"

namespace {

double seconds_for(const std::function<void()>& work, int rounds) {
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < rounds; ++i) work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / rounds;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t bytes = (argc > 1 ? std::stoul(argv[1]) : 64) << 20;
  std::string data(bytes, '\0');
  for (std::size_t i = 0; i < bytes; ++i) data[i] = static_cast<char>(i * 2654435761u >> 24);
  unsigned sink = 0;  // printed at the end, so no hash is optimised away
  const int rounds = 5;
  double own = seconds_for(
      [&] {
        gotool::ContentHash hash;
        hash_field(hash, "content", data);
        sink += hash.hex_digest()[0];
      },
      rounds);
  double evp = seconds_for(
      [&] {
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int size = 0;
        EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr);
        sink += digest[0];
      },
      rounds);
  double xxh =
      seconds_for([&] { sink += XXH3_128bits(data.data(), data.size()).low64 & 1; }, rounds);
  const double mb = static_cast<double>(bytes) / 1e6;
  std::printf("bytes hashed per round: %zu (mean of %d rounds)\n", bytes, rounds);
  std::printf("OpenSSL SHA-256:       %8.0f MB/s  1.00x (baseline)\n", mb / evp);
  std::printf("ContentHash (XXH3-128): %8.0f MB/s  %6.2fx\n", mb / own, evp / own);
  std::printf("XXH3-128 one-shot:      %8.0f MB/s  %6.2fx\n", mb / xxh, evp / xxh);
  std::printf("per 10 MB of program sources: SHA-256 %.1f ms, ContentHash %.1f ms\n",
              evp / mb * 10 * 1000, own / mb * 10 * 1000);
  std::printf("(checksum of the digests: %u)\n", sink);
  return 0;
}
