#pragma once
#include <cstddef>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "harness/dap/json.h"
#include "harness/util/deadline.h"
#include "harness/util/expected.h"

namespace dap {

// The note a scenario's runner writes into the transcript as step `number` (1-based) begins:
// "step 4 (line 19): expect_stop"; read back by parse_step_note.
struct StepNote {
  int number = 0;
  int line = 0;
  std::string keyword;
};
std::string step_note(const StepNote& step);
std::optional<StepNote> parse_step_note(std::string_view note);
// One line of a transcript's text, read back: "+0.123s --> {...}" (Sent), "+0.125s <-- {...}"
// (Received), "+0.200s -- text" (Note). `time` is "0.123s"; `content` the JSON or the note.
struct TranscriptLine {
  enum class Kind { Sent, Received, Note };
  Kind kind = Kind::Note;
  std::string_view time;
  std::string_view content;
};
// nullopt for a line that is none of these.
std::optional<TranscriptLine> parse_transcript_line(std::string_view line);
// A message in one line of a timeline: "→ request stackTrace", "← response launch (refused)",
// "← event stopped"; `sent`: the client sent it.
std::string message_title(const json& message, bool sent);

// The note a runner writes when the scenario's steps are over and its teardown (disconnect,
// ending dlv) begins: what comes after it is no step's doing.
inline constexpr std::string_view kTeardownNote = "teardown";

// Thread-safe record of a DAP conversation, one line per entry, each stamped with the time since
// the transcript was created: "+0.123s --> {...}" (sent), "+0.125s <-- {...}" (received),
// "+0.200s -- text" (note; a multi-line note becomes several note lines).
class Transcript {
 public:
  Transcript();

  // Records a message sent to the debug adapter.
  void sent(const json& message);
  // Records a message received from the debug adapter.
  void received(const json& message);
  // Records free text, e.g. "dlv stderr: ...".
  void note(std::string_view text);

  // Everything recorded so far.
  std::string text() const;
  // The last `lines` lines.
  std::string tail(std::size_t lines) const;
  // Writes text() to a file (Io error on failure).
  util::Expected<void> write_to(const std::filesystem::path& path) const;

 private:
  void append(std::string_view marker, std::string_view content);

  const util::Clock::time_point start_;
  mutable std::mutex mutex_;
  std::string text_;
};

}  // namespace dap
