#include "harness/gotool/build_inputs.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "harness/process/child.h"
#include "harness/util/strings.h"

namespace gotool {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// Version of the manifest's JSON layout.
constexpr int kManifestFormat = 1;

// BuildInputs while being collected.
struct InputSets {
  std::set<fs::path> package_dirs, embed_dirs, files;

  BuildInputs sorted() const {
    return {{package_dirs.begin(), package_dirs.end()},
            {embed_dirs.begin(), embed_dirs.end()},
            {files.begin(), files.end()}};
  }
};

bool within(const std::string& dir, const std::string& folder) {
  return !folder.empty() && (dir == folder || util::starts_with(dir, folder + "/"));
}

// Whether `package` (one object of go list's output) comes from the module cache: it lies in
// the folder of a module that has a version (after any replacement), so go.mod and go.sum pin
// its content. Vendored copies and local replacements have no such folder or version.
bool from_module_cache(const json& package) {
  if (!package.contains("Module")) return false;
  const json& module = package["Module"];
  const json& origin = module.contains("Replace") ? module["Replace"] : module;
  return !origin.value("Version", std::string()).empty() &&
         within(package.value("Dir", std::string()), module.value("Dir", std::string()));
}

// The go.mod and go.sum of `module`, and the vendor list when it is the main module.
void add_module_files(const json& module, InputSets& sets) {
  if (auto go_mod = module.value("GoMod", std::string()); !go_mod.empty()) {
    sets.files.insert(go_mod);
    sets.files.insert(fs::path(go_mod).parent_path() / "go.sum");
  }
  auto dir = module.value("Dir", std::string());
  if (module.value("Main", false) && !dir.empty())
    sets.files.insert(fs::path(dir) / "vendor" / "modules.txt");
}

// A package as compiled into a test binary ("example.com/calc [example.com/calc.test]"): its
// _test.go files are inputs too, which a package folder's digest leaves out.
void add_test_files(const json& package, const fs::path& dir, InputSets& sets) {
  if (package.value("ImportPath", std::string()).find(" [") == std::string::npos) return;
  for (const auto& file : package.value("GoFiles", json::array())) {
    std::string name = file.get<std::string>();
    if (util::ends_with(name, "_test.go")) sets.files.insert(dir / name);
  }
}

// Adds what building `package` reads to `sets`. The package of files named on the command line
// reads those files, not its whole folder.
void add_package(const json& package, InputSets& sets) {
  if (package.value("Standard", false) || from_module_cache(package)) return;
  fs::path dir = package.value("Dir", std::string());
  if (dir.empty()) return;  // an import go could not resolve: go build will say so
  if (package.value("ImportPath", std::string()) == "command-line-arguments") {
    for (const char* list : {"GoFiles", "CgoFiles"})
      for (const auto& file : package.value(list, json::array()))
        sets.files.insert(dir / file.get<std::string>());
  } else {
    sets.package_dirs.insert(dir);
  }
  add_test_files(package, dir, sets);
  for (const auto& file : package.value("EmbedFiles", json::array()))
    sets.embed_dirs.insert((dir / file.get<std::string>()).parent_path());
  if (package.contains("Module")) add_module_files(package["Module"], sets);
}

// Reads go list's output: one JSON object per package, one after the other.
util::Expected<BuildInputs> parse_listing(const std::string& out) {
  InputSets sets;
  std::istringstream in(out);
  std::size_t packages = 0;
  try {
    for (; (in >> std::ws).peek() != std::char_traits<char>::eof(); ++packages) {
      json package;
      in >> package;
      add_package(package, sets);
    }
  } catch (const json::exception& e) {
    return util::fail(util::ErrorKind::Build, std::string("unreadable output: ") + e.what());
  }
  if (packages == 0) return util::fail(util::ErrorKind::Build, "printed no package");
  return sets.sorted();
}

json path_list(const std::vector<fs::path>& paths) {
  json list = json::array();
  for (const auto& path : paths) list.push_back(path.string());
  return list;
}

// The paths of `manifest[name]`; nullopt unless it is a list of strings.
std::optional<std::vector<fs::path>> read_paths(const json& manifest, const char* name) {
  if (!manifest.contains(name) || !manifest[name].is_array()) return std::nullopt;
  std::vector<fs::path> paths;
  for (const auto& item : manifest[name]) {
    if (!item.is_string()) return std::nullopt;
    paths.emplace_back(item.get<std::string>());
  }
  return paths;
}

}  // namespace

util::Expected<BuildInputs> list_build_inputs(const GoToolchain& go, const fs::path& program_dir,
                                              const std::string& target,
                                              const std::vector<std::string>& flags,
                                              const std::map<std::string, std::string>& env,
                                              util::Deadline deadline) {
  process::SpawnOptions options;
  options.argv = {go.go.string(), "list", "-e", "-deps",
                  "-json=Dir,ImportPath,Standard,Module,EmbedFiles,GoFiles,CgoFiles"};
  options.argv.insert(options.argv.end(), flags.begin(), flags.end());
  options.argv.push_back(target);
  options.cwd = program_dir;
  options.env_overrides = env;
  auto result = process::run(options, deadline);
  if (!result) return util::fail(result.error());
  const std::string command = "go list in " + program_dir.string();
  if (!result->status.success()) {
    return util::fail(util::ErrorKind::Build,
                      command + " failed (" + result->status.str() +
                          "): " + std::string(util::trim(util::tail_lines(result->err, 5))));
  }
  auto inputs = parse_listing(result->out);
  if (!inputs) return util::fail(util::ErrorKind::Build, command + ": " + inputs.error().message);
  return inputs;
}

BuildInputs program_folder_inputs(const fs::path& program_dir, const std::string& file) {
  std::vector<fs::path> files = {program_dir / "go.mod", program_dir / "go.sum",
                                 program_dir / "vendor" / "modules.txt"};
  if (!file.empty()) {
    files.push_back(program_dir / file);
    std::sort(files.begin(), files.end());
    return {{}, {}, files};
  }
  return {{program_dir}, {}, files};
}

std::string manifest_text(const BuildInputs& inputs) {
  json manifest = {{"format", kManifestFormat},
                   {"package_dirs", path_list(inputs.package_dirs)},
                   {"embed_dirs", path_list(inputs.embed_dirs)},
                   {"files", path_list(inputs.files)}};
  return manifest.dump(1, '\t', false, json::error_handler_t::replace) + "\n";
}

std::optional<BuildInputs> parse_manifest(std::string_view text) {
  json manifest = json::parse(text, nullptr, false);
  if (!manifest.is_object() || manifest.value("format", json()) != json(kManifestFormat))
    return std::nullopt;
  auto package_dirs = read_paths(manifest, "package_dirs");
  auto embed_dirs = read_paths(manifest, "embed_dirs");
  auto files = read_paths(manifest, "files");
  if (!package_dirs || !embed_dirs || !files) return std::nullopt;
  return BuildInputs{std::move(*package_dirs), std::move(*embed_dirs), std::move(*files)};
}

}  // namespace gotool
