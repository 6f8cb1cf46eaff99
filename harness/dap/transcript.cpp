#include "harness/dap/transcript.h"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <regex>

#include "harness/util/strings.h"

namespace dap {

std::string step_note(const StepNote& step) {
  return "step " + std::to_string(step.number) + " (line " + std::to_string(step.line) +
         "): " + step.keyword;
}

std::optional<StepNote> parse_step_note(std::string_view note) {
  static const std::regex pattern(R"(^step (\d+) \(line (\d+)\): (\w+)$)");
  std::match_results<std::string_view::const_iterator> found;
  if (!std::regex_match(note.begin(), note.end(), found, pattern)) return std::nullopt;
  return StepNote{std::stoi(found[1]), std::stoi(found[2]), found[3]};
}

std::optional<TranscriptLine> parse_transcript_line(std::string_view line) {
  auto space = line.find(' ');
  if (line.empty() || line[0] != '+' || space == std::string_view::npos || space < 3 ||
      line[space - 1] != 's')
    return std::nullopt;
  std::string_view time = line.substr(1, space - 1);
  for (char c : time.substr(0, time.size() - 1))
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.')) return std::nullopt;
  std::string_view rest = line.substr(space + 1);
  using Kind = TranscriptLine::Kind;
  for (auto [marker, kind] : {std::pair{"--> ", Kind::Sent}, std::pair{"<-- ", Kind::Received},
                              std::pair{"-- ", Kind::Note}}) {
    if (util::starts_with(rest, marker))
      return TranscriptLine{kind, time, rest.substr(std::string_view(marker).size())};
  }
  return std::nullopt;
}

Transcript::Transcript() : start_(util::Clock::now()) {}

void Transcript::sent(const json& message) {
  append("-->", to_text(message));
}

void Transcript::received(const json& message) {
  append("<--", to_text(message));
}

void Transcript::note(std::string_view text) {
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  for (const std::string& line : util::split(text, '\n')) append("--", line);
}

void Transcript::append(std::string_view marker, std::string_view content) {
  std::lock_guard lock(mutex_);  // held while stamping so that times never go backwards
  auto elapsed = std::chrono::duration_cast<util::Duration>(util::Clock::now() - start_);
  std::string line = "+" + util::format_seconds(elapsed) + " ";
  line += marker;
  line += ' ';
  line += content;
  line += '\n';
  text_ += line;
}

std::string Transcript::text() const {
  std::lock_guard lock(mutex_);
  return text_;
}

std::string Transcript::tail(std::size_t lines) const {
  std::lock_guard lock(mutex_);
  return util::tail_lines(text_, lines);
}

util::Expected<void> Transcript::write_to(const std::filesystem::path& path) const {
  std::string content = text();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (out) out << content;
  if (out) out.close();
  if (!out)
    return util::fail(util::ErrorKind::Io, "cannot write the DAP transcript to " + path.string() +
                                               ": " + std::strerror(errno));
  return {};
}

std::string message_title(const json& message, bool sent) {
  std::string title = sent ? "→ " : "← ";
  if (!message.is_object()) return title + "(not a DAP message)";
  std::string type = message.value("type", "");
  title += type + " " + message.value(type == "event" ? "event" : "command", std::string());
  if (type == "response" && message.value("success", true) == false) title += " (refused)";
  return title;
}

}  // namespace dap
