// ui/model/live_controller.h — the window's live capture: starts a LiveSession, turns what
// its worker publishes into a LoadedCapture the panels show like any other, and saves it.
//
//   LiveController live;
//   std::string error;
//   std::unique_ptr<LoadedCapture> capture = live.start({"lo", filter}, ports, error);
//   if (!capture) show(error);                         // permission, no such device, bad filter
//   state.capture = std::move(capture);
//   // every frame, on the UI thread, before drawing:
//   LiveChanges changes = live.pump(*state.capture);   // a swap under the worker's mutex, no wait
//   if (changes.any()) refresh_the_tables();
//   live.stop();                                       // returns at once; the rest still arrives
//   live.save("mail.pcapng", error);                   // copies the file the worker writes
//
// The worker (protocols/live_session.h) always writes a pcapng file: the one the user named,
// or a temporary one. The packets stay in that file, as they do for an opened capture: the
// LoadedCapture keeps a 32-byte PacketRef per packet and reads a packet again when the hex
// view needs it. Dialogues live in a bounded DialogueStore; when it releases an old session,
// its packet index goes too.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "protocols/live_session.h"
#include "protocols/port_map.h"
#include "ui/model/loaded_capture.h"

namespace mailscope {

struct LiveRequest {
  std::string interface = "lo";
  std::string filter;               // BPF; empty: the mail ports of the port map
  std::string write_path;           // empty: a temporary file
  size_t max_sessions = 100'000;    // dialogues kept before the oldest closed ones go
  uint64_t max_event_bytes = 256ull << 20;
};

struct LiveChanges {
  bool sessions = false;            // a session appeared or was released (the table changes)
  std::vector<uint32_t> streams;    // streams with new events or packets
  uint64_t packets_added = 0, packets_released = 0;   // in the packet index
  bool finished = false;            // the worker stopped in this pump
  std::string error;                // why it stopped when nobody asked (interface down)
  bool any() const { return sessions || !streams.empty() || finished; }
};

class LiveController {
 public:
  LiveController() = default;
  ~LiveController();
  LiveController(const LiveController&) = delete;
  LiveController& operator=(const LiveController&) = delete;

  // Opens the interface and starts the worker. On success returns the (empty) capture the
  // window should show; on failure null and `error` (libpcap's message, naming the
  // interface, with the fix for a missing permission). A capture still running is stopped.
  std::unique_ptr<LoadedCapture> start(const LiveRequest& request, const PortMap& ports, std::string& error);
  void stop();
  bool running() const { return session_ != nullptr && !finished_; }
  bool active() const { return session_ != nullptr; }   // running, or stopped and still saveable
  LiveError last_error_kind() const { return error_kind_; }

  // Applies what the worker published to `capture` (which start() returned). UI thread.
  LiveChanges pump(LoadedCapture& capture);

  LiveStats stats() const { return stats_; }
  uint64_t released() const { return released_; }
  const std::string& interface_name() const { return interface_; }
  const std::string& filter() const { return filter_; }
  const std::string& file_path() const { return path_; }
  bool file_is_temporary() const { return temporary_; }
  bool saved() const { return saved_; }

  // Copies the pcapng written so far (everything up to the last publish) to `target`.
  bool save(const std::string& target, std::string& error);
  // Forgets the capture; removes the temporary file when it was saved elsewhere.
  void reset();

 private:
  std::unique_ptr<LiveSession> session_;
  std::string interface_, filter_, path_;
  bool temporary_ = false, saved_ = false, finished_ = false;
  LiveError error_kind_ = LiveError::none;
  LiveStats stats_;
  uint64_t released_ = 0;
};

// Applies one update to a live capture (the part of pump() that needs no interface; tests
// drive it with hand-made updates). Returns what changed.
LiveChanges apply_live_update(LoadedCapture& capture, LiveUpdate&& update);

// Where a live capture is written when the user named no file: a fresh name in the temporary
// directory.
std::string temporary_live_path();

}  // namespace mailscope
