#include "harness/scenario/loader.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "harness/scenario/readers.h"
#include "harness/scenario/stray_comma.h"
#include "harness/util/strings.h"

namespace scenario {
namespace fs = std::filesystem;

namespace {

const std::vector<std::string>& top_level_keys() {
  static const std::vector<std::string> keys = {"name",    "tags",         "program",
                                                "launch",  "launch_json",  "client_source_root",
                                                "timeout", "breakpoints",  "function_breakpoints",
                                                "steps",   "client",       "requires",
                                                "strict",  "allow_events", "exception_filters"};
  return keys;
}

// Scenario files are hand-written; anything bigger is a mistake (a log, a binary) and is refused
// before it is read.
constexpr std::uintmax_t kMaxScenarioBytes = 4 * 1024 * 1024;

// The whole file, or the reason it cannot be read.
util::Expected<std::string> read_text(const fs::path& file) {
  std::error_code ec;
  if (fs::is_directory(file, ec))
    return util::fail(util::ErrorKind::Io, "is a directory, not a scenario file");
  if (auto size = fs::file_size(file, ec); !ec && size > kMaxScenarioBytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(size) / (1024 * 1024));
    return util::fail(util::ErrorKind::Io,
                      std::string(text) + " is more than a scenario file may hold (" +
                          std::to_string(kMaxScenarioBytes / (1024 * 1024)) + " MiB)");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in)
    return util::fail(util::ErrorKind::Io, std::string("cannot read: ") + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return util::fail(util::ErrorKind::Io, "cannot read: read error");
  return text.str();
}

// A diagnostic at the first NUL byte or invalid UTF-8 sequence, if any.
std::optional<Diagnostic> binary_content(const std::string& file, std::string_view text) {
  auto at = util::find_not_text(text);
  if (!at) return std::nullopt;
  return Diagnostic{SourceLoc{file, at->line, at->col},
                    std::string("not a UTF-8 text file (") + at->what + ")", ""};
}

// The root a `program: ${NAME}/REST` starts with, and REST; nullopt for other paths.
std::optional<std::pair<std::string, std::string>> rooted(const std::string& program) {
  for (const auto& root : program_roots()) {
    std::string prefix = "${" + root + "}/";
    if (util::starts_with(program, prefix)) return std::pair{root, program.substr(prefix.size())};
  }
  return std::nullopt;
}

void read_program(Reader& reader, const Entry& pair, const LoadOptions& options, Scenario& scenario,
                  std::string& program) {
  scenario.program_loc = reader.value_loc(pair);
  auto text = reader.string(pair);
  if (!text) return;
  program = *text;
  std::string path = program;
  if (auto root = rooted(program)) {
    auto known = options.roots.find(root->first);
    if (known == options.roots.end()) {
      scenario.program_root = root->first;  // found by the runner, for the dlv it runs
      return;
    }
    path = (known->second / root->second).string();
  } else if (util::starts_with(program, "${")) {
    return reader.error(scenario.program_loc, "program '" + program + "': unknown root (known: ${" +
                                                  util::join(program_roots(), "}, ${") + "})");
  }
  auto found = resolve_program(scenario.file, path);
  if (!found) return reader.error(scenario.program_loc, found.error().message);
  scenario.program_dir = found->dir;
  scenario.program_file = found->file;
  if (!found->file.empty() && scenario.launch.mode == LaunchMode::Test)
    reader.error(scenario.program_loc, "mode test needs a package folder, not a single file");
}

void read_client_source_root(Reader& reader, const Entry& pair, Scenario& scenario) {
  auto text = reader.string(pair);
  if (!text) return;
  auto dir = resolve_upwards(scenario.file, *text, "client_source_root");
  if (!dir) return reader.error(reader.value_loc(pair), dir.error().message);
  std::error_code ec;
  if (!fs::is_directory(*dir, ec)) {
    return reader.error(reader.value_loc(pair),
                        "client_source_root '" + *text + "' is not a directory");
  }
  scenario.client_source_root = *dir;
}

// Reads the root map into `scenario`, reporting every problem through `reader`.
void read_scenario(Reader& reader, const YAML::Node& root, const LoadOptions& options,
                   Scenario& scenario) {
  scenario.loc = reader.loc(root);
  scenario.launch.loc = scenario.loc;
  if (!root.IsMap()) {
    reader.error(scenario.loc, "a scenario file must hold a map, got " + describe(root));
    return;
  }
  Pending pending;
  std::string program;
  bool has_program = false;
  std::optional<Entry> launch_json;
  std::optional<Entry> program_entry;
  std::optional<SourceLoc> launch_key;
  for (const auto& pair : reader.entries(root, &top_level_keys())) {
    if (pair.key == "name") {
      if (auto name = reader.string(pair)) scenario.name = *name;
    } else if (pair.key == "tags") {
      if (auto tags = reader.strings(pair)) scenario.tags = std::move(*tags);
    } else if (pair.key == "program") {
      has_program = true;
      program_entry = pair;  // read once `launch.mode` is known
    } else if (pair.key == "launch") {
      launch_key = reader.key_loc(pair);
      read_launch(reader, pair, scenario.launch, pending);
    } else if (pair.key == "launch_json") {
      launch_json = pair;
    } else if (pair.key == "client_source_root") {
      read_client_source_root(reader, pair, scenario);
    } else if (pair.key == "timeout") {
      scenario.timeout = reader.seconds(pair);
    } else if (pair.key == "breakpoints") {
      read_breakpoints(reader, pair, scenario.breakpoints, pending);
    } else if (pair.key == "function_breakpoints") {
      read_function_breakpoints(reader, pair, scenario.function_breakpoints, pending);
    } else if (pair.key == "client") {
      read_client(reader, pair, scenario.client_capabilities);
    } else if (pair.key == "requires") {
      read_requires(reader, pair, scenario.requirements);
    } else if (pair.key == "strict") {
      scenario.strict = reader.boolean(pair);
      scenario.strict_loc = reader.key_loc(pair);
    } else if (pair.key == "allow_events") {
      read_allow_events(reader, pair, scenario.allow_events);
    } else if (pair.key == "exception_filters") {
      read_exception_filters(reader, pair, scenario);
    } else {
      read_steps(reader, pair, scenario.steps);
    }
  }
  if (program_entry) read_program(reader, *program_entry, options, scenario, program);
  if (!has_program) reader.missing(scenario.loc, "program");
  if (launch_json && launch_key) {
    reader.error(reader.key_loc(*launch_json), "use either 'launch' or 'launch_json', not both");
  } else if (launch_json && !scenario.program_dir.empty()) {
    read_launch_json(reader, *launch_json, scenario);
  }
  check_references(reader, scenario, program, pending);
}

// Parses the text and reads its single document.
void read_document(Reader& reader, const std::string& text, const LoadOptions& options,
                   Scenario& scenario) {
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(text);
  } catch (const YAML::Exception& e) {
    SourceLoc where{scenario.file.string(), 0, 0};
    if (!e.mark.is_null()) where = {where.file, e.mark.line + 1, e.mark.column + 1};
    reader.error(where, e.msg);
    return;
  }
  if (documents.empty() || documents.front().IsNull()) {
    reader.error(SourceLoc{scenario.file.string(), 1, 1}, "empty scenario file");
    return;
  }
  for (std::size_t i = 1; i < documents.size(); ++i)
    if (!documents[i].IsNull())
      reader.error(reader.loc(documents[i]), "a scenario file holds one YAML document");
  read_scenario(reader, documents.front(), options, scenario);
}

bool is_yaml(const fs::path& path) {
  return path.extension() == ".yaml" || path.extension() == ".yml";
}

Diagnostic file_problem(const fs::path& path, std::string message) {
  return Diagnostic{SourceLoc{path.string(), 0, 0}, std::move(message), ""};
}

}  // namespace

