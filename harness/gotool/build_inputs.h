#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/gotool/toolchain.h"
#include "harness/util/deadline.h"
#include "harness/util/expected.h"

namespace gotool {

// What a build reads besides its settings (see settings_key), as absolute paths, each list
// sorted and without duplicates. Standard packages and versioned modules of the module cache
// (immutable, pinned by go.mod and go.sum) are not listed.
struct BuildInputs {
  std::vector<std::filesystem::path> package_dirs;  // folders whose sources are compiled
  std::vector<std::filesystem::path> embed_dirs;    // folders holding //go:embed files
  std::vector<std::filesystem::path> files;         // go.mod, go.sum, vendor/modules.txt

  bool operator==(const BuildInputs&) const = default;
};

// Asks `go list -e -deps -json=... <flags> TARGET`, run in `program_dir` with `env` on top of our
// environment, what building the package there reads: the folders of every package that is not
// standard and not from the module cache (the main module's, local `replace` targets, vendored
// ones, packages of a larger module whose go.mod sits above), their modules' go.mod and go.sum,
// the main module's vendor/modules.txt, the folders of embedded files. TARGET is "." (the
// package) or one .go file, whose package lists that file instead of its whole folder. With
// `-test` among the flags the test variants of packages add their _test.go files.
// Errors: Build "go list in DIR failed (STATUS): GO'S MESSAGE" or "... printed no package JSON";
// Timeout; Process.
util::Expected<BuildInputs> list_build_inputs(const GoToolchain& go,
                                              const std::filesystem::path& program_dir,
                                              const std::string& target,
                                              const std::vector<std::string>& flags,
                                              const std::map<std::string, std::string>& env,
                                              util::Deadline deadline);

// What a build reads as far as can be told without go: the program folder (or the single file
// `file` in it), its go.mod, go.sum and vendor/modules.txt.
BuildInputs program_folder_inputs(const std::filesystem::path& program_dir,
                                  const std::string& file = {});

// The inputs as the cache stores them (JSON), and back: nullopt for text that is not a complete
// manifest.
std::string manifest_text(const BuildInputs& inputs);
std::optional<BuildInputs> parse_manifest(std::string_view text);

}  // namespace gotool
