#include "harness/gotool/build_settings.h"

#include <cstdlib>
#include <optional>

#include "harness/gotool/content_hash.h"
#include "harness/gotool/go_config_files.h"
#include "harness/util/files.h"

namespace gotool {
namespace {

namespace fs = std::filesystem;

// Changes whenever entries of an older harness must not be reused (2: keyed by what go list
// says the build reads, entries record their source folder).
constexpr const char* kCacheFormat = "dlv-harness build cache 3";

// Environment variables that change what `go build` produces, or where it looks for settings.
constexpr const char* kBuildEnvironment[] = {
    "GOOS",         "GOARCH",       "GOAMD64",     "GOARM",       "GOARM64",   "GO386",
    "GOMIPS",       "GOMIPS64",     "GOPPC64",     "GORISCV64",   "GOWASM",    "CGO_ENABLED",
    "GOFLAGS",      "GOEXPERIMENT", "GOTOOLCHAIN", "GOROOT",      "GOENV",     "GOFIPS140",
    "GO111MODULE",  "GOPATH",       "GOMODCACHE",  "CC",          "CXX",       "CGO_CFLAGS",
    "CGO_CPPFLAGS", "CGO_CXXFLAGS", "CGO_FFLAGS",  "CGO_LDFLAGS", "PKG_CONFIG"};

// The content of `file`; its absence, or why it cannot be read, is a value of its own.
void hash_file(ContentHash& hash, std::string_view name, const std::optional<fs::path>& file) {
  std::error_code ec;
  if (!file || !fs::exists(*file, ec)) return hash_field(hash, std::string(name) + " absent", "");
  auto content = util::read_file(*file);
  if (content) return hash_field(hash, name, *content);
  hash_field(hash, std::string(name) + " unreadable", content.error().message);
}

}  // namespace

std::string settings_key(const GoToolchain& go, const fs::path& program_dir,
                         const std::vector<std::string>& flags) {
  ContentHash hash;
  hash_field(hash, "format", kCacheFormat);
  hash_field(hash, "dir", program_dir.string());
  hash_field(hash, "go", go.go.string());
  hash_field(hash, "go version", go.version_text);
  for (const std::string& flag : flags) hash_field(hash, "flag", flag);
  for (const char* name : kBuildEnvironment) {
    if (const char* value = std::getenv(name)) hash_field(hash, name, value);
  }
  hash_file(hash, "GOENV file", goenv_file());
  auto root = goroot_of(go.go);
  hash_file(hash, "GOROOT go.env", root ? std::optional<fs::path>(*root / "go.env") : std::nullopt);
  return hash.hex_digest();
}

}  // namespace gotool
