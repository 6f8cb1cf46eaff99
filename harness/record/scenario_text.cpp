#include "harness/record/scenario_text.h"

#include <vector>

#include "harness/util/strings.h"

namespace record {

namespace {

// Lines of `text`, each with its newline (the last may have none).
std::vector<std::string_view> lines_with_ends(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    end = end == std::string_view::npos ? text.size() : end + 1;
    lines.push_back(text.substr(at, end - at));
    at = end;
  }
  return lines;
}

// Whether a line belongs to the block of the top-level key above it: indented, a list item at
// column 0, or blank.
bool inside_block(std::string_view line) {
  return line.empty() || line[0] == ' ' || line[0] == '\t' || line[0] == '-' || line[0] == '\n' ||
         line[0] == '\r';
}

}  // namespace

std::string with_steps(std::string_view skeleton, const std::string& header,
                       const std::string& steps_list) {
  auto lines = lines_with_ends(skeleton);
  std::size_t begin = lines.size(), end = lines.size();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!util::starts_with(lines[i], "steps:")) continue;
    begin = i;
    end = i + 1;
    while (end < lines.size()) {
      if (lines[end][0] == '#') {
        // A comment at column 0 belongs to the steps when steps follow it.
        std::size_t next = end + 1;
        while (next < lines.size() && (lines[next][0] == '#' || util::trim(lines[next]).empty()))
          ++next;
        if (next < lines.size() && inside_block(lines[next])) {
          end = next;
          continue;
        }
        break;
      }
      if (!inside_block(lines[end])) break;
      ++end;
    }
    break;
  }
  std::string out;
  for (std::size_t i = 0; i < begin; ++i) out += lines[i];
  if (!out.empty() && out.back() != '\n') out += '\n';
  out += header + "steps:\n" + steps_list;
  for (std::size_t i = end; i < lines.size(); ++i) out += lines[i];
  return out;
}

}  // namespace record
