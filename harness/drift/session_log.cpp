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
  for (const auto& line : util::split(transcript, '\n')) {
    ++line_number;
    auto space = line.find(' ');
    if (line.empty() || line[0] != '+' || space == std::string::npos) continue;
    std::string_view rest = std::string_view(line).substr(space + 1);
    bool sent = util::starts_with(rest, "--> ");
    bool received = util::starts_with(rest, "<-- ");
    if (!sent && !received) {
      if (!util::starts_with(rest, "-- ")) continue;
      if (rest.substr(3) == dap::kTeardownNote)
        log.steps.push_back({StepMark::kTeardown, 0, std::string(dap::kTeardownNote)});
      if (auto step = dap::parse_step_note(rest.substr(3)))
        log.steps.push_back({step->number, step->line, step->keyword});
      continue;
    }
    auto message = dap::json::parse(rest.substr(4), nullptr, false);
    if (!message.is_object()) {
      return util::fail(util::ErrorKind::Usage,
                        name + ":" + std::to_string(line_number) + ": not a DAP message");
    }
    log.messages.push_back({std::move(message), sent, log.steps.size() - 1});
  }
  return log;
}

}  // namespace drift
