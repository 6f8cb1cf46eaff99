#include "harness/replay/trace.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <tuple>
#include <utility>

#include "harness/dap/transcript.h"
#include "harness/util/strings.h"

namespace replay {

namespace {

// What one trace line carries: its direction and the JSON text of the message, and where the
// format's marker starts in the line (the outermost wrapper of a line is the one met first).
struct Carried {
  bool from_client = false;
  std::string_view json_text;
  std::size_t marker_at = 0;
};

// "+0.123s --> {...}" or "+0.125s <-- {...}"; notes carry no message.
std::optional<Carried> transcript_line(std::string_view line) {
  auto parsed = dap::parse_transcript_line(line);
  if (!parsed || parsed->kind == dap::TranscriptLine::Kind::Note) return std::nullopt;
  return Carried{parsed->kind == dap::TranscriptLine::Kind::Sent, parsed->content, 0};
}

// "2026-12-02T02:22:42Z debug layer=dap [<- from client]{...}" (or "[-> to client]{...}").
std::optional<Carried> dlv_log_line(std::string_view line) {
  if (line.find("layer=dap") == std::string_view::npos) return std::nullopt;
  for (auto [marker, from_client] : {std::pair{std::string_view("[<- from client]"), true},
                                     std::pair{std::string_view("[-> to client]"), false}}) {
    if (auto at = line.find(marker); at != std::string_view::npos)
      return Carried{from_client, util::trim(line.substr(at + marker.size())), at};
  }
  return std::nullopt;
}

// vscode-go's debug adapter tracker (extension/src/goDebugFactory.ts) logs at trace level
// "client -> {...}" for what VS Code sends and "client  <- {...}" for what the adapter sends,
// after the output channel's "2024-05-01 10:00:00.123 [trace] " stamp.
std::optional<Carried> vscode_go_line(std::string_view line) {
  for (auto [marker, from_client] : {std::pair{std::string_view("client -> "), true},
                                     std::pair{std::string_view("client <- "), false}}) {
    std::string_view head = marker.substr(0, 6);  // "client"
    std::string_view arrow = marker.substr(7, 2);
    for (std::size_t at = line.find(head); at != std::string_view::npos;
         at = line.find(head, at + 1)) {
      std::size_t pos = at + head.size();
      std::size_t spaces = 0;
      while (pos < line.size() && line[pos] == ' ') ++pos, ++spaces;
      if (spaces == 0 || line.substr(pos, 2) != arrow) continue;
      pos += 2;
      if (pos >= line.size() || line[pos] != ' ') continue;
      std::string_view rest = util::trim(line.substr(pos));
      if (util::starts_with(rest, "{")) return Carried{from_client, rest, at};
    }
  }
  return std::nullopt;
}

std::optional<Carried> carried_by(TraceFormat format, std::string_view line) {
  switch (format) {
    case TraceFormat::Transcript:
      return transcript_line(line);
    case TraceFormat::DlvLog:
      return dlv_log_line(line);
    case TraceFormat::VscodeGo:
      return vscode_go_line(line);
  }
  return std::nullopt;
}

// The format of the first line that carries a message in some format, and what it carries.
// A line can look like several: a vscode-go trace line of an output event that relays a dlv log
// line holds both markers. The marker met first is the line's own format.
std::optional<std::pair<TraceFormat, Carried>> detect_format(std::string_view line) {
  std::optional<std::pair<TraceFormat, Carried>> best;
  for (TraceFormat candidate :
       {TraceFormat::Transcript, TraceFormat::DlvLog, TraceFormat::VscodeGo}) {
    auto carried = carried_by(candidate, line);
    if (carried && (!best || carried->marker_at < best->second.marker_at))
      best = std::pair{candidate, *carried};
  }
  return best;
}

// True when nothing but blank lines follows 1-based line `line_number`.
bool only_blank_lines_after(const std::vector<std::string>& lines, int line_number) {
  for (std::size_t i = static_cast<std::size_t>(line_number); i < lines.size(); ++i)
    if (!util::trim(lines[i]).empty()) return false;
  return true;
}

}  // namespace

const char* format_name(TraceFormat format) {
  switch (format) {
    case TraceFormat::Transcript:
      return "transcript";
    case TraceFormat::DlvLog:
      return "dlv log";
    case TraceFormat::VscodeGo:
      return "vscode-go trace";
  }
  return "?";
}

util::Expected<Trace> parse_trace(std::string_view text, const std::string& name) {
  Trace trace;
  std::optional<TraceFormat> format;
  int line_number = 0;
  std::vector<std::string> lines = util::split(text, '\n');
  for (const std::string& raw : lines) {
    ++line_number;
    std::string_view line = raw;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::optional<Carried> carried;
    if (format) {
      carried = carried_by(*format, line);
    } else if (auto detected = detect_format(line)) {
      std::tie(format, carried) = *detected;
    }
    if (!carried) continue;
    util::SourceLoc where{name, line_number, 0};
    dap::json message = dap::json::parse(carried->json_text, nullptr, false);
    if (message.is_discarded()) {
      std::string what = std::string("malformed DAP message in a ") + format_name(*format) +
                         " line: " + util::quote(carried->json_text.substr(0, 80));
      if (!only_blank_lines_after(lines, line_number))
        return util::fail(util::ErrorKind::Usage, what, where);
      trace.warnings.push_back(where.str() + ": the last line is cut off, left out (" + what + ")");
      continue;
    }
    if (!message.is_object() || !message.contains("type")) {
      return util::fail(util::ErrorKind::Usage,
                        "a DAP message must be a JSON object with a \"type\"", where);
    }
    trace.messages.push_back({carried->from_client, std::move(message), line_number});
  }
  if (!format) {
    return util::fail(util::ErrorKind::Usage,
                      "no DAP message found in " + name +
                          " (expected a harness transcript, a dlv --log-output=dap log, or a "
                          "vscode-go trace)");
  }
  trace.format = *format;
  return trace;
}

util::Expected<Trace> read_trace(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return util::fail(util::ErrorKind::Usage,
                      "cannot read trace " + file.string() + ": " + std::strerror(errno));
  }
  std::stringstream text;
  text << in.rdbuf();
  return parse_trace(text.str(), file.string());
}

}  // namespace replay
