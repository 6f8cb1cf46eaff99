#include "harness/drift/compare_sessions.h"

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "harness/replay/events.h"
#include "harness/util/strings.h"

namespace drift {

namespace {

using replay::Difference;

// Whether a `variables` response lists a map's entries (names are quoted keys, in an order the
// hash seed decides).
bool map_entries(const dap::json& response) {
  auto body = response.find("body");
  if (body == response.end() || !body->is_object()) return false;
  auto vars = body->find("variables");
  if (vars == body->end() || !vars->is_array()) return false;
  return std::any_of(vars->begin(), vars->end(), [](const dap::json& v) {
    return v.is_object() && util::starts_with(v.value("name", ""), "\"");
  });
}

std::string name_of(const dap::json& v) {
  return v.is_object() ? v.value("name", "") : "";
}

// The two responses to the same `variables` request, made comparable where they list a map's
// entries: the hash seed decides their order and, where not all are loaded (a page, or more than
// the load limit), which ones come; so the entries both sides hold are compared, sorted by name,
// and their number (as body.variables.length).
std::pair<dap::json, dap::json> comparable_variables(dap::json a, dap::json b) {
  if (!map_entries(a) || !map_entries(b)) return {std::move(a), std::move(b)};
  auto& list_a = a["body"]["variables"];
  auto& list_b = b["body"]["variables"];
  std::set<std::string> names_a, names_b;
  for (const auto& v : list_a) names_a.insert(name_of(v));
  for (const auto& v : list_b) names_b.insert(name_of(v));
  auto unshared = [](const std::set<std::string>& other) {
    return [&other](const dap::json& v) { return !other.count(name_of(v)); };
  };
  a["body"]["variables.length"] = list_a.size();
  b["body"]["variables.length"] = list_b.size();
  list_a.erase(std::remove_if(list_a.begin(), list_a.end(), unshared(names_b)), list_a.end());
  list_b.erase(std::remove_if(list_b.begin(), list_b.end(), unshared(names_a)), list_b.end());
  auto by_name = [](const dap::json& x, const dap::json& y) { return name_of(x) < name_of(y); };
  std::stable_sort(list_a.begin(), list_a.end(), by_name);
  std::stable_sort(list_b.begin(), list_b.end(), by_name);
  return {std::move(a), std::move(b)};
}

// `message` with the code and memory addresses dlv reports as references replaced by "<addr>":
// they move with every build (another Go, other flags), so only whether one is there is compared.
dap::json without_code_addresses(dap::json message) {
  if (message.is_object()) {
    for (auto& [key, value] : message.items()) {
      if ((key == "instructionPointerReference" || key == "memoryReference") && value.is_string())
        value = "<addr>";
      else
        value = without_code_addresses(std::move(value));
    }
  } else if (message.is_array()) {
    for (auto& item : message) item = without_code_addresses(std::move(item));
  }
  return message;
}

// `response` with its `variables` list keyed by name where the names are unique, so that an
// added or removed field is one difference, not a shift of every later one; their order becomes
// one line of its own (body.variables.order).
dap::json variables_by_name(dap::json response) {
  auto body = response.find("body");
  if (body == response.end() || !body->is_object()) return response;
  auto vars = body->find("variables");
  if (vars == body->end() || !vars->is_array()) return response;
  dap::json keyed = dap::json::object();
  std::string order;
  for (const auto& v : *vars) {
    std::string name = name_of(v);
    std::string key = "[" + name + "]";        // body.variables.[name].value in a difference's path
    if (keyed.contains(key)) return response;  // not unique: compared by position
    keyed[key] = v;
    order += (order.empty() ? "" : ", ") + name;
  }
  (*body)["variables"] = std::move(keyed);
  (*body)["variables.order"] = order;
  return response;
}

// `response` with its thread names stripped of what timing decides: the "* " of the goroutine
// that is current and the " (Thread N)" of one that holds an OS thread at that moment.
dap::json threads_without_timing(dap::json response) {
  static const std::regex decorations(R"(^\* | \(Thread [0-9]+\)$)");
  auto body = response.find("body");
  if (body == response.end() || !body->is_object()) return response;
  auto threads = body->find("threads");
  if (threads == body->end() || !threads->is_array()) return response;
  for (auto& t : *threads)
    if (t.is_object() && t.contains("name") && t["name"].is_string())
      t["name"] = std::regex_replace(t["name"].get<std::string>(), decorations, "");
  return response;
}

// Whether `d` is two texts dlv cut ("...") at its length limit that agree up to the cut: the cut
// falls a few characters earlier or later when the addresses before it are longer or shorter.
bool cut_at_another_place(const Difference& d) {
  constexpr std::size_t kSlack = 24;
  auto text = [](const std::string& json_text) {
    auto value = dap::json::parse(json_text, nullptr, false);
    return value.is_string() ? value.get<std::string>() : std::string();
  };
  std::string a = text(d.recorded), b = text(d.replayed);
  if (!util::ends_with(a, "...") || !util::ends_with(b, "...")) return false;
  std::size_t shorter = std::min(a.size(), b.size());
  if (shorter <= kSlack) return false;
  return a.compare(0, shorter - kSlack, b, 0, shorter - kSlack) == 0;
}

// A request and the response to it (null when none came).
struct Exchange {
  const LoggedMessage* request = nullptr;
  const LoggedMessage* response = nullptr;
};

// Per command, the exchanges in the order the requests were sent.
std::map<std::string, std::vector<Exchange>> exchanges_of(const SessionLog& log) {
  std::map<int, const LoggedMessage*> responses;
  for (const auto& m : log.messages)
    if (!m.from_client && m.message.value("type", "") == "response")
      responses[m.message.value("request_seq", 0)] = &m;
  std::map<std::string, std::vector<Exchange>> out;
  for (const auto& m : log.messages) {
    if (!m.from_client || m.message.value("type", "") != "request") continue;
    auto found = responses.find(m.message.value("seq", 0));
    out[m.message.value("command", "")].push_back(
        {&m, found == responses.end() ? nullptr : found->second});
  }
  return out;
}

// Whether `m` came during the teardown, whose timing decides which of dlv's last events are
// recorded before the connection closes.
bool in_teardown(const SessionLog& log, const LoggedMessage& m) {
  return log.steps[m.step].teardown();
}

// The events of a log, indexed by their position in it (1-based). Those of the teardown may stand
// for an event of the other side but are never reported as new (`past_recording`).
std::vector<replay::Indexed> events_of(const SessionLog& log) {
  std::vector<replay::Indexed> out;
  for (std::size_t i = 0; i < log.messages.size(); ++i) {
    const auto& m = log.messages[i];
    if (!m.from_client && m.message.value("type", "") == "event")
      out.push_back({i + 1, m.message, in_teardown(log, m)});
  }
  return out;
}

// FROM -> TO for a path argument of the launch request that differs between the sides (the
// built binary, dlv's output file, the program's folder: Delve's fixtures come from the module
// of each cell's dlv): both name the same thing.
void add_launch_paths(const SessionLog& from, const SessionLog& to,
                      std::vector<replay::Substitution>& subs) {
  auto launch_of = [](const SessionLog& log) -> dap::json {
    for (const auto& m : log.messages)
      if (m.from_client && m.message.value("command", "") == "launch")
        return m.message.value("arguments", dap::json::object());
    return dap::json::object();
  };
  dap::json a = launch_of(from), b = launch_of(to);
  for (const char* key : {"program", "output", "cwd"}) {
    std::string pa = a.value(key, ""), pb = b.value(key, "");
    if (!pa.empty() && !pb.empty() && pa != pb) subs.insert(subs.begin(), {pa, pb});
  }
}

class Comparison {
 public:
  Comparison(const SessionLog& from, const SessionLog& to, std::vector<replay::Substitution> subs,
             std::vector<std::string> std_roots)
      : from_(from), to_(to), subs_(std::move(subs)), std_roots_(std::move(std_roots)) {}

