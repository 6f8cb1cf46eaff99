#include "harness/runner/snapshot.h"

namespace runner {

namespace {

std::string frame_line(const json& frame) {
  std::string where = frame.contains("source") ? frame["source"].value("path", "?") : "?";
  return frame.value("name", "?") + "  " + where + ":" + std::to_string(frame.value("line", 0));
}

// The top `frames` frames of `thread`, or the reason they could not be read.
std::vector<std::string> top_frames(RunContext& ctx, int thread, int frames) {
  auto trace =
      ctx.request("stackTrace", {{"threadId", thread}, {"startFrame", 0}, {"levels", frames}});
  if (!trace) return {"(stackTrace failed: " + trace.error().message + ")"};
  std::vector<std::string> lines;
  for (const auto& f : (*trace)["body"].value("stackFrames", json::array()))
    lines.push_back(frame_line(f));
  return lines;
}

void append_locals(RunContext& ctx, int thread, std::string& text) {
  auto trace = ctx.request("stackTrace", {{"threadId", thread}, {"startFrame", 0}, {"levels", 1}});
  if (!trace) return;
  auto frames = (*trace)["body"].value("stackFrames", json::array());
  if (frames.empty()) return;
  auto scopes = ctx.request("scopes", {{"frameId", frames[0].value("id", 0)}});
  if (!scopes) return;
  for (const auto& scope : (*scopes)["body"].value("scopes", json::array())) {
    if (scope.value("name", "") != "Locals") continue;
    auto vars =
        ctx.request("variables", {{"variablesReference", scope.value("variablesReference", 0)}});
    if (!vars) {
      text += "  (variables failed: " + vars.error().message + ")\n";
      return;
    }
    for (const auto& v : (*vars)["body"].value("variables", json::array())) {
      text += "  " + v.value("name", "?") + " = " + v.value("value", "") + "  (" +
              v.value("type", "") + ")\n";
    }
  }
}

}  // namespace

std::string stop_snapshot(RunContext& ctx, std::size_t max_threads, int frames) {
  if (!ctx.stop || ctx.ended || ctx.session().closed()) return "";
  auto threads = ctx.request("threads", json::object());
  if (!threads) return "";
  auto list = (*threads)["body"].value("threads", json::array());
  std::string text = "goroutines at the stop (" + std::to_string(list.size()) + "):\n";
  std::size_t shown = 0;
  for (const auto& t : list) {
    if (shown++ == max_threads) {
      text += "  ... " + std::to_string(list.size() - max_threads) + " more\n";
      break;
    }
    int id = t.value("id", 0);
    text += "  " + t.value("name", "?") + "\n";  // dlv marks the current one with "*"
    for (const auto& line : top_frames(ctx, id, frames)) text += "      " + line + "\n";
  }
  text += "\nlocals of the stopped goroutine's top frame:\n";
  append_locals(ctx, ctx.stop->thread_id, text);
  return text;
}

}  // namespace runner
