#include "harness/gotool/input_digest.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "harness/util/files.h"
#include "harness/util/strings.h"

namespace gotool {
namespace {

namespace fs = std::filesystem;

// Extensions of the files go build compiles, assembles, links or hands to cgo.
constexpr std::array<std::string_view, 19> kSourceExtensions = {
    ".go", ".c", ".h", ".s", ".S", ".cc", ".cpp", ".cxx", ".hh", ".hpp",
    ".hxx", ".m", ".f", ".F", ".for", ".f90", ".swig", ".swigcxx", ".syso"};

// A file of a package folder that go build reads: go.mod, and sources that go does not skip.
bool is_build_file(const std::string& name) {
  if (name == "go.mod") return true;
  if (util::starts_with(name, ".") || util::starts_with(name, "_")) return false;
  if (util::ends_with(name, "_test.go")) return false;
  auto extension = fs::path(name).extension().string();
  return std::find(kSourceExtensions.begin(), kSourceExtensions.end(), extension) !=
         kSourceExtensions.end();
}

// A folder's entries as (name, is a regular file), sorted by name; nullopt if it does not exist.
using Listing = std::vector<std::pair<std::string, bool>>;
util::Expected<std::optional<Listing>> list_folder(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return std::optional<Listing>();
  Listing entries;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    entries.emplace_back(it->path().filename().string(), it->is_regular_file(type_ec));
  }
  if (ec) {
    return util::fail(util::ErrorKind::Io, "cannot list " + dir.string() + ": " + ec.message());
  }
  std::sort(entries.begin(), entries.end());
  return std::optional<Listing>(std::move(entries));
}

util::Expected<void> hash_file_content(ContentHash& hash, const fs::path& file) {
  auto content = util::read_file(file);
  if (!content) return util::fail(content.error());
  hash_field(hash, "content", *content);
  return {};
}

// `dir` under `label`: the entries `wanted` selects, names and (for regular files) contents.
template <typename Wanted>
util::Expected<void> hash_folder(ContentHash& hash, std::string_view label, const fs::path& dir,
                                 Wanted wanted) {
  auto listing = list_folder(dir);
  if (!listing) return util::fail(listing.error());
  if (!*listing) {
    hash_field(hash, std::string(label) + " absent", dir.string());
    return {};
  }
  hash_field(hash, label, dir.string());
  for (const auto& [name, regular] : **listing) {
    if (!wanted(name, regular)) continue;
    hash_field(hash, regular ? "file" : "entry", name);
    if (!regular) continue;
    if (auto hashed = hash_file_content(hash, dir / name); !hashed) return hashed;
  }
  return {};
}

util::Expected<void> hash_single_file(ContentHash& hash, const fs::path& file) {
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    hash_field(hash, "input absent", file.string());
    return {};
  }
  hash_field(hash, "input", file.string());
  return hash_file_content(hash, file);
}

}  // namespace

util::Expected<void> hash_inputs(ContentHash& hash, const BuildInputs& inputs) {
  auto read_by_go = [](const std::string& name, bool regular) {
    return regular && is_build_file(name);
  };
  auto everything = [](const std::string&, bool) { return true; };
  for (const auto& dir : inputs.package_dirs)
    if (auto hashed = hash_folder(hash, "package", dir, read_by_go); !hashed) return hashed;
  for (const auto& dir : inputs.embed_dirs)
    if (auto hashed = hash_folder(hash, "embed", dir, everything); !hashed) return hashed;
  for (const auto& file : inputs.files)
    if (auto hashed = hash_single_file(hash, file); !hashed) return hashed;
  return {};
}

}  // namespace gotool