const std::vector<std::string>& program_roots() {
  static const std::vector<std::string> roots = {"delve_source"};
  return roots;
}

LoadResult load_file(const fs::path& file, const LoadOptions& options) {
  LoadResult result;
  const std::string name = file.string();
  auto text = read_text(file);
  if (!text) {
    result.diagnostics.push_back(file_problem(file, text.error().message));
    return result;
  }
  return load_text(file, *text, options);
}

LoadResult load_text(const fs::path& file, const std::string& text, const LoadOptions& options) {
  LoadResult result;
  const std::string name = file.string();
  if (auto binary = binary_content(name, text)) {
    result.diagnostics.push_back(std::move(*binary));
    return result;
  }
  if (auto hang = find_stray_comma(name, text)) {
    result.diagnostics.push_back(std::move(*hang));
    return result;
  }
  Reader reader(name, text);
  reader.set_cell(options.cell);
  Scenario scenario;
  scenario.file = file;
  scenario.name = file.stem().string();
  try {
    read_document(reader, text, options, scenario);
  } catch (const std::exception& e) {  // yaml-cpp or std::filesystem surprises: still a diagnostic
    reader.error(SourceLoc{name, 0, 0}, std::string("cannot read scenario: ") + e.what());
  }
  result.diagnostics = reader.take_diagnostics();
  if (result.diagnostics.empty()) result.scenarios.push_back(std::move(scenario));
  return result;
}

IndexResult index_paths(const std::vector<fs::path>& paths) {
  IndexResult result;
  std::vector<fs::path> files;
  for (const auto& path : paths) {
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (!fs::exists(status)) {
      result.diagnostics.push_back(file_problem(path, "no such file or directory"));
      continue;
    }
    if (!fs::is_directory(status)) {
      files.push_back(path);
      continue;
    }
    auto options = fs::directory_options::skip_permission_denied;
    fs::recursive_directory_iterator it(path, options, ec), end;
    for (; !ec && it != end; it.increment(ec))
      if (is_yaml(it->path()) && it->is_regular_file(ec)) files.push_back(it->path());
    if (ec) result.diagnostics.push_back(file_problem(path, "cannot list: " + ec.message()));
  }
  std::sort(files.begin(), files.end());
  std::set<fs::path> seen;
  for (const auto& file : files) {
    std::error_code ec;
    if (!seen.insert(fs::absolute(file, ec).lexically_normal()).second) continue;
    LoadResult loaded = load_file(file);  // validated whole, kept as an entry only
    for (const auto& s : loaded.scenarios) result.entries.push_back(entry_of(s));
    for (auto& d : loaded.diagnostics) result.diagnostics.push_back(std::move(d));
  }
  return result;
}

}  // namespace scenario
