// ui/model/live_controller.cpp — see live_controller.h.
#include "ui/model/live_controller.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <system_error>

namespace mailscope {

namespace fs = std::filesystem;

std::string temporary_live_path() {
  static std::atomic<unsigned> counter{0};
  std::error_code ec;
  fs::path dir = fs::temp_directory_path(ec);
  if (ec) dir = "/tmp";
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return (dir / ("mailscope-live-" + std::to_string(::getpid()) + "-" +
                 std::to_string(std::chrono::duration_cast<std::chrono::seconds>(now).count()) + "-" +
                 std::to_string(counter++) + ".pcapng"))
      .string();
}

LiveChanges apply_live_update(LoadedCapture& capture, LiveUpdate&& update) {
  LiveChanges changes;
  if (!capture.live) return changes;
  DialogueStore& store = *capture.live;
  std::vector<uint32_t> released;
  store.on_release = [&released](uint32_t stream) { released.push_back(stream); };

  auto has_dialogue = [&store](uint32_t stream) {
    return stream < store.dialogues().size() && store.dialogues()[stream] != nullptr;
  };
  auto mark = [&changes](uint32_t stream) {
    if (std::find(changes.streams.begin(), changes.streams.end(), stream) == changes.streams.end())
      changes.streams.push_back(stream);
  };

  for (DialogueDelta& delta : update.dialogues) {
    const uint32_t stream = delta.stream;
    const bool existed = has_dialogue(stream);
    store.apply(std::move(delta));
    if (!existed && has_dialogue(stream)) {
      auto at = std::lower_bound(capture.streams.begin(), capture.streams.end(), stream);
      if (at == capture.streams.end() || *at != stream) capture.streams.insert(at, stream);
      changes.sessions = true;
    }
    mark(stream);
  }
  store.on_release = nullptr;

  for (uint32_t stream : released) {
    auto at = std::lower_bound(capture.streams.begin(), capture.streams.end(), stream);
    if (at != capture.streams.end() && *at == stream) capture.streams.erase(at);
    if (stream < capture.packets_by_stream.size()) {
      changes.packets_released += capture.packets_by_stream[stream].size();
      std::vector<PacketRef>().swap(capture.packets_by_stream[stream]);
    }
    changes.sessions = true;
  }

  for (const LivePacket& p : update.packets) {
    if (!has_dialogue(p.stream)) continue;  // released, or not a session the store keeps
    if (p.stream >= capture.packets_by_stream.size()) capture.packets_by_stream.resize(p.stream + 1);
    capture.packets_by_stream[p.stream].push_back(p.packet);
    ++changes.packets_added;
    mark(p.stream);
  }

  // The packets stay in the file the worker writes (flushed before each update): open it once
  // it holds a packet, reading up to the first one so the reader knows the interfaces.
  if (!capture.file && !update.packets.empty() && !capture.path.empty()) {
    CaptureFile::Opened opened = CaptureFile::open(capture.path);
    if (opened.ok()) {
      Frame first;
      opened.file->next(first);
      capture.format = opened.file->format_name();
      capture.file = std::move(opened.file);
    }
  }
  changes.finished = update.finished;
  changes.error = update.error;
  return changes;
}

LiveController::~LiveController() { reset(); }

std::unique_ptr<LoadedCapture> LiveController::start(const LiveRequest& request, const PortMap& ports,
                                                     std::string& error) {
  reset();
  LiveSessionOptions options;
  options.capture.interface = request.interface;
  options.capture.filter = request.filter.empty() ? ports.capture_filter() : request.filter;
  options.ports = ports;
  options.publish_packets = true;
  options.publish_interval_ms = 100;
  temporary_ = request.write_path.empty();
  options.write_path = temporary_ ? temporary_live_path() : request.write_path;
  const std::string path = options.write_path;
  const std::string filter = options.capture.filter;
  LiveSession::Started started = LiveSession::start(std::move(options));
  if (!started.ok()) {
    error = started.error;
    error_kind_ = started.kind;
    if (temporary_) {
      std::error_code ec;
      fs::remove(path, ec);   // the writer may have created it before the failure
    }
    return nullptr;
  }
  error_kind_ = LiveError::none;
  session_ = std::move(started.session);
  interface_ = request.interface;
  filter_ = filter;
  path_ = path;
  saved_ = !temporary_;
  finished_ = false;
  stats_ = LiveStats{};
  released_ = 0;

  auto capture = std::make_unique<LoadedCapture>();
  capture->path = path_;
  capture->format = "pcapng";
  capture->live = std::make_unique<DialogueStore>(request.max_sessions, request.max_event_bytes);
  return capture;
}

void LiveController::stop() {
  if (session_) session_->stop();
}

LiveChanges LiveController::pump(LoadedCapture& capture) {
  if (!session_ || finished_) return {};
  LiveUpdate update = session_->take_update();
  stats_ = update.stats;
  LiveChanges changes = apply_live_update(capture, std::move(update));
  if (capture.live) released_ = capture.live->released();
  if (changes.finished) {
    finished_ = true;
    session_->wait();   // the worker has published its last update: this join is immediate
  }
  return changes;
}

bool LiveController::save(const std::string& target, std::string& error) {
  if (path_.empty()) {
    error = "There is no live capture to save yet: start one with Capture ▸ Start.";
    return false;
  }
  std::error_code ec;
  if (fs::exists(target, ec) && fs::equivalent(target, path_, ec)) {
    saved_ = true;
    return true;
  }
  fs::copy_file(path_, target, fs::copy_options::overwrite_existing, ec);
  if (ec) {
    error = "Saving the live capture to \"" + target + "\" failed (" + ec.message() +
            "); choose a folder you can write to.";
    return false;
  }
  saved_ = true;
  return true;
}

void LiveController::reset() {
  if (session_) {
    session_->stop();
    session_->wait();
    session_.reset();
  }
  // A temporary file the user saved elsewhere is no longer needed; an unsaved one stays, so
  // nothing captured is lost (the window says where it is).
  if (temporary_ && saved_ && !path_.empty()) {
    std::error_code ec;
    fs::remove(path_, ec);
  }
  path_.clear();
  temporary_ = saved_ = finished_ = false;
}

}  // namespace mailscope