  std::vector<Drift> run() {
    compare_exchanges();
    compare_events();
    return std::move(out_);
  }

 private:
  void add(Difference d, const LoggedMessage* from_side, const LoggedMessage* to_side) {
    const LoggedMessage* where = from_side ? from_side : to_side;
    const SessionLog& log = from_side ? from_ : to_;
    StepMark step = where ? log.steps[where->step] : StepMark{};
    DriftKind kind = classify(d, from_side ? &from_side->message : nullptr, std_roots_);
    out_.push_back({kind, std::move(step), std::move(d)});
  }

  void compare_exchanges() {
    auto a = exchanges_of(from_);
    auto b = exchanges_of(to_);
    for (const auto& [command, list] : a) {
      const auto& other = b[command];
      for (std::size_t i = 0; i < std::max(list.size(), other.size()); ++i) {
        const Exchange* x = i < list.size() ? &list[i] : nullptr;
        const Exchange* y = i < other.size() ? &other[i] : nullptr;
        compare_exchange(command, x, y);
      }
    }
    for (const auto& [command, list] : b)
      if (!a.count(command))
        for (const auto& y : list) compare_exchange(command, nullptr, &y);
  }

  void compare_exchange(const std::string& command, const Exchange* x, const Exchange* y) {
    if (!x || !y) {
      const Exchange* only = x ? x : y;
      Difference d{0, "request", command, 0, "", x ? "sent" : "", y ? "sent" : ""};
      add(std::move(d), x ? only->request : nullptr, y ? only->request : nullptr);
      return;
    }
    if (!x->response || !y->response) {
      if (x->response || y->response)
        add({0, "response", command, 0, "", x->response ? "answered" : "",
             y->response ? "answered" : ""},
            x->request, y->request);
      return;
    }
    auto prepared = [](const dap::json& m) {
      return threads_without_timing(without_code_addresses(m));
    };
    auto [a, b] =
        comparable_variables(prepared(x->response->message), prepared(y->response->message));
    for (auto d : replay::diff_messages(variables_by_name(std::move(a)),
                                        variables_by_name(std::move(b)), subs_)) {
      if (cut_at_another_place(d)) continue;
      d.kind = "response";
      d.name = command;
      add(std::move(d), x->response, y->response);
    }
  }

