#include "harness/gotool/build_cache.h"

#include <unistd.h>

#include <map>

#include "harness/gotool/build_inputs.h"
#include "harness/gotool/build_settings.h"
#include "harness/gotool/content_hash.h"
#include "harness/gotool/file_lock.h"
#include "harness/gotool/input_digest.h"
#include "harness/process/child.h"
#include "harness/util/files.h"
#include "harness/util/strings.h"

namespace gotool {
namespace {

namespace fs = std::filesystem;

// What go builds: the package in `dir`, or the one file `file` in it; or the package's test
// binary.
struct Program {
  fs::path dir;  // real, absolute
  std::string file;
  bool test = false;

  std::string go_argument() const { return file.empty() ? "." : file; }
  // The binary's name: the folder's, or the file's without .go; a test binary's ends in .test.
  std::string name() const {
    std::string base = file.empty() ? dir.filename().string() : fs::path(file).stem().string();
    return test ? base + ".test" : base;
  }
  // The program's identity in keys and records: the folder, or the file's path.
  std::string identity() const {
    std::string path = file.empty() ? dir.string() : (dir / file).string();
    return test ? path + " (test binary)" : path;
  }
  // What go list and go build are told besides the build flags.
  std::vector<std::string> list_flags(const std::vector<std::string>& flags) const {
    std::vector<std::string> all = flags;
    if (test) all.push_back("-test");
    return all;
  }
};

// One entry of the cache: the binary built from `program` whose inputs hash to `key`.
struct Entry {
  fs::path cache_dir;
  std::string key;
  Program program;

  fs::path folder() const { return cache_dir / key; }
  fs::path binary() const { return folder() / program.name(); }
  fs::path source_record() const { return cache_dir / (key + ".source"); }
  fs::path lock() const { return cache_dir / (key + ".lock"); }

