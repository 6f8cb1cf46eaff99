#include "harness/replay/events.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>

#include "harness/replay/normalize.h"
#include "harness/util/strings.h"

namespace replay {

namespace {

// Non-output events by name, in order.
std::map<std::string, std::vector<const Indexed*>> by_name(const std::vector<Indexed>& events) {
  std::map<std::string, std::vector<const Indexed*>> out;
  for (const auto& e : events) {
    std::string name = e.message.value("event", "");
    if (name != "output") out[name].push_back(&e);
  }
  return out;
}

// Where an output line came from: the event that began it.
struct LineSource {
  std::size_t index = 0;
  bool past_recording = false;
};
// Per category, each output line and where it came from.
using OutputLines = std::map<std::string, std::multimap<std::string, LineSource>>;

// Output text per category, normalised and cut into lines (an unterminated last part is a line).
OutputLines output_lines(const std::vector<Indexed>& events, bool recorded,
                         const std::vector<Substitution>& subs) {
  std::map<std::string, std::pair<std::string, std::vector<LineSource>>> text;
  for (const auto& e : events) {
    if (e.message.value("event", "") != "output") continue;
    const dap::json body = e.message.value("body", dap::json::object());
    auto& [joined, starts] = text[body.value("category", "console")];
    std::string chunk = normalize_output(body.value("output", ""), recorded, subs);
    if (chunk.empty()) continue;
    // Where each line starts, so that a line is reported with the event that began it.
    LineSource source{e.index, e.past_recording};
    if (joined.empty() || joined.back() == '\n') starts.push_back(source);
    for (std::size_t i = 0; i + 1 < chunk.size(); ++i)
      if (chunk[i] == '\n') starts.push_back(source);
    joined += chunk;
  }
  OutputLines out;
  for (auto& [category, entry] : text) {
    auto& [joined, starts] = entry;
    if (!joined.empty() && joined.back() == '\n') joined.pop_back();
    auto lines = util::split(joined, '\n');
    for (std::size_t i = 0; i < lines.size(); ++i)
      out[category].emplace(lines[i], i < starts.size() ? starts[i] : LineSource{});
  }
  return out;
}

}  // namespace

std::vector<Difference> compare_events(const std::vector<Indexed>& recorded,
                                       const std::vector<Indexed>& replayed,
                                       const std::vector<Substitution>& subs) {
  std::vector<Difference> out;
  auto recorded_events = by_name(recorded);
  auto replayed_events = by_name(replayed);
  for (const auto& [name, list] : recorded_events) {
    const auto& other = replayed_events[name];
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i >= other.size()) {
        if (!list[i]->past_recording)
          out.push_back({list[i]->index, "event", name, 0, "", dap::to_text(list[i]->message), ""});
        continue;
      }
      for (auto d : diff_messages(list[i]->message, other[i]->message, subs)) {
        d.index = list[i]->index;
        d.kind = "event";
        d.name = name;
        out.push_back(std::move(d));
      }
    }
  }
  // Recorded order first, then what only the replay has.
  std::stable_sort(out.begin(), out.end(), [](const Difference& a, const Difference& b) {
    return (a.index ? a.index : SIZE_MAX) < (b.index ? b.index : SIZE_MAX);
  });
  for (const auto& [name, list] : replayed_events) {
    std::size_t known = recorded_events.count(name) ? recorded_events[name].size() : 0;
    for (std::size_t i = known; i < list.size(); ++i)
      if (!list[i]->past_recording)
        out.push_back({0, "event", name, 0, "", "", dap::to_text(list[i]->message)});
  }

  auto recorded_lines = output_lines(recorded, true, subs);
  auto replayed_lines = output_lines(replayed, false, subs);
  for (auto& [category, lines] : recorded_lines) {
    auto& others = replayed_lines[category];
    for (const auto& [line, source] : lines) {
      if (auto it = others.find(line); it != others.end()) {
        others.erase(it);
        continue;
      }
      out.push_back({source.index, "output line", category, 0, "", dap::to_text(line), ""});
    }
  }
  for (const auto& [category, lines] : replayed_lines)
    for (const auto& [line, source] : lines)
      if (!source.past_recording)
        out.push_back({0, "output line", category, 0, "", "", dap::to_text(line)});
  return out;
}

}  // namespace replay
