#include "harness/gotool/toolchain.h"

#include <unistd.h>
#include <algorithm>

#include <cstdlib>
#include <vector>

#include "harness/gotool/go_config_files.h"
#include "harness/gotool/version_memo.h"
#include "harness/process/child.h"
#include "harness/process/path_lookup.h"
#include "harness/util/strings.h"

namespace gotool {
namespace {

constexpr util::Duration kToolQueryTimeout{30000};

std::optional<std::string> env(const char* name) {
  const char* value = std::getenv(name);
  if (!value || !*value) return std::nullopt;
  return std::string(value);
}

// Runs `tool args...` and returns its stdout, or a MissingTool error explaining why the tool is
// unusable.
util::Expected<std::string> query(const std::filesystem::path& tool,
                                  std::vector<std::string> args) {
  process::SpawnOptions options;
  options.argv = {tool.string()};
  options.argv.insert(options.argv.end(), args.begin(), args.end());
  // A go >= 1.23 may leave its telemetry child running after a query; it is not wanted.
  options.env_overrides = {{"GOTELEMETRY", "off"}};
  auto result = process::run(options, util::Deadline::after(kToolQueryTimeout));
  std::string command = "`" + util::join(options.argv, " ") + "`";
  if (!result) {
    return util::fail(util::ErrorKind::MissingTool, command + " failed: " + result.error().message);
  }
  if (!result->status.success()) {
    std::string detail(util::trim(util::tail_lines(result->err + result->out, 5)));
    return util::fail(
        util::ErrorKind::MissingTool,
        command + " failed (" + result->status.str() + ")" + (detail.empty() ? "" : ": " + detail));
  }
  return result->out;
}

// query(tool, {argument}) through an OutputMemo (version_memo.h): the remembered answer for this
// binary and `context`, else the tool's, which is then remembered. Failures are not remembered.
util::Expected<std::string> remembered_query(const std::filesystem::path& tool,
                                             const std::string& argument,
                                             const std::string& context) {
  OutputMemo memo(tool, argument, context);
  if (auto remembered = memo.recall()) return *remembered;
  auto out = query(tool, {argument});
  if (out) memo.keep(*out);
  return out;
}

// What `go version` answers besides the binary: the toolchain GOTOOLCHAIN selects. The go command
// decides from its GO* environment variables, PATH (GOTOOLCHAIN=goX.Y.Z+path), $GOROOT/go.env,
// the GOENV file, and the go.work and go.mod files from the current folder up (their `go` and
// `toolchain` lines). All of them, by value or by file identity, make the memo's context.
std::string go_version_context(const std::filesystem::path& go) {
  std::string context;
  std::vector<std::string> variables;
  for (char** entry = environ; *entry; ++entry)
    if (util::starts_with(*entry, "GO") || util::starts_with(*entry, "PATH="))
      variables.emplace_back(*entry);
  std::sort(variables.begin(), variables.end());
  for (const auto& variable : variables) context += variable + "\n";
  std::vector<std::filesystem::path> files;
  if (auto goroot = goroot_of(go)) files.push_back(*goroot / "go.env");
  if (auto goenv = goenv_file()) files.push_back(*goenv);
  std::error_code ec;
  for (auto dir = std::filesystem::current_path(ec); !ec && !dir.empty(); dir = dir.parent_path()) {
    files.push_back(dir / "go.work");
    files.push_back(dir / "go.mod");
    if (dir == dir.root_path()) break;
  }
  for (const auto& file : files) context += file.string() + " " + file_identity(file) + "\n";
  return context;
}

util::Expected<GoToolchain> probe_go(const std::filesystem::path& go) {
  auto out = remembered_query(go, "version", go_version_context(go));
  if (!out) return util::fail(out.error());
  // "go version go1.26.8 linux/amd64"
  std::string_view line = util::trim(*out);
  constexpr std::string_view kPrefix = "go version ";
  std::string_view text = util::starts_with(line, kPrefix) ? line.substr(kPrefix.size()) : "";
  auto version = Version::parse(text.substr(0, text.find(' ')));
  if (!version) {
    return util::fail(
        util::ErrorKind::MissingTool,
        "cannot read the Go version from `" + go.string() + " version`: " + util::quote(line));
  }
  return GoToolchain{go, *version, std::string(text)};
}

util::Expected<DlvTool> probe_dlv(const std::filesystem::path& dlv) {
  // `dlv version` depends on the binary alone.
  auto out = remembered_query(dlv, "version", "");
  if (!out) return util::fail(out.error());
  for (const std::string& line : util::split(*out, '\n')) {
    std::string_view text = util::trim(line);
    if (!util::starts_with(text, "Version:")) continue;
    if (auto version = Version::parse(util::trim(text.substr(8)))) return DlvTool{dlv, *version};
  }
  return util::fail(util::ErrorKind::MissingTool,
                    "cannot read the version from `" + dlv.string() + " version` (no \"Version: " +
                        "X.Y.Z\" line): " + util::quote(util::trim(*out)));
}

// A named tool's path made absolute: dlv and go run in the program's folder, not the caller's.
std::filesystem::path absolute_path(const std::filesystem::path& path) {
  std::error_code ec;
  auto full = std::filesystem::absolute(path, ec);
  return ec ? path : full.lexically_normal();
}

// For an explicitly named tool: it must exist and be executable.
util::Expected<void> check_named(const std::string& what, const std::filesystem::path& path) {
  if (process::is_executable_file(path)) return {};
  std::error_code ec;
  std::string why =
      std::filesystem::exists(path, ec) ? "is not an executable file" : "does not exist";
  return util::fail(util::ErrorKind::MissingTool, what + " " + path.string() + " " + why);
}

}  // namespace

util::Expected<GoToolchain> find_go(const std::optional<std::filesystem::path>& explicit_go) {
  if (explicit_go) {
    if (auto ok = check_named("go", *explicit_go); !ok) return util::fail(ok.error());
    return probe_go(absolute_path(*explicit_go));
  }
  if (auto on_path = process::find_executable("go")) return probe_go(*on_path);
  for (const char* fallback : {"/usr/local/go/bin/go", "/usr/lib/go/bin/go"}) {
    if (process::is_executable_file(fallback)) return probe_go(fallback);
  }
  return util::fail(util::ErrorKind::MissingTool,
                    "go not found (looked in PATH, /usr/local/go/bin/go, /usr/lib/go/bin/go)\n"
                    "  remedy: install Go from https://go.dev/dl/ and put its bin directory on "
                    "PATH, or name the go binary explicitly");
}

namespace {

// The folders where `go install` puts dlv, besides PATH: $GOBIN, each `go env GOPATH` entry's
// bin (when `go` is given), $HOME/go/bin.
std::vector<std::filesystem::path> go_install_dirs(const GoToolchain* go) {
  std::vector<std::filesystem::path> dirs;
  if (auto gobin = env("GOBIN")) dirs.emplace_back(*gobin);
  if (go) {
    if (auto gopath = query(go->go, {"env", "GOPATH"})) {
      for (const std::string& entry : util::split(util::trim(*gopath), ':'))
        if (!entry.empty()) dirs.push_back(std::filesystem::path(entry) / "bin");
    }
  }
  if (auto home = env("HOME")) dirs.push_back(std::filesystem::path(*home) / "go" / "bin");
  return dirs;
}

}  // namespace

util::Expected<DlvTool> find_dlv(const std::optional<std::filesystem::path>& explicit_dlv,
                                 const GoToolchain* go) {
  if (explicit_dlv) {
    if (auto ok = check_named("dlv", *explicit_dlv); !ok) return util::fail(ok.error());
    return probe_dlv(absolute_path(*explicit_dlv));
  }
  if (auto from_env = env("DLV")) {
    if (auto ok = check_named("dlv from $DLV:", *from_env); !ok) return util::fail(ok.error());
    return probe_dlv(absolute_path(*from_env));
  }
  std::vector<std::string> looked{"PATH"};
  if (auto on_path = process::find_executable("dlv")) return probe_dlv(*on_path);
  for (const auto& dir : go_install_dirs(go)) {
    if (std::find(looked.begin(), looked.end(), dir.string()) != looked.end()) continue;
    if (process::is_executable_file(dir / "dlv")) return probe_dlv(dir / "dlv");
    looked.push_back(dir.string());
  }
  return util::fail(util::ErrorKind::MissingTool,
                    "dlv not found (looked in " + util::join(looked, ", ") + ")\n" +
                        "  remedy: go install github.com/go-delve/delve/cmd/dlv@" +
                        kRecommendedDlv + ", or set $DLV to the dlv binary");
}

std::vector<DlvTool> installed_dlvs(const GoToolchain* go) {
  std::vector<std::filesystem::path> dirs;
  if (auto path = env("PATH"))
    for (const std::string& entry : util::split(*path, ':'))
      if (!entry.empty()) dirs.emplace_back(entry);
  for (auto& dir : go_install_dirs(go)) dirs.push_back(std::move(dir));
  dirs.emplace_back("/usr/bin");
  std::vector<std::filesystem::path> seen;
  std::vector<DlvTool> found;
  for (const auto& dir : dirs) {
    std::error_code ec;
    auto real = std::filesystem::canonical(dir / "dlv", ec);
    if (ec || !process::is_executable_file(real)) continue;
    if (std::find(seen.begin(), seen.end(), real) != seen.end()) continue;
    seen.push_back(real);
    if (auto dlv = probe_dlv(absolute_path(dir / "dlv"))) found.push_back(*dlv);
  }
  return found;
}

}  // namespace gotool
