#pragma once
#include <map>
#include <optional>
#include <string_view>

#include "harness/dap/json.h"

namespace replay {

// The kinds of handle an adapter hands out that a later request gives back, and that change
// from one run to the next.
enum class HandleKind { Thread, Frame, Variables, Breakpoint };

// The handle kind a member holds: `key` is the member's name, `container` the name of the array
// its object is an element of ("" if none). threadId -> Thread; frameId -> Frame;
// variablesReference -> Variables; id in threads[] / stackFrames[] / breakpoints[] -> Thread /
// Frame / Breakpoint; elements of hitBreakpointIds -> Breakpoint.
std::optional<HandleKind> handle_kind(std::string_view key, std::string_view container);

// Recorded handle -> replayed handle, learnt by walking recorded messages alongside the replayed
// ones, and applied to the arguments of later recorded requests.
class HandleMap {
 public:
  // Walks `recorded` and `replayed` (a response or event each) in step, objects by member and
  // arrays by index, and maps every integer handle found at the same place in both. A handle
  // seen again is mapped anew (dlv reuses frame and variables references after each stop).
  void learn(const dap::json& recorded, const dap::json& replayed);

  // The arguments of a recorded request with every handle this map knows replaced by its
  // replayed value (unknown handles are left as recorded).
  dap::json rewrite(const dap::json& arguments) const;

  // The replayed handle for a recorded one, if learnt.
  std::optional<long long> find(HandleKind kind, long long recorded) const;

 private:
  void learn_at(const dap::json& recorded, const dap::json& replayed, std::string_view key,
                std::string_view container);
  void rewrite_at(dap::json& value, std::string_view key, std::string_view container) const;

  std::map<std::pair<HandleKind, long long>, long long> map_;
};

}  // namespace replay
