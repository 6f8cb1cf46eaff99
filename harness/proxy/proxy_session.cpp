#include "harness/proxy/proxy_session.h"

#include <atomic>
#include <mutex>
#include <optional>
#include <thread>

#include "harness/dap/transcript.h"
#include "harness/process/dlv_server.h"
#include "harness/transport/framing.h"
#include "harness/transport/tcp_stream.h"
#include "harness/util/files.h"

namespace proxy {

namespace {

constexpr util::Duration kDlvExitGrace{5'000};
// How long dlv is given to end by itself once its connection is over.
constexpr util::Duration kDlvSelfExit{500};

// Why a session ended: the first side to end it says so; later reasons are dropped.
class EndReason {
 public:
  void set(std::string why, bool clean) {
    std::lock_guard lock(mutex_);
    if (!why_.empty()) return;
    why_ = std::move(why);
    clean_ = clean;
  }
  std::string why() const {
    std::lock_guard lock(mutex_);
    return why_;
  }
  bool clean() const {
    std::lock_guard lock(mutex_);
    return clean_;
  }

 private:
  mutable std::mutex mutex_;
  std::string why_;
  bool clean_ = true;
};

// Decodes the frames `bytes` completes and records each in the transcript. False (and the end
// reason set) when the bytes are not DAP framing or a frame is not JSON.
bool record_frames(transport::FrameDecoder& decoder, std::string_view bytes, bool from_client,
                   const std::string& side, dap::Transcript& transcript, std::size_t& messages,
                   EndReason& end) {
  decoder.feed(bytes);
  while (true) {
    auto body = decoder.next();
    if (!body) {
      end.set(side + " sent bytes that are not DAP: " + body.error().message, false);
      return false;
    }
    if (!*body) return true;
    auto message = dap::json::parse(**body, nullptr, false);
    if (message.is_discarded()) {
      end.set(side + " sent a DAP frame that is not JSON", false);
      return false;
    }
    ++messages;
    from_client ? transcript.sent(message) : transcript.received(message);
  }
}

// One direction of the session: what `from` sends goes to `to` as it arrives, unchanged. The
// frames it completes are recorded first, so that the transcript keeps cause before effect (a
// message is in it before its receiver can answer). Returns when `from` ends, `to` refuses
// bytes, or the bytes are not DAP (they are not passed on); then both streams are closed so that
// the other direction ends too.
void pump(transport::ByteStream& from, transport::ByteStream& to, bool from_client,
          dap::Transcript& transcript, std::size_t& messages, EndReason& end) {
  const std::string side = from_client ? "the client" : "dlv";
  transport::FrameDecoder decoder;
  while (true) {
    auto bytes = from.read_some();
    if (!bytes) {
      end.set("reading from " + side + " failed: " + bytes.error().message, false);
      break;
    }
    if (bytes->empty()) {
      auto partial = decoder.finish();
      end.set(side + " closed the connection" +
                  (partial ? "" : " in the middle of a message (" + partial.error().message + ")"),
              partial.ok());
      break;
    }
    if (!record_frames(decoder, *bytes, from_client, side, transcript, messages, end)) break;
    if (auto sent = to.write_all(*bytes); !sent) {
      end.set("forwarding to " + std::string(from_client ? "dlv" : "the client") +
                  " failed: " + sent.error().message,
              false);
      break;
    }
  }
  from.close();
  to.close();
}

}  // namespace

SessionSummary serve_session(std::unique_ptr<transport::ByteStream> client,
                             const ProxyOptions& options, int number,
                             const std::function<void(const std::string&)>& say) {
  SessionSummary summary;
  summary.folder = options.captures / ("session-" + std::to_string(number));
  std::string name = "session " + std::to_string(number);
  std::error_code ec;
  std::filesystem::create_directories(summary.folder, ec);

  process::DlvServerOptions dlv_options;
  dlv_options.dlv = options.dlv;
  dlv_options.log_file = summary.folder / "dlv.log";
  dlv_options.env = options.env;
  auto dlv =
      process::DlvServer::start(dlv_options, util::Deadline::after(options.dlv_start_timeout));
  if (!dlv) {
    client->close();
    summary.ended = "dlv did not start: " + dlv.error().message;
    summary.clean = false;
    say(name + ": " + summary.ended);
    return summary;
  }
  auto server = transport::connect_tcp((*dlv)->host(), (*dlv)->port(),
                                       util::Deadline::after(options.dlv_start_timeout));
  if (!server) {
    client->close();
    (*dlv)->stop(kDlvExitGrace);
    summary.ended = "cannot connect to dlv: " + server.error().message;
    summary.clean = false;
    say(name + ": " + summary.ended);
    return summary;
  }
  say(name + ": dlv started (pid " + std::to_string((*dlv)->child().pid()) + ", " + (*dlv)->host() +
      ":" + std::to_string((*dlv)->port()) + "); capturing into " + summary.folder.string());

  dap::Transcript transcript;
  EndReason end;
  std::thread to_dlv([&] { pump(*client, **server, true, transcript, summary.from_client, end); });
  pump(**server, *client, false, transcript, summary.from_dlv, end);
  to_dlv.join();
  summary.ended = end.why();
  summary.clean = end.clean();
  // dlv leaves on its own after a disconnect (exit status 0); one that crashed says how.
  auto gone = (*dlv)->child().wait(util::Deadline::after(kDlvSelfExit));
  if (gone && !gone->success()) {
    summary.ended += " (dlv ended: " + gone->str() + ")";
    summary.clean = false;
  }
  (*dlv)->stop(kDlvExitGrace);
  transcript.note("proxy: " + summary.ended);
  // What dlv and the debuggee wrote outside DAP (the program's output, unless dlv sends it as
  // output events): an editor that starts dlv itself shows it.
  for (auto [file, text] : {std::pair{"dlv-stdout.txt", (*dlv)->child().stdout_text()},
                            std::pair{"dlv-stderr.txt", (*dlv)->child().stderr_text()}})
    if (auto written = util::write_file_atomically(summary.folder / file, text); !written)
      say(name + ": " + written.error().str());
  if (auto written = transcript.write_to(summary.folder / "transcript.txt"); !written)
    say(name + ": " + written.error().str());
  say(name + ": ended: " + summary.ended + "; " + std::to_string(summary.from_client) +
      " message(s) from the client, " + std::to_string(summary.from_dlv) + " from dlv");
  return summary;
}

}  // namespace proxy
