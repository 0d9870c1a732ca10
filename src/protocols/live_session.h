// protocols/live_session.h — sniff an interface on a thread of its own and hand decoded
// dialogues to a front end as they happen.
//
//   LiveSessionOptions options;  options.capture.interface = "lo";
//   options.capture.filter = options.ports.capture_filter();
//   auto started = LiveSession::start(std::move(options));
//   if (!started.ok()) { show(started.error); return; }        // permission, device, filter
//   ... each frame of the window (or loop of the CLI):
//   LiveUpdate update = started.session->take_update();        // a swap under a mutex, no wait
//   for (DialogueDelta& d : update.dialogues) store.apply(std::move(d));
//   ... on Stop:
//   started.session->stop();   // every packet received so far is still decoded and published
//
// The worker thread owns the LiveCapture, the MailAnalyzer and the optional pcapng writer; it
// is the only one that touches them. It publishes a LiveUpdate (new events per dialogue, since
// the last one) at most every `publish_interval_ms`; the front end takes it when it likes, so
// no lock is ever held while a frame is drawn. The file given as write_path is flushed at
// every publish and at stop, so nothing captured is lost when the program is interrupted.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "capture/live_capture.h"
#include "dialogue/dialogue.h"
#include "protocols/port_map.h"
#include "tcp/packet_ref.h"
#include "tcp/tcp_reassembler.h"

namespace mailscope {

// A live capture may run for days: open sessions are capped and an idle one is closed after a
// while, so memory stays bounded (each closure counted in LiveUpdate).
inline ReassemblyLimits live_reassembly_limits(uint64_t max_open_sessions = 10'000, double idle_timeout_seconds = 600) {
  ReassemblyLimits limits;
  limits.max_sessions = max_open_sessions;
  limits.idle_timeout_ns = static_cast<int64_t>(idle_timeout_seconds * 1e9);
  return limits;
}

struct LiveSessionOptions {
  LiveOptions capture;
  PortMap ports;
  ReassemblyLimits reassembly = live_reassembly_limits();
  std::string write_path;           // pcapng to write while capturing ("" = none)
  uint64_t max_packets = 0;         // stop by itself after this many frames (0 = no limit)
  int64_t max_duration_ns = 0;      // stop by itself after this long (0 = no limit)
  int publish_interval_ms = 30;
  // Also publish one LivePacket per TCP packet of a session (the window's packet list and
  // hex view need them; the command line does not). Needs write_path: the packets are
  // found again in that file.
  bool publish_packets = false;
};

// One packet of a session, as a front end indexes it: where its record starts in the file
// being written (for CaptureFile::read_at) and what the stage needs to draw it.
struct LivePacket {
  uint32_t stream = 0;
  PacketRef packet;                 // its number and offset are those in the written file
};

// What changed in one dialogue since the last update.
struct DialogueDelta {
  uint32_t stream = 0;
  Protocol protocol = Protocol::other;
  TcpSession session;
  DialogueSummary summary;
  bool closed = false;
  uint32_t first_new_event = 0;     // index in the dialogue of new_events[0]
  std::vector<DialogueEvent> new_events;
};

struct LiveUpdate {
  std::vector<DialogueDelta> dialogues;   // in the order they changed
  std::vector<LivePacket> packets;        // with publish_packets, in capture order
  LiveStats stats;
  uint64_t sessions_evicted = 0;          // open sessions closed because the table was full
  uint64_t sessions_timed_out = 0;        // closed after the idle timeout
  bool finished = false;                  // the worker has stopped; nothing more will come
  std::string error;                      // why it stopped, when not asked to (interface down)
};

class LiveSession {
 public:
  struct Started {
    std::unique_ptr<LiveSession> session;
    std::string error;
    LiveError kind = LiveError::none;
    bool ok() const { return session != nullptr; }
  };
  // Opens the interface (and the output file) at once, so every error is known before the
  // thread starts, then starts capturing.
  static Started start(LiveSessionOptions options);
  ~LiveSession();   // stops and joins

  void stop();                       // any thread; returns at once
  void wait();                       // blocks until the worker has finished
  LiveUpdate take_update();          // any thread; the update accumulated since the last call
  bool finished() const { return finished_.load(); }
  LiveStats stats() const { return capture_->stats(); }
  const std::string& interface_name() const { return capture_->interface_name(); }
  uint16_t link_type() const { return capture_->link_type(); }

  // Called on the worker thread after something was published (e.g. to wake a UI).
  std::function<void()> on_publish;

 private:
  explicit LiveSession(LiveSessionOptions options);
  void run();
  struct Worker;
  LiveSessionOptions options_;
  std::unique_ptr<LiveCapture> capture_;
  std::unique_ptr<Worker> worker_;
  std::thread thread_;
  std::atomic<bool> finished_{false};
  std::mutex mutex_;                 // guards pending_ only
  std::condition_variable published_;
  LiveUpdate pending_;
};

// The front end's side: dialogues rebuilt from deltas, within bounds.
//
// Keeps at most max_sessions dialogues and about max_event_bytes of event text; when over,
// the oldest closed dialogues are released first and counted in released().
class DialogueStore {
 public:
  DialogueStore(size_t max_sessions = 100'000, uint64_t max_event_bytes = 512ull << 20)
      : max_sessions_(max_sessions), max_event_bytes_(max_event_bytes) {}
  void apply(DialogueDelta&& delta);
  // Called with the stream of every dialogue released to stay within the bounds (so a front
  // end can drop what it holds for that stream too).
  std::function<void(uint32_t)> on_release;
  // Dialogues by stream number; released ones are null.
  const std::vector<std::unique_ptr<Dialogue>>& dialogues() const { return dialogues_; }
  uint64_t released() const { return released_; }
  size_t kept() const { return kept_; }
  uint64_t event_bytes() const { return event_bytes_; }

 private:
  void enforce_limits();
  size_t max_sessions_;
  uint64_t max_event_bytes_;
  std::vector<std::unique_ptr<Dialogue>> dialogues_;
  std::vector<uint64_t> bytes_of_;   // event bytes held per stream
  size_t oldest_candidate_ = 0;      // release scan starts here
  size_t kept_ = 0;
  uint64_t event_bytes_ = 0, released_ = 0;
};

}  // namespace mailscope