  // Built, and built from this very program (an older harness's entry has no record).
  bool usable() const {
    std::error_code ec;
    if (!fs::is_regular_file(binary(), ec)) return false;
    auto recorded = util::read_file(source_record());
    return recorded && *recorded == program.identity();
  }
};

fs::path manifest_path(const fs::path& cache_dir, const std::string& settings) {
  return cache_dir / (settings + ".inputs");
}

// The program folder as Go records it in the binary: absolute, symlinks resolved.
util::Expected<fs::path> real_program_dir(const fs::path& dir) {
  std::error_code ec;
  fs::path real = fs::canonical(dir, ec);
  if (ec || !fs::is_directory(real, ec)) {
    fs::path shown = fs::absolute(dir, ec).lexically_normal();
    if (!shown.has_filename() && shown.has_parent_path()) shown = shown.parent_path();
    return util::fail(util::ErrorKind::Io,
                      "program directory " + shown.string() + " does not exist");
  }
  return real;
}

// The environment of go list and go build, on top of ours: no workspace, and the real folder as
// PWD (go takes the folder it records from PWD whenever PWD names its working directory).
std::map<std::string, std::string> go_environment(const fs::path& program_dir) {
  return {{"GOWORK", "off"}, {"PWD", program_dir.string()}};
}

util::Expected<std::string> inputs_key(const std::string& settings, const BuildInputs& inputs) {
  ContentHash hash;
  hash_field(hash, "settings", settings);
  if (auto hashed = hash_inputs(hash, inputs); !hashed) return util::fail(hashed.error());
  return hash.hex_digest();
}

// What the build reads now: go list's answer (listed), or when go list fails the program
// folder's own files (go build then says what is wrong).
struct CurrentInputs {
  BuildInputs inputs;
  bool listed = false;
};
CurrentInputs current_inputs(const GoToolchain& go, const Program& program,
                             const std::vector<std::string>& flags, util::Deadline deadline) {
  auto listed = list_build_inputs(go, program.dir, program.go_argument(), program.list_flags(flags),
                                  go_environment(program.dir), deadline);
  if (!listed) return {program_folder_inputs(program.dir, program.file), false};
  return {std::move(*listed), true};
}

// The entry of the stored manifest's inputs as they are now, if it is usable. Runs no process.
std::optional<Entry> cached_entry(const fs::path& cache_dir, const std::string& settings,
                                  const Program& program, util::Deadline deadline) {
  auto text = util::read_file(manifest_path(cache_dir, settings));
  if (!text) return std::nullopt;
  auto inputs = parse_manifest(*text);
  if (!inputs) return std::nullopt;
  auto key = inputs_key(settings, *inputs);
  if (!key) return std::nullopt;
  Entry entry{cache_dir, *key, program};
  auto lock = FileLock::acquire(entry.lock(), deadline);
  if (!lock || !entry.usable()) return std::nullopt;
  return entry;
}

util::Expected<void> go_build(const GoToolchain& go, const Program& program,
                              const std::vector<std::string>& flags, const fs::path& output,
                              util::Deadline deadline) {
  const fs::path& program_dir = program.dir;
  process::SpawnOptions options;
  options.argv = {go.go.string(), "build"};
  if (program.test) options.argv = {go.go.string(), "test", "-c"};
  options.argv.insert(options.argv.end(), flags.begin(), flags.end());
  options.argv.insert(options.argv.end(), {"-o", output.string(), program.go_argument()});
  options.cwd = program_dir;
  options.env_overrides = go_environment(program_dir);
  auto result = process::run(options, deadline);
  if (!result) return util::fail(result.error());
  if (!result->status.success()) {
    return util::fail(util::ErrorKind::Build,
                      std::string(program.test ? "go test -c" : "go build") + " in " +
                          program_dir.string() + " failed (" + result->status.str() + "):\n" +
                          std::string(util::trim(result->err + result->out)));
  }
  return {};
}

// Records the source folder of `entry`, then renames the built binary into place.
util::Expected<void> install(const Entry& entry, const fs::path& built_binary) {
  auto recorded = util::write_file_atomically(entry.source_record(), entry.program.identity());
  if (!recorded) return recorded;
  std::error_code ec;
  fs::rename(built_binary, entry.binary(), ec);
  if (ec) {
    return util::fail(util::ErrorKind::Io, "cannot move the build result to " +
                                               entry.binary().string() + ": " + ec.message());
  }
  return {};
}

// Builds `entry` under its lock unless it became usable meanwhile; returns whether it built.
util::Expected<bool> build_entry(const Entry& entry, const GoToolchain& go,
                                 const std::vector<std::string>& flags, util::Deadline deadline) {
  std::error_code ec;
  fs::create_directories(entry.folder(), ec);
  if (ec) {
    return util::fail(util::ErrorKind::Io,
                      "cannot create " + entry.folder().string() + ": " + ec.message());
  }
  auto lock = FileLock::acquire(entry.lock(), deadline);
  if (!lock) return util::fail(lock.error());
  if (entry.usable()) return false;
  fs::remove(entry.binary(), ec);  // built from another folder: never to be handed out
  const fs::path temporary =
      entry.folder() / (entry.binary().filename().string() + ".tmp" + std::to_string(::getpid()));
  auto built = go_build(go, entry.program, flags, temporary, deadline);
  if (built) built = install(entry, temporary);
  if (!built) {
    fs::remove(temporary, ec);
    return util::fail(built.error());
  }
  return true;
}

}  // namespace

BuildCache::BuildCache(fs::path dir, GoToolchain go) : dir_(std::move(dir)), go_(std::move(go)) {}

util::Expected<BuildResult> BuildCache::build(const BuildRequest& request,
                                              util::Deadline deadline) const {
  const auto started = util::Clock::now();
  auto result = [&](const Entry& entry, bool hit) {
    auto took = std::chrono::duration_cast<util::Duration>(util::Clock::now() - started);
    return BuildResult{entry.binary(), hit, took, entry.key};
  };
  auto program_dir = real_program_dir(request.program_dir);
  if (!program_dir) return util::fail(program_dir.error());
  const Program program{*program_dir, request.file, request.test_binary};
  const std::string settings = settings_key(go_, program.identity(), request.flags);
  if (auto cached = cached_entry(dir_, settings, program, deadline)) return result(*cached, true);

  auto current = current_inputs(go_, program, request.flags, deadline);
  if (current.listed) {
    auto stored =
        util::write_file_atomically(manifest_path(dir_, settings), manifest_text(current.inputs));
    if (!stored) return util::fail(stored.error());
  }
  auto key = inputs_key(settings, current.inputs);
  if (!key) return util::fail(key.error());
  Entry entry{dir_, *key, program};
  auto built = build_entry(entry, go_, request.flags, deadline);
  if (!built) return util::fail(built.error());
  return result(entry, !*built);
}

util::Expected<std::string> BuildCache::key(const BuildRequest& request,
                                            util::Deadline deadline) const {
  auto program_dir = real_program_dir(request.program_dir);
  if (!program_dir) return util::fail(program_dir.error());
  const Program program{*program_dir, request.file, request.test_binary};
  const std::string settings = settings_key(go_, program.identity(), request.flags);
  return inputs_key(settings, current_inputs(go_, program, request.flags, deadline).inputs);
}

}  // namespace gotool
