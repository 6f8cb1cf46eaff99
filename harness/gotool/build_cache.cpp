#include "harness/gotool/build_cache.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "harness/gotool/content_hash.h"
#include "harness/gotool/file_lock.h"
#include "harness/process/child.h"
#include "harness/util/strings.h"

namespace gotool {
namespace {

// Environment variables that change what `go build` produces.
constexpr const char* kBuildEnvironment[] = {"GOOS",        "GOARCH",  "GOAMD64",     "GOARM",
                                             "CGO_ENABLED", "GOFLAGS", "GOEXPERIMENT"};

std::filesystem::path absolute_dir(const std::filesystem::path& dir) {
  std::filesystem::path normal = std::filesystem::absolute(dir).lexically_normal();
  if (!normal.has_filename() && normal.has_parent_path()) normal = normal.parent_path();
  return normal;
}

// Regular files under `dir`, as sorted relative generic paths, skipping hidden directories.
util::Expected<std::vector<std::string>> source_files(const std::filesystem::path& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  std::filesystem::recursive_directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const auto& entry = *it;
    std::string name = entry.path().filename().string();
    if (entry.is_directory(ec) && util::starts_with(name, ".")) {
      it.disable_recursion_pending();
      continue;
    }
    if (entry.is_regular_file(ec)) {
      files.push_back(entry.path().lexically_relative(dir).generic_string());
    }
  }
  if (ec) {
    return util::fail(util::ErrorKind::Io, "cannot list " + dir.string() + ": " + ec.message());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

BuildCache::BuildCache(std::filesystem::path dir, GoToolchain go)
    : dir_(std::move(dir)), go_(std::move(go)) {}

util::Expected<std::string> BuildCache::key(const BuildRequest& request) const {
  const std::filesystem::path dir = absolute_dir(request.program_dir);
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return util::fail(util::ErrorKind::Io, "program directory " + dir.string() + " does not exist");
  }
  Sha256 hash;
  hash_field(hash, "dir", dir.string());
  hash_field(hash, "go", go_.version_text);
  for (const std::string& flag : request.flags) hash_field(hash, "flag", flag);
  for (const char* name : kBuildEnvironment) {
    if (const char* value = std::getenv(name)) hash_field(hash, name, value);
  }
  auto files = source_files(dir);
  if (!files) return util::fail(files.error());
  for (const std::string& file : *files) {
    std::ifstream in(dir / file, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in) {
      return util::fail(util::ErrorKind::Io, "cannot read " + (dir / file).string());
    }
    hash_field(hash, "file", file);
    hash_field(hash, "content", content.str());
  }
  return hash.hex_digest();
}

util::Expected<BuildResult> BuildCache::build(const BuildRequest& request,
                                              util::Deadline deadline) const {
  const auto started = util::Clock::now();
  auto elapsed = [&] {
    return std::chrono::duration_cast<util::Duration>(util::Clock::now() - started);
  };
  auto cache_key = key(request);
  if (!cache_key) return util::fail(cache_key.error());
  const std::filesystem::path program_dir = absolute_dir(request.program_dir);
  const std::filesystem::path entry_dir = dir_ / *cache_key;
  const std::filesystem::path binary = entry_dir / program_dir.filename();

  std::error_code ec;
  std::filesystem::create_directories(entry_dir, ec);
  if (ec) {
    return util::fail(util::ErrorKind::Io,
                      "cannot create " + entry_dir.string() + ": " + ec.message());
  }
  auto lock = FileLock::acquire(dir_ / (*cache_key + ".lock"), deadline);
  if (!lock) return util::fail(lock.error());
  if (std::filesystem::is_regular_file(binary, ec)) {
    return BuildResult{binary, true, elapsed(), *cache_key};
  }

  const std::filesystem::path temporary =
      entry_dir / (program_dir.filename().string() + ".tmp" + std::to_string(::getpid()));
  process::SpawnOptions options;
  options.argv = {go_.go.string(), "build"};
  options.argv.insert(options.argv.end(), request.flags.begin(), request.flags.end());
  options.argv.insert(options.argv.end(), {"-o", temporary.string(), "."});
  options.cwd = program_dir;
  options.env_overrides["GOWORK"] = "off";
  auto result = process::run(options, deadline);
  if (!result || !result->status.success()) std::filesystem::remove(temporary, ec);
  if (!result) return util::fail(result.error());
  if (!result->status.success()) {
    return util::fail(util::ErrorKind::Build,
                      "go build in " + program_dir.string() + " failed (" + result->status.str() +
                          "):\n" + std::string(util::trim(result->err + result->out)));
  }
  std::filesystem::rename(temporary, binary, ec);
  if (ec) {
    return util::fail(util::ErrorKind::Io,
                      "cannot move the build result to " + binary.string() + ": " + ec.message());
  }
  return BuildResult{binary, false, elapsed(), *cache_key};
}

}  // namespace gotool