  // Events by name and occurrence. One that only the from side has is left out when it came in
  // the teardown (the to side may simply have closed sooner).
  void compare_events() {
    for (auto d : replay::compare_events(events_of(from_), events_of(to_), subs_)) {
      const LoggedMessage* from_side = d.index ? &from_.messages[d.index - 1] : nullptr;
      bool gone = d.path.empty() && d.replayed.empty();
      if (gone && from_side && in_teardown(from_, *from_side)) continue;
      d.index = 0;
      add(std::move(d), from_side, nullptr);
    }
  }

  const SessionLog& from_;
  const SessionLog& to_;
  std::vector<replay::Substitution> subs_;
  std::vector<std::string> std_roots_;
  std::vector<Drift> out_;
};

// The noise keys of a scenario: what two runs of one cell show different, and what the runs of
// the two cells do not all show different (real drift is systematic: every run of one cell
// against every run of the other shows it; a race shows in some pairs only). `first_pair`: the
// drifts of the first runs of both cells.
std::set<std::string> noise_of(const std::vector<SessionLog>& from,
                               const std::vector<SessionLog>& to,
                               const std::vector<replay::Substitution>& subs,
                               const std::vector<Drift>& first_pair) {
  std::set<std::string> noise;
  for (const auto* cell : {&from, &to})
    for (std::size_t k = 1; k < cell->size(); ++k)
      for (const auto& d : compare_sessions(cell->front(), (*cell)[k], {}))
        noise.insert(noise_key(d));
  std::set<std::string> everywhere;
  for (const auto& d : first_pair) everywhere.insert(noise_key(d));
  std::set<std::string> somewhere = everywhere;
  for (std::size_t i = 0; i < from.size(); ++i) {
    for (std::size_t j = 0; j < to.size(); ++j) {
      if (i == 0 && j == 0) continue;
      std::set<std::string> pair;
      for (const auto& d : compare_sessions(from[i], to[j], subs)) pair.insert(noise_key(d));
      std::erase_if(everywhere, [&pair](const std::string& key) { return !pair.count(key); });
    }
  }
  for (const auto& key : somewhere)
    if (!everywhere.count(key)) noise.insert(key);
  return noise;
}

}  // namespace

std::string Drift::str() const {
  return step.keyword.empty() ? what() : step.str() + ": " + what();
}

std::string Drift::what() const {
  const auto& d = difference;
  std::string what = d.kind + " '" + d.name + "'";
  if (d.path.empty()) {
    bool gone = d.replayed.empty();
    std::string text = d.kind == "output line" ? ": " + (gone ? d.recorded : d.replayed) : "";
    return what + (gone ? " gone" : " new") + text;
  }
  return what + ": " + d.path + ": " + d.recorded + " -> " + d.replayed;
}

std::string noise_key(const Drift& drift) {
  static const std::regex thread_name(R"(\[name=.*\])");
  const auto& d = drift.difference;
  if (d.path.empty() && d.kind != "request") return d.kind + " " + d.name;
  return std::to_string(drift.step.number) + " " + d.kind + " " + d.name + " " +
         std::regex_replace(d.path, thread_name, "[name]");
}

std::size_t remove_noise(std::vector<Drift>& drifts, const std::set<std::string>& noise) {
  std::size_t before = drifts.size();
  drifts.erase(std::remove_if(drifts.begin(), drifts.end(),
                              [&noise](const Drift& d) { return noise.count(noise_key(d)) > 0; }),
               drifts.end());
  return before - drifts.size();
}

std::vector<Drift> compare_sessions(const SessionLog& from, const SessionLog& to,
                                    std::vector<replay::Substitution> subs) {
  std::vector<std::string> std_roots;
  for (const auto& sub : subs) std_roots.push_back(sub.from + "/src/");
  add_launch_paths(from, to, subs);
  return Comparison(from, to, std::move(subs), std::move(std_roots)).run();
}

RunsDrift compare_runs(const std::vector<SessionLog>& from, const std::vector<SessionLog>& to,
                       const std::vector<replay::Substitution>& subs) {
  RunsDrift out{compare_sessions(from.front(), to.front(), subs), 0};
  out.unstable = remove_noise(out.drifts, noise_of(from, to, subs, out.drifts));
  return out;
}

}  // namespace drift
