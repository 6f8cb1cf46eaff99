#include "harness/runner/context.h"

namespace runner {

Problem failure(const util::SourceLoc& where, std::string message) {
  std::string text = where.known() ? where.str() + ": " + message : message;
  return Problem{Status::Fail, std::move(text), where, {}};
}

Problem infrastructure(const util::SourceLoc& where, const util::Error& error) {
  std::string text = std::string(util::kind_name(error.kind)) + ": " + error.message;
  if (where.known()) text = where.str() + ": " + text;
  return Problem{Status::Error, std::move(text), where, {}};
}

std::string scenario_path(const scenario::Scenario& scenario, const std::string& path) {
  if (path.empty()) return path;
  auto rel = std::filesystem::path(path).lexically_relative(scenario::client_root(scenario));
  if (!rel.empty() && *rel.begin() != "..") return rel.generic_string();
  return path;
}

RunContext::RunContext(const scenario::Scenario& scenario, const Environment& env,
                       std::unique_ptr<dap::Session> session, process::DlvServer& dlv,
                       util::Deadline scenario_deadline)
    : scenario(scenario),
      env(env),
      dlv(dlv),
      session_(std::move(session)),
      scenario_deadline_(scenario_deadline) {}

void RunContext::replace_session(std::unique_ptr<dap::Session> next) {
  session_->close();
  session_ = std::move(next);
  cursor = 0;
  events_mark = 0;
  configured = false;
  disconnected = false;
  settled_ = false;
  ended = false;
  stop.reset();
  breakpoint_ids.clear();
}

util::Deadline RunContext::deadline(util::Duration d) const {
  return util::Deadline::after(d).min(scenario_deadline_);
}

util::Duration RunContext::step_timeout(const scenario::Step& step, util::Duration d) const {
  return step.timeout ? *step.timeout : d;
}

util::Expected<json> RunContext::request(const std::string& command, const json& arguments) {
  return session_->request(command, arguments, deadline(env.timeouts.request));
}

bool RunContext::no_debug() const {
  const json& attributes =
      scenario.launch_json ? scenario.launch_json->arguments : scenario.launch.dap_attributes;
  return attributes.value("noDebug", false);
}

StepResult RunContext::ensure_configured(const util::SourceLoc& where) {
  if (configured) return std::nullopt;
  configured = true;
  if (no_debug()) return std::nullopt;
  auto done = request("configurationDone", json::object());
  if (!done) return infrastructure(where, done.error());
  return std::nullopt;
}

util::Expected<const std::vector<json>*> RunContext::frames() {
  if (!stop) return util::fail(util::ErrorKind::Protocol, "the program is not stopped");
  if (!stop->frames_loaded) {
    auto trace =
        request("stackTrace", {{"threadId", stop->thread_id}, {"startFrame", 0}, {"levels", 50}});
    if (!trace) return util::fail(trace.error());
    stop->frames = (*trace)["body"].value("stackFrames", json::array()).get<std::vector<json>>();
    stop->frames_loaded = true;
  }
  return &stop->frames;
}

void RunContext::settle_after_disconnect(util::Deadline deadline) {
  if (settled_) return;
  settled_ = true;
  // Nothing matches: returns once the connection is closed (or at the deadline).
  (void)session_->wait([](const json&) { return false; }, session_->received_count(), deadline,
                       "dlv to close the connection after 'disconnect'");
  if (!dlv_ends_on_disconnect || !dlv.child().wait(deadline)) return;
  if (debuggee && !debuggee->wait(deadline.min(util::Deadline::after(util::Duration(1000))))) {
    return;
  }
  output_complete = true;
}

void RunContext::catch_up_output(util::Deadline deadline) {
  dlv.child().catch_up(deadline);
  if (debuggee) debuggee->catch_up(deadline);
}

}  // namespace runner
