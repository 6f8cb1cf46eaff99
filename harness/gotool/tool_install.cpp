#include "harness/gotool/tool_install.h"

#include <unistd.h>

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "harness/process/child.h"
#include "harness/util/strings.h"

namespace gotool {
namespace {

namespace fs = std::filesystem;

// Runs `go ARGS` outside any module with `env` added; its stdout, or go's message.
util::Expected<std::string> run_go(const fs::path& go, const std::vector<std::string>& args,
                                   std::map<std::string, std::string> env,
                                   util::Deadline deadline) {
  process::SpawnOptions options;
  options.argv = {go.string()};
  options.argv.insert(options.argv.end(), args.begin(), args.end());
  options.cwd = "/";  // no go.mod can ask for another toolchain here
  env.emplace("GOFLAGS", "");
  env.emplace("GOTELEMETRY", "off");  // no telemetry upload process left behind
  options.env_overrides = std::move(env);
  auto result = process::run(options, deadline);
  if (!result) return util::fail(result.error());
  if (!result->status.success()) {
    return util::fail(util::ErrorKind::Build,
                      go.string() + " " + util::join(args, " ") + " failed (" +
                          result->status.str() +
                          "): " + std::string(util::trim(util::tail_lines(result->err, 5))));
  }
  return result->out;
}

std::optional<Version> exact_release(std::string_view text) {
  auto version = Version::parse(text);
  if (!version || text.find_first_not_of("0123456789.") != std::string_view::npos) return {};
  if (std::count(text.begin(), text.end(), '.') != 2) return std::nullopt;
  return version;
}

// Adds the executable bits to every file of `dir` (not below).
void make_executable(const fs::path& dir) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code perm_ec;
    if (it->is_regular_file(perm_ec))
      fs::permissions(it->path(),
                      fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                      fs::perm_options::add, perm_ec);
  }
}

}  // namespace

std::optional<Version> go_release_spec(std::string_view text) {
  if (!util::starts_with(text, "go")) return std::nullopt;
  return exact_release(text.substr(2));
}

std::optional<Version> dlv_release_spec(std::string_view text) {
  if (util::starts_with(text, "dlv@")) text.remove_prefix(4);
  if (!util::starts_with(text, "v")) return std::nullopt;
  return exact_release(text.substr(1));
}

util::Expected<fs::path> fetch_go(const Version& release, const GoToolchain& boot,
                                  util::Deadline deadline) {
  const std::string name = "go" + release.str();
  if (boot.version >= Version{1, 21, 0}) {
    auto root = run_go(boot.go, {"env", "GOROOT"}, {{"GOTOOLCHAIN", name}}, deadline);
    if (!root) return util::fail(root.error());
    return fs::path(std::string(util::trim(*root))) / "bin" / "go";
  }
  auto goos = run_go(boot.go, {"env", "GOOS"}, {}, deadline);
  auto goarch = run_go(boot.go, {"env", "GOARCH"}, {}, deadline);
  if (!goos || !goarch) return util::fail(goos ? goarch.error() : goos.error());
  std::string module = "golang.org/toolchain@v0.0.1-" + name + "." +
                       std::string(util::trim(*goos)) + "-" + std::string(util::trim(*goarch));
  auto downloaded = run_go(boot.go, {"mod", "download", "-json", module}, {}, deadline);
  if (!downloaded) return util::fail(downloaded.error());
  auto answer = nlohmann::json::parse(*downloaded, nullptr, false);
  std::string dir = answer.is_object() ? answer.value("Dir", std::string()) : std::string();
  if (dir.empty())
    return util::fail(util::ErrorKind::Build, "go mod download " + module + " named no folder");
  // Downloaded this way the module's programs lack the executable bit the go command would set.
  make_executable(fs::path(dir) / "bin");
  std::error_code ec;
  for (fs::directory_iterator it(fs::path(dir) / "pkg" / "tool", ec), end; !ec && it != end;
       it.increment(ec))
    make_executable(it->path());
  return fs::path(dir) / "bin" / "go";
}

util::Expected<fs::path> install_dlv(const Version& release, const GoToolchain& go,
                                     const fs::path& dlv_cache, util::Deadline deadline) {
  const std::string tag = "v" + release.str();
  const fs::path dest = dlv_cache / tag / "dlv";
  std::error_code ec;
  if (fs::exists(dest, ec)) {
    auto found = find_dlv(dest, &go);
    if (found && found->version == release) return dest;
  }
  fs::path staging = dlv_cache / (".build." + std::to_string(::getpid()));
  for (const fs::path& dir : {staging, dest.parent_path()}) {
    if (fs::create_directories(dir, ec); ec)
      return util::fail(util::ErrorKind::Io, "cannot create " + dir.string() + ": " + ec.message());
  }
  auto built = run_go(
      go.go, {"install", "github.com/go-delve/delve/cmd/dlv@" + tag},
      {{"GOBIN", staging.string()}, {"GOTOOLCHAIN", "local"}, {"GOFLAGS", "-buildvcs=false"}},
      deadline);
  if (built) fs::rename(staging / "dlv", dest, ec);
  fs::remove_all(staging);
  if (!built) return util::fail(built.error());
  if (ec) {
    return util::fail(util::ErrorKind::Io,
                      "cannot move the built dlv to " + dest.string() + ": " + ec.message());
  }
  return dest;
}

}  // namespace gotool
