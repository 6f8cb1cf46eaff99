#include "harness/gotool/delve_source.h"

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>

#include "harness/process/child.h"
#include "harness/util/strings.h"

namespace gotool {
namespace {

namespace fs = std::filesystem;

const char* const kDelveModule = "github.com/go-delve/delve";

// Runs `go ARGS` outside any module and returns its stdout; errors name the command.
util::Expected<std::string> go_output(const GoToolchain& go, std::vector<std::string> args,
                                      util::Deadline deadline) {
  process::SpawnOptions options;
  options.argv = {go.go.string()};
  options.argv.insert(options.argv.end(), args.begin(), args.end());
  options.cwd = fs::temp_directory_path();
  options.env_overrides = {{"GO111MODULE", "on"}, {"GOWORK", "off"}, {"GOFLAGS", "-mod=mod"}};
  auto result = process::run(options, deadline);
  if (!result) return util::fail(result.error());
  if (!result->status.success()) {
    return util::fail(util::ErrorKind::Build,
                      "go " + util::join(args, " ") + " failed (" + result->status.str() +
                          "): " + std::string(util::trim(util::tail_lines(result->err, 5))));
  }
  return result->out;
}

util::Expected<fs::path> find_or_download(const GoToolchain& go, const std::string& version,
                                          util::Deadline deadline) {
  auto cache = go_output(go, {"env", "GOMODCACHE"}, deadline);
  if (!cache) return util::fail(cache.error());
  fs::path dir =
      fs::path(std::string(util::trim(*cache))) / (std::string(kDelveModule) + "@" + version);
  std::error_code ec;
  if (fs::is_directory(dir / "_fixtures", ec)) return dir;
  auto downloaded = go_output(
      go, {"mod", "download", "-json", std::string(kDelveModule) + "@" + version}, deadline);
  if (!downloaded) return util::fail(downloaded.error());
  auto answer = nlohmann::json::parse(*downloaded, nullptr, false);
  std::string found = answer.is_object() ? answer.value("Dir", std::string()) : std::string();
  if (found.empty() || !fs::is_directory(fs::path(found) / "_fixtures", ec)) {
    return util::fail(util::ErrorKind::Build, "go mod download " + std::string(kDelveModule) + "@" +
                                                  version + " left no _fixtures folder");
  }
  return fs::path(found);
}

}  // namespace

util::Expected<fs::path> delve_source(const GoToolchain& go, const DlvTool& dlv,
                                      util::Deadline deadline) {
  static std::mutex mutex;
  static std::map<std::pair<std::string, std::string>, fs::path> known;
  const std::string version = "v" + dlv.version.str();
  std::lock_guard lock(mutex);  // one download at a time; later callers find it known
  auto key = std::pair{go.go.string(), version};
  if (auto it = known.find(key); it != known.end()) return it->second;
  auto dir = find_or_download(go, version, deadline);
  if (dir) known[key] = *dir;
  return dir;
}

}  // namespace gotool
