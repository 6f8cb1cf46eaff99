#include "harness/replay/diff.h"

#include <algorithm>
#include <map>

#include "harness/replay/handles.h"
#include "harness/replay/normalize.h"

namespace replay {

namespace {

constexpr const char* kAbsent = "(absent)";

class Differ {
 public:
  explicit Differ(std::vector<Difference>& out) : out_(out) {}

  void compare(const dap::json& recorded, const dap::json& replayed, const std::string& path,
               std::string_view key, std::string_view container) {
    if (recorded.is_number_integer() && replayed.is_number_integer() &&
        handle_kind(key, container)) {
      if ((recorded.get<long long>() == 0) != (replayed.get<long long>() == 0))
        add(path, dap::to_text(recorded), dap::to_text(replayed));
      return;
    }
    if (recorded.is_object() && replayed.is_object()) {
      std::string_view inner = key.empty() ? container : std::string_view();
      for (const auto& [member, value] : recorded.items()) {
        std::string at = path.empty() ? member : path + "." + member;
        if (auto it = replayed.find(member); it != replayed.end())
          compare(value, *it, at, member, inner);
        else
          add(at, dap::to_text(value), kAbsent);
      }
      for (const auto& [member, value] : replayed.items())
        if (!recorded.contains(member))
          add(path.empty() ? member : path + "." + member, kAbsent, dap::to_text(value));
      return;
    }
    if (recorded.is_array() && replayed.is_array()) {
      if (key == "threads") return compare_threads(recorded, replayed, path);
      std::size_t n = std::max(recorded.size(), replayed.size());
      for (std::size_t i = 0; i < n; ++i) {
        std::string at = path + "[" + std::to_string(i) + "]";
        if (i >= replayed.size())
          add(at, dap::to_text(recorded[i]), kAbsent);
        else if (i >= recorded.size())
          add(at, kAbsent, dap::to_text(replayed[i]));
        else
          compare(recorded[i], replayed[i], at, "", key);
      }
      return;
    }
    if (recorded != replayed) add(path, dap::to_text(recorded), dap::to_text(replayed));
  }

 private:
  // Threads by name, as a multiset: each name's count on both sides. Goroutines parked in the
  // runtime (GC workers, the finalizer, the scavenger) come and go and change their current
  // function between runs of one program, so only the others are counted.
  void compare_threads(const dap::json& recorded, const dap::json& replayed,
                       const std::string& path) {
    auto in_runtime = [](const std::string& name) {
      std::size_t bracket = name.find("] ");
      return bracket != std::string::npos && name.compare(bracket + 2, 8, "runtime.") == 0;
    };
    std::map<std::string, std::pair<int, int>> counts;
    for (const auto& t : recorded)
      if (std::string name = t.value("name", ""); !in_runtime(name)) ++counts[name].first;
    for (const auto& t : replayed)
      if (std::string name = t.value("name", ""); !in_runtime(name)) ++counts[name].second;
    for (const auto& [name, count] : counts) {
      if (count.first == count.second) continue;
      add(path + "[name=" + dap::to_text(name) + "]", std::to_string(count.first) + " thread(s)",
          std::to_string(count.second) + " thread(s)");
    }
  }

  void add(const std::string& path, std::string recorded, std::string replayed) {
    Difference d;
    d.path = path;
    d.recorded = std::move(recorded);
    d.replayed = std::move(replayed);
    out_.push_back(std::move(d));
  }

  std::vector<Difference>& out_;
};

}  // namespace

std::string Difference::str() const {
  std::string head =
      (index ? "#" + std::to_string(index) + " " : std::string()) + kind + " '" + name + "'";
  if (request) head += " (request " + std::to_string(request) + ")";
  if (path.empty()) {
    bool output = kind == "output line";
    if (replayed.empty()) return head + " missing" + (output ? ": " + recorded : "");
    return "extra " + head + (output ? ": " + replayed : "");
  }
  return head + ": " + path + ": recorded " + recorded + ", replayed " + replayed;
}

std::vector<Difference> diff_messages(const dap::json& recorded, const dap::json& replayed,
                                      const std::vector<Substitution>& subs) {
  std::vector<Difference> out;
  Differ(out).compare(normalize_message(recorded, true, subs),
                      normalize_message(replayed, false, subs), "", "", "");
  return out;
}

}  // namespace replay
