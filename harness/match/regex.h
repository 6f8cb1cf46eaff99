#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "harness/util/expected.h"

namespace re2 {
class RE2;
}

namespace match {

// A regular expression in RE2 syntax (Perl-like: \d \w \s \b, (?i), (?:...), lazy quantifiers),
// matched in time linear in the text: no back-references and no look-around, which is what
// lets a 1 MiB dlv value meet `^(a|a)*b$` in milliseconds. Every pattern a user or dlv can
// influence (scenario matchers, --filter/--skip, record's generalised values) goes through it.
// Cheap to copy: copies share the compiled program, which is safe to use from several threads.
class Regex {
 public:
  // The compiled `pattern`, or a message saying what is wrong with it (RE2's reason, with a hint
  // when the pattern uses ECMAScript or PCRE syntax RE2 leaves out).
  static util::Expected<Regex> compile(std::string_view pattern);

  // True when some part of `text` matches.
  bool search(std::string_view text) const;
  // True when the whole of `text` matches.
  bool full_match(std::string_view text) const;
  // The first match in `text`: where it starts and how long it is, or nullopt.
  struct Found {
    std::size_t position;
    std::size_t length;
  };
  std::optional<Found> find(std::string_view text) const;

 private:
  explicit Regex(std::shared_ptr<const re2::RE2> compiled) : compiled_(std::move(compiled)) {}
  std::shared_ptr<const re2::RE2> compiled_;
};

}  // namespace match
