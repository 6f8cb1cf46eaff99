#include "harness/drift/session_log.h"

#include "harness/dap/transcript.h"
#include "harness/util/strings.h"

namespace drift {

std::string StepMark::str() const {
  if (number <= 0) return keyword;
  return "step " + std::to_string(number) + " " + keyword + " (line " + std::to_string(line) + ")";
}

util::Expected<SessionLog> read_session_log(std::string_view transcript, const std::string& name) {
  SessionLog log;
  log.steps.push_back({0, 0, "handshake"});
  int line_number = 0;
  for (const auto& text : util::split(transcript, '\n')) {
    ++line_number;
    auto line = dap::parse_transcript_line(text);
    if (!line) continue;
    if (line->kind == dap::TranscriptLine::Kind::Note) {
      if (line->content == dap::kTeardownNote)
        log.steps.push_back({StepMark::kTeardown, 0, std::string(dap::kTeardownNote)});
      if (auto step = dap::parse_step_note(line->content))
        log.steps.push_back({step->number, step->line, step->keyword});
      continue;
    }
    auto message = dap::json::parse(line->content, nullptr, false);
    if (!message.is_object()) {
      return util::fail(util::ErrorKind::Usage,
                        name + ":" + std::to_string(line_number) + ": not a DAP message");
    }
    bool sent = line->kind == dap::TranscriptLine::Kind::Sent;
    log.messages.push_back(
        {std::move(message), sent, log.steps.size() - 1, std::string(line->time)});
  }
  return log;
}

}  // namespace drift
