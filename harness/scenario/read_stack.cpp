#include <algorithm>

#include "harness/scenario/readers.h"
#include "harness/util/strings.h"

namespace scenario {
namespace {

// `frames:` of expect_stack: a list of {function, file, line, presentation_hint}.
void read_frames(Reader& reader, const Entry& entry, std::vector<FrameExpect>& frames) {
  static const std::vector<std::string> keys = {"function", "file", "line", "presentation_hint"};
  static const std::vector<std::string> hints = {"normal", "label", "subtle"};
  if (entry.value.IsNull()) return;
  if (!entry.value.IsSequence()) {
    reader.error(reader.value_loc(entry), "'frames' must be a list, got " + describe(entry.value));
    return;
  }
  for (const auto& item : entry.value) {
    if (!item.IsMap()) {
      reader.error(
          reader.item_loc(entry.value, item),
          "a frame must be a map (function, file, line, presentation_hint), got " + describe(item));
      continue;
    }
    FrameExpect frame;
    frame.loc = reader.loc(item);
    for (const auto& pair : reader.entries(item, &keys, "frame")) {
      auto matcher = reader.matcher(pair);
      if (!matcher) continue;
      if (pair.key == "function") frame.function = std::move(matcher);
      if (pair.key == "file") frame.file = std::move(matcher);
      if (pair.key == "line") frame.line = std::move(matcher);
      if (pair.key != "presentation_hint") continue;
      // A bare hint is one of DAP's three: a typo would never match anything.
      if (matcher->op() == match::Op::Eq) {
        std::string hint = match::scalar_text(matcher->operand());
        if (std::find(hints.begin(), hints.end(), hint) == hints.end()) {
          std::string close = util::did_you_mean(hint, hints);
          reader.error(matcher->loc(), "unknown presentation_hint '" + hint + "'" +
                                           (close.empty() ? "; hints: " + util::join(hints, ", ")
                                                          : " (did you mean '" + close + "'?)"));
          continue;
        }
      }
      frame.presentation_hint = std::move(matcher);
    }
    frames.push_back(std::move(frame));
  }
}

// A list of matchers (`names:`, `absent:` of expect_threads).
void read_matchers(Reader& reader, const Entry& entry, std::vector<match::Matcher>& out) {
  if (entry.value.IsNull()) return;
  if (!entry.value.IsSequence()) {
    reader.error(reader.value_loc(entry),
                 "'" + entry.key + "' must be a list of matchers, got " + describe(entry.value));
    return;
  }
  for (const auto& item : entry.value) {
    if (auto matcher = reader.matcher(Entry{entry.key, entry.key_node, item})) {
      out.push_back(std::move(*matcher));
    }
  }
}

// `counts: [{name: MATCHER, count: MATCHER}, ...]`.
void read_thread_counts(Reader& reader, const Entry& entry, std::vector<ThreadCount>& out) {
  if (!entry.value.IsSequence()) {
    reader.error(reader.value_loc(entry),
                 "'counts' must be a list of {name, count} maps, got " + describe(entry.value));
    return;
  }
  static const std::vector<std::string> keys = {"name", "count"};
  for (const auto& item : entry.value) {
    auto pairs = reader.map_value(Entry{entry.key, entry.key_node, item}, &keys);
    if (!pairs) continue;
    const Entry* name = nullptr;
    const Entry* count = nullptr;
    for (const auto& pair : *pairs) (pair.key == "name" ? name : count) = &pair;
    for (auto [key, given] : {std::pair{"name", name}, std::pair{"count", count}})
      if (!given) reader.missing(reader.item_loc(entry.value, item), key, "counts");
    if (!name || !count) continue;
    auto name_matcher = reader.matcher(*name);
    auto count_matcher = reader.matcher(*count);
    if (name_matcher && count_matcher)
      out.push_back({std::move(*name_matcher), std::move(*count_matcher)});
  }
}

}  // namespace

std::optional<StepKind> read_expect_stack(Reader& reader, const Entry& body) {
  static const std::vector<std::string> keys = {"frames", "exact",  "total_frames", "start_frame",
                                                "levels", "thread", "error"};
  auto pairs = reader.map_value(body, &keys);
  if (!pairs) return std::nullopt;
  ExpectStack stack;
  stack.loc = body.value.IsNull() ? reader.key_loc(body) : reader.value_loc(body);
  const Entry* exact = nullptr;
  const Entry* error = nullptr;
  bool has_frames = false;
  for (const auto& pair : *pairs) {
    if (pair.key == "frames") {
      has_frames = true;
      read_frames(reader, pair, stack.frames);
    } else if (pair.key == "exact") {
      exact = &pair;
      if (auto value = reader.boolean(pair)) stack.exact = *value;
    } else if (pair.key == "start_frame") {
      if (auto value = reader.integer(pair, 0)) stack.start_frame = *value;
    } else if (pair.key == "levels") {
      stack.levels = reader.integer(pair, 1);
    } else if (pair.key == "total_frames") {
      stack.total_frames = reader.matcher(pair);
    } else if (pair.key == "error") {
      error = &pair;
      stack.error = reader.matcher(pair);
    } else {
      stack.thread = reader.matcher(pair);
    }
  }
  if (error && (has_frames || stack.total_frames)) {
    reader.error(reader.key_loc(*error),
                 "'error' expects the stackTrace to be refused: no 'frames' or 'total_frames' "
                 "with it");
  }
  if (exact && !has_frames) {
    reader.error(reader.key_loc(*exact),
                 "'exact' needs 'frames' (the frames the stack consists of)");
  }
  return stack;
}

std::optional<StepKind> read_expect_threads(Reader& reader, const Entry& body) {
  static const std::vector<std::string> keys = {"count", "names", "absent", "counts"};
  auto pairs = reader.map_value(body, &keys);
  if (!pairs) return std::nullopt;
  ExpectThreads threads;
  for (const auto& pair : *pairs) {
    if (pair.key == "count") {
      threads.count = reader.matcher(pair);
    } else if (pair.key == "names") {
      read_matchers(reader, pair, threads.names);
    } else if (pair.key == "counts") {
      read_thread_counts(reader, pair, threads.counts);
    } else {
      read_matchers(reader, pair, threads.absent);
    }
  }
  bool written = body.value.IsMap() && body.value.size() != 0;
  if (!written) {
    reader.error(body.value.IsNull() ? reader.key_loc(body) : reader.value_loc(body),
                 "'expect_threads' needs at least one of count, names, absent, counts");
  }
  return threads;
}

std::optional<match::Matcher> read_thread_selector(Reader& reader, const Entry& body, bool& ok) {
  static const std::vector<std::string> keys = {"thread"};
  auto pairs = reader.map_value(body, &keys);
  ok = pairs && (!body.value.IsMap() || pairs->size() == body.value.size());
  if (!ok || pairs->empty()) return std::nullopt;
  auto thread = reader.matcher(pairs->front());
  ok = thread.has_value();
  return thread;
}

}  // namespace scenario
