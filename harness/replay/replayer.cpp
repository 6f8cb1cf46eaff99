#include "harness/replay/replayer.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "harness/dap/message.h"
#include "harness/dap/session.h"
#include "harness/process/dlv_server.h"
#include "harness/replay/events.h"
#include "harness/replay/handles.h"
#include "harness/transport/tcp_stream.h"
#include "harness/util/strings.h"

namespace replay {

namespace {

// The events that something the client does next depends on: a replay waits for them.
const std::set<std::string> kCausalEvents = {"initialized", "stopped", "exited", "terminated"};
// How long a replay waits for any other event the recorded client had seen (output, process...).
constexpr util::Duration kOtherEventGrace{500};
// The least a launch response is waited for: in modes debug and test dlv builds the program
// first, as the runner's launch deadline allows for.
constexpr util::Duration kLaunchTimeout{180'000};
// Disconnect and SIGTERM grace at the end, as a scenario's teardown.
constexpr util::Duration kTeardownGrace{5'000};

// A client request of the trace, with where its response was recorded.
struct RecordedRequest {
  std::size_t position = 0;             // in trace.messages
  std::optional<std::size_t> response;  // position of the recorded response, if any
};

bool is_adapter_event(const TraceMessage& m) {
  return !m.from_client && m.message.value("type", "") == "event";
}

std::vector<RecordedRequest> recorded_requests(const Trace& trace) {
  std::vector<RecordedRequest> requests;
  const auto& messages = trace.messages;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (!messages[i].from_client || messages[i].message.value("type", "") != "request") continue;
    RecordedRequest r{i, std::nullopt};
    int seq = messages[i].message.value("seq", -1);
    for (std::size_t j = i + 1; j < messages.size(); ++j) {
      if (!messages[j].from_client && dap::is_response_to(messages[j].message, seq)) {
        r.response = j;
        break;
      }
    }
    requests.push_back(r);
  }
  return requests;
}

// vscode-go's own lines in the console output of its trace: how it started dlv, dlv's listen
// line (from dlv's log descriptor), and how dlv ended (extension/src/goDebugFactory.ts).
bool is_vscode_go_line(std::string_view line) {
  return util::starts_with(line, "Starting: ") || util::starts_with(line, "dlv dap (") ||
         util::starts_with(line, "DAP server listening at: ");
}

// A line of dlv's log: "2026-12-02T02:22:42Z debug layer=dap ..." (a timestamp, a level, a layer).
bool is_dlv_log_line(std::string_view line) {
  auto digits = [&](std::size_t from, std::size_t count) {
    for (std::size_t i = from; i < from + count; ++i)
      if (i >= line.size() || line[i] < '0' || line[i] > '9') return false;
    return true;
  };
  bool dated = digits(0, 4) && line.substr(4, 1) == "-" && digits(5, 2) &&
               line.substr(7, 1) == "-" && digits(8, 2) && line.substr(10, 1) == "T";
  if (!dated) return false;
  std::size_t level = line.find(' ');
  if (level == std::string_view::npos) return false;
  std::size_t layer = line.find(' ', level + 1);
  if (layer == std::string_view::npos) return false;
  static const std::set<std::string_view> kLevels = {"trace", "debug", "info", "warning",
                                                     "error", "fatal", "panic"};
  return kLevels.count(line.substr(level + 1, layer - level - 1)) &&
         util::starts_with(line.substr(layer + 1), "layer=");
}

// A recorded event with vscode-go's own console output taken out of it: all of an output event
// vscode-go made (seq 0: its "Starting: ..." line and what dlv writes to --log-dest=3, which it
// relays as console output; a replay's dlv logs nowhere), and in dlv's own console output the
// lines of those shapes. A dlv log line that opens a block ("... config: {") takes the lines up to
// the block's closing "}" with it.
dap::json without_vscode_go_lines(const dap::json& event) {
  if (event.value("event", "") != "output") return event;
  const dap::json& body = event.value("body", dap::json::object());
  if (body.value("category", "console") != "console") return event;
  std::string kept;
  std::string text = event.value("seq", -1) == 0 ? "" : body.value("output", "");
  bool in_log_block = false;
  std::size_t from = 0;
  while (from < text.size()) {
    std::size_t end = text.find('\n', from);
    end = end == std::string::npos ? text.size() : end + 1;
    std::string_view line(text.data() + from, end - from);
    std::string_view bare = util::trim(line);
    if (in_log_block) {
      in_log_block = line.front() != '}';
    } else if (is_dlv_log_line(line)) {
      in_log_block = util::ends_with(bare, "{");
    } else if (!is_vscode_go_line(line)) {
      kept += line;
    }
    from = end;
  }
  dap::json copy = event;
  copy["body"]["output"] = kept;
  return copy;
}

// One replay: the new session and what has been matched so far.
class Replayer {
 public:
  Replayer(const Trace& trace, const ReplayOptions& options, dap::Session& session)
      : trace_(trace), options_(options), session_(session) {
    for (std::size_t i = 0; i < trace.messages.size(); ++i)
      if (is_adapter_event(trace.messages[i]))
        recorded_events_[trace.messages[i].message.value("event", "")].push_back(i);
  }

  // Sends every request and compares the responses; then the session is where the recorded
  // one ended.
  void run() {
    for (const RecordedRequest& request : recorded_requests(trace_)) {
      if (session_.closed()) {
        cut_short("dlv closed the connection");
        break;
      }
      catch_up(request.position);
      if (!send(request)) break;
    }
    catch_up(trace_.messages.size());
    received_at_end_ = session_.received_count();
  }

  // Compares the events received until the end of run() with the recorded ones and returns the
  // report. `dlv_stdout`/`dlv_stderr`: dlv's own output, which vscode-go turns into output events
  // (categories stdout and stderr) that a vscode-go trace holds but dlv never sends.
  ReplayReport finish(const std::string& dlv_stdout, const std::string& dlv_stderr) {
    std::vector<Indexed> recorded, replayed;
    bool vscode_go = trace_.format == TraceFormat::VscodeGo;
    std::size_t last_response = 0;
    for (std::size_t i = 0; i < trace_.messages.size(); ++i)
      if (!trace_.messages[i].from_client &&
          trace_.messages[i].message.value("type", "") == "response")
        last_response = i;
    for (std::size_t i = 0; i < trace_.messages.size(); ++i) {
      if (!is_adapter_event(trace_.messages[i])) continue;
      const dap::json& event = trace_.messages[i].message;
      recorded.push_back(
          {i + 1, vscode_go ? without_vscode_go_lines(event) : event, i > last_response});
    }
    // A recorder stops listening at some point after its last response, so a recording does
    // not show all that came after it: what the new dlv sends after the same response (e.g. a
    // second `terminated` after `disconnect`) is past the recording. Such events may still stand
    // for recorded ones (dlv's order of an event sent from its process watcher and a response is
    // not fixed); they are never extra.
    auto received = session_.messages();
    for (std::size_t i = 0; i < std::min(received.size(), received_at_end_); ++i) {
      bool past = replayed_horizon_ && i > *replayed_horizon_;
      if (received[i].value("type", "") == "event") replayed.push_back({i, received[i], past});
    }
    if (vscode_go) {
      for (auto [category, text] : {std::pair{"stdout", &dlv_stdout}, {"stderr", &dlv_stderr}}) {
        if (text->empty()) continue;
        dap::json event = {{"type", "event"},
                           {"event", "output"},
                           {"body", {{"category", category}, {"output", *text}}}};
        replayed.push_back({received_at_end_, std::move(event)});
      }
    }
    auto found = compare_events(recorded, replayed, options_.substitutions);
    report_.differences.insert(report_.differences.end(), found.begin(), found.end());
    return std::move(report_);
  }

  // True once a disconnect request was replayed.
  bool disconnected() const { return disconnected_; }

 private:
  struct Pending {
    RecordedRequest request;
    int seq = 0;  // of the replayed request
  };
  // The replayed events of one name found so far, and how many were given up on.
  struct EventCursor {
    std::vector<std::size_t> indices;  // receive indices
    std::size_t given_up = 0;
    std::size_t learnt = 0;  // pairs with recorded events whose handles were learnt
  };

  // Brings the new session to where the recorded one was just before trace position `until`:
  // the responses and the events the recorded client had received by then.
  void catch_up(std::size_t until) {
    bool at_end = until == trace_.messages.size();
    std::vector<Pending> still_pending;
    for (const Pending& p : pending_) {
      if (at_end || (p.request.response && *p.request.response < until))
        settle(p);
      else
        still_pending.push_back(p);
    }
    pending_ = std::move(still_pending);
    for (const auto& [name, positions] : recorded_events_) {
      std::size_t need = std::count_if(positions.begin(), positions.end(),
                                       [&](std::size_t p) { return p < until; });
      wait_events(name, need);
      learn_from_events(name, need);
    }
  }

  void wait_events(const std::string& name, std::size_t need) {
    EventCursor& cursor = cursors_[name];
    auto deadline = util::Deadline::after(kCausalEvents.count(name)
                                              ? options_.timeout
                                              : std::min(options_.timeout, kOtherEventGrace));
    while (cursor.indices.size() + cursor.given_up < need && !session_.closed()) {
      std::size_t after = cursor.indices.empty() ? 0 : cursor.indices.back() + 1;
      auto found = session_.wait([&](const dap::json& m) { return dap::is_event(m, name); }, after,
                                 deadline, "event '" + name + "'");
      if (!found) {
        cursor.given_up = need - cursor.indices.size();
        return;
      }
      cursor.indices.push_back(*found);
    }
  }

  void learn_from_events(const std::string& name, std::size_t need) {
    EventCursor& cursor = cursors_[name];
    const auto& positions = recorded_events_[name];
    for (; cursor.learnt < std::min(need, cursor.indices.size()); ++cursor.learnt) {
      handles_.learn(trace_.messages[positions[cursor.learnt]].message,
                     session_.message(cursor.indices[cursor.learnt]));
    }
  }

  bool send(const RecordedRequest& request) {
    const dap::json& recorded = trace_.messages[request.position].message;
    std::string command = recorded.value("command", "");
    dap::json arguments = substitute_prefixes(
        handles_.rewrite(recorded.value("arguments", dap::json::object())), options_.substitutions);
    auto seq = session_.send_request(command, arguments);
    if (!seq) {
      cut_short("cannot send '" + command + "': " + seq.error().message);
      return false;
    }
    ++report_.requests;
    if (command == "disconnect") disconnected_ = true;
    pending_.push_back({request, *seq});
    return true;
  }

  // Waits for the replayed response of a pending request and compares it with the recorded one.
  void settle(const Pending& pending) {
    const dap::json& request = trace_.messages[pending.request.position].message;
    std::string command = request.value("command", "");
    auto timeout =
        command == "launch" ? std::max(options_.timeout, kLaunchTimeout) : options_.timeout;
    auto response = session_.wait_response(pending.seq, util::Deadline::after(timeout));
    int request_seq = request.value("seq", 0);
    if (!pending.request.response) {  // nothing recorded to compare with: shown as it is now
      report_.unrecorded_responses.push_back({pending.request.position + 1, command, request_seq,
                                              response ? dap::to_text(*response) : std::string()});
      return;
    }
    std::size_t index = *pending.request.response + 1;
    const dap::json& recorded = trace_.messages[*pending.request.response].message;
    if (!response) {
      report_.differences.push_back(
          {index, "response", command, request_seq, "", dap::to_text(recorded), ""});
      return;
    }
    for (auto d : diff_messages(recorded, *response, options_.substitutions)) {
      d.index = index;
      d.kind = "response";
      d.name = command;
      d.request = request_seq;
      report_.differences.push_back(std::move(d));
    }
    handles_.learn(recorded, *response);
    if (*pending.request.response >= last_recorded_response_) {
      last_recorded_response_ = *pending.request.response;
      auto at =
          session_.wait([&](const dap::json& m) { return dap::is_response_to(m, pending.seq); }, 0,
                        util::Deadline::after(util::Duration(0)), "response");
      if (at) replayed_horizon_ = *at;
    }
  }

  void cut_short(std::string why) {
    if (!report_.cut_short) report_.cut_short = std::move(why);
  }

  const Trace& trace_;
  const ReplayOptions& options_;
  dap::Session& session_;
  HandleMap handles_;
  std::map<std::string, std::vector<std::size_t>> recorded_events_;  // name -> positions
  std::map<std::string, EventCursor> cursors_;
  std::vector<Pending> pending_;
  bool disconnected_ = false;
  // The latest recorded response compared so far (trace position) and the receive index of its
  // replayed twin.
  std::size_t last_recorded_response_ = 0;
  std::optional<std::size_t> replayed_horizon_;
  std::size_t received_at_end_ = 0;  // messages received when the last request was settled
  ReplayReport report_;
};

// The client's first launch request, with its `program` after --substitute-path.
struct RecordedLaunch {
  const TraceMessage* message = nullptr;
  std::string program;  // "" when it names none (or not as a string)
};

std::optional<RecordedLaunch> recorded_launch(const Trace& trace,
                                              const std::vector<Substitution>& substitutions) {
  for (const auto& m : trace.messages) {
    if (!m.from_client || m.message.value("command", "") != "launch") continue;
    dap::json arguments =
        substitute_prefixes(m.message.value("arguments", dap::json::object()), substitutions);
    const dap::json program = arguments.value("program", dap::json());
    return RecordedLaunch{&m, program.is_string() ? program.get<std::string>() : ""};
  }
  return std::nullopt;
}

// Where dlv runs for a launch that builds (mode debug, test: `program` is a folder or a .go
// file): that folder, as vscode-go starts dlv there, so that the build finds the program's
// module. nullopt for a binary (mode exec) or no launch.
std::optional<std::filesystem::path> build_folder(const Trace& trace,
                                                  const std::vector<Substitution>& substitutions) {
  auto launch = recorded_launch(trace, substitutions);
  if (!launch) return std::nullopt;
  std::filesystem::path program = launch->program;
  std::error_code ec;
  if (std::filesystem::is_directory(program, ec)) return program;
  if (program.extension() == ".go") return program.parent_path();
  return std::nullopt;
}

}  // namespace

util::Expected<ReplayReport> replay_trace(const Trace& trace, const ReplayOptions& options) {
  process::DlvServerOptions dlv_options;
  dlv_options.dlv = options.dlv;
  dlv_options.cwd = build_folder(trace, options.substitutions);
  auto dlv = process::DlvServer::start(dlv_options, util::Deadline::after(options.timeout));
  if (!dlv) return util::fail(dlv.error());
  auto stream = transport::connect_tcp((*dlv)->host(), (*dlv)->port(),
                                       util::Deadline::after(options.timeout));
  if (!stream) {
    (*dlv)->stop(kTeardownGrace);
    return util::fail(stream.error());
  }
  dap::Session session(std::move(*stream), std::make_shared<dap::Transcript>());
  Replayer replayer(trace, options, session);
  replayer.run();
  if (!replayer.disconnected() && !session.closed()) {
    (void)session.request("disconnect", {{"terminateDebuggee", true}},
                          util::Deadline::after(kTeardownGrace));
  }
  session.close();
  (*dlv)->stop(kTeardownGrace);  // its pipes are complete from here on
  return replayer.finish((*dlv)->child().stdout_text(), (*dlv)->child().stderr_text());
}

namespace {

// A Usage error unless the trace starts at the client's initialize request and has a launch or
// attach request: a fragment cut from the middle of a session cannot be replayed.
util::Expected<void> check_whole_session(const Trace& trace, const std::string& trace_name) {
  auto is_request = [](const TraceMessage& m) {
    return m.from_client && m.message.value("type", "") == "request";
  };
  auto first = std::find_if(trace.messages.begin(), trace.messages.end(), is_request);
  if (first == trace.messages.end()) {
    return util::fail(util::ErrorKind::Usage,
                      "the trace holds no request of the client, so there is nothing to replay "
                      "(is it the adapter's side only?)",
                      util::SourceLoc{trace_name, 0, 0});
  }
  constexpr const char* kWhole =
      ": it is a fragment of a session, and a replay starts a new one. Take the trace from the "
      "client's initialize request on";
  std::string command = first->message.value("command", "");
  if (command != "initialize") {
    return util::fail(util::ErrorKind::Usage,
                      "the trace's first request is '" + command + "', not 'initialize'" + kWhole,
                      util::SourceLoc{trace_name, first->line, 0});
  }
  bool starts_program = std::any_of(first, trace.messages.end(), [&](const TraceMessage& m) {
    std::string c = is_request(m) ? m.message.value("command", "") : "";
    return c == "launch" || c == "attach";
  });
  if (!starts_program) {
    return util::fail(util::ErrorKind::Usage,
                      "the trace has no 'launch' request, so a replay cannot start the program" +
                          std::string(kWhole) + " to its launch",
                      util::SourceLoc{trace_name, 0, 0});
  }
  return {};
}

// The hint for a recorded program that does not exist here: a --substitute-path value the option
// takes (FROM is not empty: a bare program name is mapped as a whole).
std::string substitute_path_hint(const std::filesystem::path& program) {
  std::filesystem::path from = program.parent_path();
  if (from.empty()) return "--substitute-path " + program.string() + "=/here/" + program.string();
  return "--substitute-path " + from.string() + "=/here";
}

}  // namespace

util::Expected<void> check_replayable(const Trace& trace, const std::string& trace_name,
                                      const std::vector<Substitution>& substitutions) {
  if (auto whole = check_whole_session(trace, trace_name); !whole) return whole;
  for (const auto& m : trace.messages) {
    if (!m.from_client || m.message.value("command", "") != "attach") continue;
    return util::fail(util::ErrorKind::Usage,
                      "the recorded session attaches (mode " +
                          m.message.value("arguments", dap::json::object()).value("mode", "local") +
                          ") to a process or dlv server that only existed while it was recorded; "
                          "replay starts its own `dlv dap` and replays launch sessions only",
                      util::SourceLoc{trace_name, m.line, 0});
  }
  auto launch = recorded_launch(trace, substitutions);
  std::error_code ec;
  if (!launch || launch->program.empty() || std::filesystem::exists(launch->program, ec)) return {};
  return util::fail(util::ErrorKind::Usage,
                    "the recorded launch names program " + launch->program +
                        ", which does not exist here; if it was recorded on another machine "
                        "or in a removed folder, map it with --substitute-path FROM=TO (e.g. " +
                        substitute_path_hint(launch->program) + ")",
                    util::SourceLoc{trace_name, launch->message->line, 0});
}

}  // namespace replay
