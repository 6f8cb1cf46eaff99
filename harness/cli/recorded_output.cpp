#include "harness/cli/recorded_output.h"

#include <cstdio>

#include "harness/cli/exit_codes.h"
#include "harness/util/files.h"

namespace cli {

int put_recorded_scenario(const std::string& text,
                          const std::optional<std::filesystem::path>& output,
                          const std::string& what) {
  if (!output) {
    std::fputs(text.c_str(), stdout);
    return kAllPassed;
  }
  if (auto written = util::write_file_atomically(*output, text); !written) {
    std::fprintf(stderr, "harness record: %s\n", written.error().message.c_str());
    return kUsage;
  }
  std::fprintf(stderr,
               "harness record: wrote %s (%s); check it with `harness run --repeat 10 %s`\n",
               output->c_str(), what.c_str(), output->c_str());
  return kAllPassed;
}

}  // namespace cli
