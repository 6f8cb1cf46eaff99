#include "harness/scenario/readers.h"
#include "harness/util/strings.h"

namespace scenario {
namespace fs = std::filesystem;

namespace {

// `dir` as the user would write it: relative to the working directory when the scenario path
// was relative, with a trailing slash ("scenarios/", "./", "../").
std::string shown_dir(const fs::path& dir, bool relative) {
  std::string text = dir.generic_string();
  if (relative) {
    std::error_code ec;
    fs::path cwd = fs::current_path(ec);
    if (!ec) text = dir.lexically_relative(cwd).generic_string();
  }
  if (text.empty()) text = ".";
  if (text.back() != '/') text += '/';
  return text;
}

// An absolute, normalized path without a trailing slash.
fs::path normalized(const fs::path& path) {
  fs::path out = path.lexically_normal();
  if (!out.has_filename() && out.has_parent_path() && out != out.root_path())
    out = out.parent_path();
  return out;
}

// Whether `dir` looks like a Go package: a go.mod or a .go file directly in it.
bool holds_go_package(const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir / "go.mod", ec)) return true;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".go") return true;
  return false;
}

}  // namespace

util::Expected<fs::path> resolve_upwards(const fs::path& scenario_file, const std::string& path,
                                         const std::string& what) {
  std::error_code ec;
  const fs::path wanted(path);
  if (path.empty())
    return util::fail(util::ErrorKind::InvalidScenario, "'" + what + "' must not be empty");
  if (wanted.is_absolute()) {
    if (fs::exists(wanted, ec)) return normalized(wanted);
    return util::fail(util::ErrorKind::InvalidScenario, what + " '" + path + "' not found");
  }
  fs::path dir = normalized(fs::absolute(scenario_file, ec).parent_path());
  std::vector<std::string> looked_in;
  while (true) {
    if (fs::exists(dir / wanted, ec)) return normalized(dir / wanted);
    looked_in.push_back(shown_dir(dir, scenario_file.is_relative()));
    if (dir == dir.root_path() || !dir.has_parent_path()) break;
    dir = dir.parent_path();
  }
  return util::fail(
      util::ErrorKind::InvalidScenario,
      what + " '" + path + "' not found (looked in " + util::join(looked_in, ", ") + ")");
}

util::Expected<ProgramPath> resolve_program(const fs::path& scenario_file,
                                            const std::string& program) {
  auto found = resolve_upwards(scenario_file, program, "program");
  if (!found) return util::fail(found.error());
  std::error_code ec;
  bool is_file = fs::is_regular_file(*found, ec);
  if (is_file && found->extension() != ".go") {
    return util::fail(util::ErrorKind::InvalidScenario,
                      "program '" + program + "' is a file but not a .go file");
  }
  if (!is_file && !fs::is_directory(*found, ec)) {
    return util::fail(util::ErrorKind::InvalidScenario,
                      "program '" + program + "' is neither a directory nor a .go file");
  }
  if (!is_file && !holds_go_package(*found)) {
    return util::fail(util::ErrorKind::InvalidScenario,
                      "program '" + program + "' (" + found->string() +
                          ") holds no Go package: no go.mod and no .go file");
  }
  // Go records the real folder (symlinks resolved) in the binary's debug information.
  fs::path real = fs::canonical(is_file ? found->parent_path() : *found, ec);
  if (ec) {
    return util::fail(util::ErrorKind::InvalidScenario,
                      "program '" + program + "' (" + found->string() +
                          "): cannot resolve its real folder: " + ec.message());
  }
  return ProgramPath{real, is_file ? found->filename().string() : std::string()};
}

}  // namespace scenario
