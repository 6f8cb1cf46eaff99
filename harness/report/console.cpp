#include "harness/report/console.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "harness/util/strings.h"

namespace report {

namespace {

const char* colour_of(runner::Status status) {
  switch (status) {
    case runner::Status::Pass:
      return "\x1b[32m";
    case runner::Status::Fail:
      return "\x1b[31m";
    case runner::Status::Error:
      return "\x1b[35m";
    case runner::Status::Skip:
      return "\x1b[33m";
  }
  return "";
}

std::string indent(const std::string& text, const std::string& prefix) {
  std::string out;
  for (const auto& line : util::split(text, '\n')) out += prefix + line + "\n";
  return out;
}

}  // namespace

bool use_colour(Colour mode, bool terminal) {
  if (mode != Colour::Auto) return mode == Colour::Always;
  const char* force = std::getenv("FORCE_COLOR");
  if (force && std::string_view(force) != "0") return true;
  const char* no_colour = std::getenv("NO_COLOR");
  if (no_colour && *no_colour) return false;
  return terminal;
}

ConsoleReporter::ConsoleReporter(std::FILE* out, ConsoleStyle style)
    : out_(out),
      verbosity_(style.verbosity),
      colour_(use_colour(style.colour, isatty(fileno(out)))),
      tty_(isatty(fileno(out)) && style.verbosity != Verbosity::Quiet) {}

void ConsoleReporter::started(const scenario::ScenarioEntry&, int, std::size_t, std::size_t total) {
  total_ = total;
  ++running_;
  show_progress();
}

void ConsoleReporter::clear_progress() {
  if (tty_) std::fputs("\r\x1b[K", out_);
}

void ConsoleReporter::show_progress() {
  if (!tty_) return;
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  clear_progress();
  std::fprintf(out_, "[%zu/%zu] %zu running, %zu failed  %.1fs", done_, total_, running_, failed_,
               elapsed);
  std::fflush(out_);
}

void ConsoleReporter::finished(const runner::ScenarioResult& r) {
  ++done_;
  running_ -= running_ > 0;
  failed_ += r.status == runner::Status::Fail || r.status == runner::Status::Error;
  clear_progress();
  const bool passed = r.status == runner::Status::Pass || r.status == runner::Status::Skip;
  if (verbosity_ == Verbosity::Quiet && passed && !r.flaky()) return;
  const char* name = runner::status_name(r.status);
  std::string status = colour_ ? std::string(colour_of(r.status)) + name + "\x1b[0m" : name;
  std::string pad(6 - std::string(name).size(), ' ');
  std::fprintf(out_, "%s%s %8s  %s  %s\n", status.c_str(), pad.c_str(),
               util::format_seconds(r.duration).c_str(), r.id.c_str(), r.display_name().c_str());
  if (r.flaky()) {
    std::fprintf(out_, "       flaky: passed on attempt %d; attempt 1 failed:\n", r.attempts);
    if (r.first_failure) std::fputs(indent(r.first_failure->message, "         ").c_str(), out_);
  }
  if (r.status == runner::Status::Fail || r.status == runner::Status::Error) {
    std::fputs(indent(r.problem.message, "       ").c_str(), out_);
    if (!r.artifacts_dir.empty()) {
      std::fprintf(out_, "       (transcript and dlv log: %s)\n", r.artifacts_dir.c_str());
    }
  } else if (r.status == runner::Status::Skip) {
    std::fputs(indent(r.problem.message, "       ").c_str(), out_);
  }
  if (verbosity_ == Verbosity::Verbose) {
    if (!r.phases.empty())
      std::fprintf(out_, "       timings: %s\n", util::phases_text(r.phases).c_str());
    if (passed && !r.artifacts_dir.empty())
      std::fprintf(out_, "       artifacts: %s\n", r.artifacts_dir.c_str());
  }
  show_progress();
  std::fflush(out_);
}

std::string not_passed_list(const std::vector<runner::ScenarioResult>& results) {
  std::string lines;
  std::size_t count = 0;
  for (const auto& r : results) {
    if (r.status != runner::Status::Fail && r.status != runner::Status::Error) continue;
    const auto& where = r.problem.where.known() ? r.problem.where : r.loc;
    std::string at = where.known() ? where.str() : r.id;
    char line[64];
    std::snprintf(line, sizeof line, "  %-6s ", runner::status_name(r.status));
    lines += "  " + at + line + r.display_name() + "\n";
    ++count;
  }
  if (count == 0) return "";
  return "harness: " + std::to_string(count) + " not passed:\n" + lines;
}

std::string build_line(const std::vector<runner::ScenarioResult>& results) {
  std::size_t built = 0, cached = 0;
  for (const auto& r : results) {
    if (!r.build_cache_hit) continue;
    cached += *r.build_cache_hit;
    built += !*r.build_cache_hit;
  }
  if (built + cached == 0) return "";
  return "harness: builds: " + std::to_string(built) + " built, " + std::to_string(cached) +
         " from cache";
}

std::string flaky_line(const std::vector<runner::ScenarioResult>& results) {
  std::vector<std::string> flaky;
  for (const auto& r : results)
    if (r.flaky()) flaky.push_back(r.id);
  if (flaky.empty()) return "";
  return "harness: flaky: " + std::to_string(flaky.size()) +
         " run(s) passed only on a retry: " + util::join(flaky, ", ");
}

std::string summary_line(const std::vector<runner::ScenarioResult>& results) {
  std::size_t passed = 0, failed = 0, skipped = 0;
  for (const auto& r : results) {
    passed += r.status == runner::Status::Pass;
    failed += r.status == runner::Status::Fail || r.status == runner::Status::Error;
    skipped += r.status == runner::Status::Skip;
  }
  return "harness: " + std::to_string(passed) + " passed, " + std::to_string(failed) + " failed, " +
         std::to_string(skipped) + " skipped";
}

}  // namespace report
