#include "harness/runner/result.h"

namespace runner {

const char* status_name(Status status) {
  switch (status) {
    case Status::Pass:
      return "PASS";
    case Status::Fail:
      return "FAIL";
    case Status::Error:
      return "ERROR";
    case Status::Skip:
      return "SKIP";
  }
  return "?";
}

namespace {

// `text` with every line but the first indented by `pad`.
std::string indented(const std::string& text, const std::string& pad) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '\n') out += pad;
  }
  return out;
}

}  // namespace

std::optional<Problem> ProblemList::headline() const {
  if (problems_.empty()) return std::nullopt;
  Problem head = problems_.front();
  if (problems_.size() == 1) return head;
  head.later.assign(problems_.begin() + 1, problems_.end());
  head.message += "\n" + std::to_string(head.later.size()) + " more failed step(s) after it:";
  for (std::size_t i = 0; i < head.later.size(); ++i) {
    const Problem& p = head.later[i];
    head.mismatches.insert(head.mismatches.end(), p.mismatches.begin(), p.mismatches.end());
    if (i < kLaterShown) head.message += "\n  " + indented(p.message, "  ");
  }
  if (head.later.size() > kLaterShown)
    head.message += "\n  ... and " + std::to_string(head.later.size() - kLaterShown) + " more";
  return head;
}

}  // namespace runner
