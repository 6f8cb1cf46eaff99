#include "harness/dap/message.h"
#include "harness/runner/steps.h"
#include "harness/util/strings.h"

namespace runner {

namespace {

// "main.depth:25, main.main:78, ..." (at most 12 frames).
std::string frames_text(const std::vector<json>& frames) {
  std::vector<std::string> shown;
  for (std::size_t i = 0; i < frames.size() && i < 12; ++i) {
    shown.push_back(frames[i].value("name", "?") + ":" +
                    std::to_string(frames[i].value("line", 0)));
  }
  if (frames.size() > 12) shown.push_back("...");
  return shown.empty() ? "none" : util::join(shown, ", ");
}

void check_frame(Checks& checks, const RunContext& ctx, const scenario::FrameExpect& expect,
                 const json& frame, const std::string& path) {
  std::string file = frame.contains("source") ? frame["source"].value("path", "") : "";
  checks.check(expect.function, frame.value("name", json()), path + ".name");
  checks.check(expect.file, scenario_path(ctx.scenario, file), path + ".source.path");
  checks.check(expect.line, frame.value("line", json()), path + ".line");
  checks.check(expect.presentation_hint, frame.value("presentationHint", "normal"),
               path + ".presentationHint");
}

// For a stackTrace answer when a refusal was expected, or when dlv refused: the refusal's text
// against `error:`; a refusal nobody expected is an infrastructure problem, as for any request.
StepResult check_refusal(const scenario::Step& step, const scenario::ExpectStack& expect,
                         const json& response) {
  Checks checks;
  if (dap::is_success(response)) {
    auto frames = response["body"].value("stackFrames", json::array()).get<std::vector<json>>();
    checks.fail(expect.error->loc(), "stackTrace: expected a refusal, got " +
                                         std::to_string(frames.size()) +
                                         " frame(s): " + frames_text(frames));
    return checks.result();
  }
  if (!expect.error) {
    return infrastructure(
        step.loc, util::Error{util::ErrorKind::Protocol,
                              "'stackTrace' failed: " + dap::error_text(response), std::nullopt});
  }
  checks.check(expect.error, dap::error_text(response), "stackTrace.error");
  return checks.result();
}

}  // namespace

StepResult run_expect_stack(RunContext& ctx, const scenario::Step& step,
                            const scenario::ExpectStack& expect) {
  if (!ctx.stop) {
    return failure(step.loc,
                   "cannot read the stack: the program is not stopped (an expect_stop step must "
                   "come first)");
  }
  int thread_id = ctx.stop->thread_id;
  if (expect.thread) {
    auto selected = select_thread(ctx, expect.thread->loc(), *expect.thread);
    if (auto* problem = std::get_if<Problem>(&selected)) return std::move(*problem);
    thread_id = std::get<int>(selected);
  }
  json args = {{"threadId", thread_id}, {"startFrame", expect.start_frame}};
  if (expect.levels) args["levels"] = *expect.levels;
  auto seq = ctx.session().send_request("stackTrace", args);
  if (!seq) return infrastructure(step.loc, seq.error());
  auto response = ctx.session().wait_response(*seq, ctx.deadline(ctx.env.timeouts.request));
  if (!response) return infrastructure(step.loc, response.error());
  if (expect.error || !dap::is_success(*response)) return check_refusal(step, expect, *response);
  const json& body = (*response)["body"];
  auto frames = body.value("stackFrames", json::array()).get<std::vector<json>>();

  Checks checks;
  checks.check(expect.total_frames, body.value("totalFrames", json()), "stackTrace.totalFrames");
  std::size_t expected = expect.frames.size();
  if (frames.size() < expected || (expect.exact && frames.size() != expected)) {
    checks.fail(expect.loc,
                "stackTrace: expected " + std::string(expect.exact ? "exactly " : "at least ") +
                    std::to_string(expected) + " frame(s) from frame " +
                    std::to_string(expect.start_frame) + ", got " + std::to_string(frames.size()) +
                    "\n  frames: " + frames_text(frames));
  }
  for (std::size_t i = 0; i < expected && i < frames.size(); ++i) {
    std::string path = "stackTrace[" + std::to_string(expect.start_frame + i) + "]";
    check_frame(checks, ctx, expect.frames[i], frames[i], path);
  }
  return checks.result();
}

}  // namespace runner
