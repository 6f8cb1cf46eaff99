#include "harness/scenario/readers.h"
#include "harness/scenario/yaml_reader.h"

namespace scenario {

namespace {

// One item: an event name, or {event: NAME, body: {...}}.
std::optional<EventExpect> read_event(Reader& reader, const YAML::Node& list,
                                      const YAML::Node& item) {
  SourceLoc where = reader.item_loc(list, item);
  if (item.IsScalar()) return EventExpect{item.Scalar(), std::nullopt, where};
  if (!item.IsMap()) {
    reader.error(where, "an event is a name or {event: NAME, body: {...}}, got " + describe(item));
    return std::nullopt;
  }
  static const std::vector<std::string> keys = {"event", "body"};
  EventExpect expect{"", std::nullopt, where};
  bool ok = true;
  auto pairs = reader.entries(item, &keys);
  for (const auto& pair : pairs) {
    if (pair.key == "event") {
      auto name = reader.string(pair);
      ok = ok && name;
      if (name) expect.event = *name;
    } else {
      expect.body = read_json_expect(reader, pair);
      ok = ok && expect.body;
    }
  }
  if (expect.event.empty() && ok) {
    reader.missing(where, "event");
    return std::nullopt;
  }
  if (!ok || pairs.size() != item.size()) return std::nullopt;
  return expect;
}

std::optional<std::vector<EventExpect>> read_events(Reader& reader, const Entry& entry) {
  if (!entry.value.IsSequence()) {
    reader.error(reader.value_loc(entry),
                 "'" + entry.key + "' must be a list of events, got " + describe(entry.value));
    return std::nullopt;
  }
  std::vector<EventExpect> events;
  bool ok = true;
  for (const auto& item : entry.value) {
    auto event = read_event(reader, entry.value, item);
    ok = ok && event;
    if (event) events.push_back(std::move(*event));
  }
  if (!ok) return std::nullopt;
  return events;
}

}  // namespace

std::optional<StepKind> read_expect_events(Reader& reader, const Entry& body) {
  static const std::vector<std::string> keys = {"in_order", "absent", "exact", "ignore"};
  auto pairs = reader.map_value(body, &keys);
  if (!pairs) return std::nullopt;
  ExpectEvents expect;
  bool ok = pairs->size() == (body.value.IsMap() ? body.value.size() : 0);
  for (const auto& pair : *pairs) {
    if (pair.key == "exact") {
      auto exact = reader.boolean(pair);
      ok = ok && exact;
      expect.exact = exact.value_or(false);
    } else if (pair.key == "ignore") {
      auto names = reader.strings(pair);
      ok = ok && names;
      if (names) expect.ignore = std::move(*names);
    } else {
      auto events = read_events(reader, pair);
      ok = ok && events;
      if (events) (pair.key == "in_order" ? expect.in_order : expect.absent) = std::move(*events);
    }
  }
  if (ok && expect.in_order.empty() && expect.absent.empty() && !expect.exact) {
    reader.error(reader.value_loc(body), "'expect_events' needs 'in_order', 'absent' or 'exact'");
    return std::nullopt;
  }
  if (!ok) return std::nullopt;
  return expect;
}

}  // namespace scenario
