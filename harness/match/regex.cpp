#include "harness/match/regex.h"

#include <re2/re2.h>

namespace match {
namespace {

// What to add to RE2's reason when the pattern leans on syntax RE2 deliberately lacks.
std::string hint_for(const re2::RE2& re) {
  const std::string& arg = re.error_arg();
  if (re.error_code() == re2::RE2::ErrorBadPerlOp && arg.rfind("(?", 0) == 0 && arg.size() >= 3 &&
      (arg[2] == '=' || arg[2] == '!' || arg[2] == '<'))
    return " (look-around is not supported: scenario regexes are RE2, matched in linear time; "
           "say what must not match with none_of, e.g. {none_of: [{contains: runtime.}]})";
  if (re.error_code() == re2::RE2::ErrorBadEscape && arg.size() == 2 && arg[1] >= '1' &&
      arg[1] <= '9')
    return " (back-references are not supported: scenario regexes are RE2, matched in linear "
           "time)";
  if (re.error_code() == re2::RE2::ErrorRepeatSize)
    return " (RE2 repeats at most 1000 times, nested repetitions included; write x{2500} as "
           "x{1000}x{1000}x{500})";
  return "";
}

// RE2's reason, without repeating the whole pattern after it ("missing ): (ab" -> "missing )").
std::string reason_of(const re2::RE2& re) {
  std::string reason = re.error();
  const std::string tail = ": " + re.error_arg();
  if (re.error_arg() == re.pattern() && reason.size() > tail.size() &&
      reason.compare(reason.size() - tail.size(), tail.size(), tail) == 0)
    reason.resize(reason.size() - tail.size());
  return reason + hint_for(re);
}

re2::RE2::Options options() {
  re2::RE2::Options o;
  o.set_log_errors(false);  // the reason goes into our message, not onto stderr
  return o;
}

}  // namespace

util::Expected<Regex> Regex::compile(std::string_view pattern) {
  auto compiled =
      std::make_shared<const re2::RE2>(re2::StringPiece(pattern.data(), pattern.size()), options());
  if (!compiled->ok()) return util::fail(util::ErrorKind::Usage, reason_of(*compiled));
  return Regex(std::move(compiled));
}

bool Regex::search(std::string_view text) const {
  return re2::RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *compiled_);
}

bool Regex::full_match(std::string_view text) const {
  return re2::RE2::FullMatch(re2::StringPiece(text.data(), text.size()), *compiled_);
}

std::optional<Regex::Found> Regex::find(std::string_view text) const {
  re2::StringPiece input(text.data(), text.size()), match;
  if (!compiled_->Match(input, 0, input.size(), re2::RE2::UNANCHORED, &match, 1))
    return std::nullopt;
  return Found{static_cast<std::size_t>(match.data() - text.data()), match.size()};
}

}  // namespace match
