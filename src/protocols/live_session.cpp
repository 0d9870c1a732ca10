// protocols/live_session.cpp — see live_session.h.
#include "protocols/live_session.h"

#include <chrono>
#include <set>
#include <unordered_map>

#include "capture/capture_writer.h"
#include "protocols/mail_analyzer.h"

namespace mailscope {
namespace {

using Clock = std::chrono::steady_clock;

uint64_t event_size(const DialogueEvent& e) {
  uint64_t size = sizeof(DialogueEvent) + e.text.size() + e.decoded.size();
  for (const auto& [name, value] : e.details) size += name.size() + value.size();
  return size;
}

}  // namespace

// Everything only the worker thread touches.
struct LiveSession::Worker {
  std::unique_ptr<MailAnalyzer> analyzer;
  std::unique_ptr<CaptureWriter> writer;
  std::unordered_map<uint32_t, uint32_t> published_events;   // per open stream
  std::vector<uint32_t> dirty;                                 // streams changed, in order
  std::set<uint32_t> dirty_set;
  std::vector<DialogueDelta> ready;                            // closed since the last publish
  std::vector<LivePacket> packets;                             // since the last publish
  bool keep_packets = false;

  DialogueDelta delta_of(const Dialogue& d) {
    DialogueDelta delta;
    delta.stream = d.stream();
    delta.protocol = d.protocol;
    delta.session = d.session;
    delta.summary = d.summary;
    delta.closed = d.closed;
    uint32_t& published = published_events[d.stream()];
    delta.first_new_event = published;
    delta.new_events.assign(d.events.begin() + published, d.events.end());
    published = static_cast<uint32_t>(d.events.size());
    return delta;
  }
};

LiveSession::Started LiveSession::start(LiveSessionOptions options) {
  Started started;
  LiveCapture::Opened opened = LiveCapture::open(options.capture);
  if (!opened.ok()) {
    started.error = opened.error;
    started.kind = opened.kind;
    return started;
  }
  std::unique_ptr<LiveSession> session(new LiveSession(std::move(options)));
  session->capture_ = std::move(opened.capture);
  if (!session->options_.write_path.empty()) {
    std::string error;
    session->worker_->writer =
        CaptureWriter::create(session->options_.write_path, CaptureFormat::pcapng, error);
    if (!session->worker_->writer) {
      started.error = error;
      started.kind = LiveError::other;
      return started;
    }
    session->worker_->writer->add_interface(session->capture_->link_type(),
                                            session->capture_->interface_name(),
                                            static_cast<uint32_t>(session->options_.capture.snap_length));
  }
  session->thread_ = std::thread([s = session.get()] { s->run(); });
  started.session = std::move(session);
  return started;
}

LiveSession::LiveSession(LiveSessionOptions options)
    : options_(std::move(options)), worker_(std::make_unique<Worker>()) {
  AnalyzerOptions analyzer_options;
  analyzer_options.ports = options_.ports;
  analyzer_options.reassembly = options_.reassembly;
  analyzer_options.keep_closed = false;   // closed dialogues go to the front end, not kept here
  worker_->analyzer = std::make_unique<MailAnalyzer>(std::move(analyzer_options));
  Worker* worker = worker_.get();
  worker->keep_packets = options_.publish_packets && !options_.write_path.empty();
  worker->analyzer->on_session_packet = [worker](const TcpSession& s, Direction direction,
                                                 const DecodedPacket& packet) {
    if (worker->dirty_set.insert(s.id).second) worker->dirty.push_back(s.id);
    if (!worker->keep_packets) return;
    worker->packets.push_back({s.id, PacketRef::of(packet, direction)});
  };
  worker->analyzer->on_dialogue_closed = [worker](Dialogue& d) {
    worker->ready.push_back(worker->delta_of(d));
    worker->published_events.erase(d.stream());
    worker->dirty_set.erase(d.stream());
  };
}

LiveSession::~LiveSession() {
  stop();
  if (thread_.joinable()) thread_.join();
}

void LiveSession::stop() {
  if (capture_) capture_->stop();
}

void LiveSession::wait() {
  if (thread_.joinable()) thread_.join();
}

LiveUpdate LiveSession::take_update() {
  LiveUpdate update;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    std::swap(update, pending_);
    pending_.finished = update.finished;
    pending_.sessions_evicted = update.sessions_evicted;       // running totals stay
    pending_.sessions_timed_out = update.sessions_timed_out;
  }
  update.stats = capture_->stats();
  return update;
}

void LiveSession::run() {
  Worker& w = *worker_;
  const Clock::time_point started = Clock::now();
  Clock::time_point last_publish = started;
  uint64_t frames = 0;
  std::string error;

  auto publish = [&](bool final) {
    std::vector<DialogueDelta> deltas = std::move(w.ready);
    w.ready.clear();
    std::vector<LivePacket> packets = std::move(w.packets);
    w.packets.clear();
    for (uint32_t stream : w.dirty) {
      if (!w.dirty_set.count(stream)) continue;   // closed meanwhile: already in `deltas`
      const auto& all = w.analyzer->dialogues();
      if (stream < all.size() && all[stream]) deltas.push_back(w.delta_of(*all[stream]));
    }
    w.dirty.clear();
    w.dirty_set.clear();
    if (w.writer) w.writer->flush();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (DialogueDelta& d : deltas) pending_.dialogues.push_back(std::move(d));
      const ReassemblyStats& reassembly = w.analyzer->reassembler().stats();
      pending_.sessions_evicted = reassembly.sessions_evicted;
      pending_.sessions_timed_out = reassembly.sessions_timed_out;
      if (pending_.packets.empty()) pending_.packets = std::move(packets);
      else pending_.packets.insert(pending_.packets.end(), packets.begin(), packets.end());
      if (final) {
        pending_.finished = true;
        pending_.error = error;
      }
    }
    if (final) finished_.store(true);
    if (on_publish) on_publish();
  };

  Frame frame;
  bool running = true;
  while (running) {
    switch (capture_->read(frame)) {
      case LiveCapture::Read::frame:
        if (w.writer) frame.file_offset = w.writer->bytes_written();
        if (w.writer && !w.writer->write(frame)) {
          error = w.writer->error();
          running = false;
        }
        w.analyzer->add_frame(frame);
        if (options_.max_packets != 0 && ++frames >= options_.max_packets) running = false;
        break;
      case LiveCapture::Read::timeout:
        break;
      case LiveCapture::Read::stopped:
        running = false;
        break;
      case LiveCapture::Read::error:
        error = capture_->error();
        running = false;
        break;
    }
    Clock::time_point now = Clock::now();
    if (options_.max_duration_ns > 0 &&
        std::chrono::duration_cast<std::chrono::nanoseconds>(now - started).count() >=
            options_.max_duration_ns) {
      running = false;
    }
    if (running && now - last_publish >= std::chrono::milliseconds(options_.publish_interval_ms)) {
      publish(false);
      last_publish = now;
    }
  }
  // Stop: decode what the kernel still holds, close every session, publish the rest.
  if (error.empty()) {
    while (capture_->drain(frame) == LiveCapture::Read::frame) {
      if (w.writer) {
        frame.file_offset = w.writer->bytes_written();
        w.writer->write(frame);
      }
      w.analyzer->add_frame(frame);
    }
  }
  w.analyzer->finish();
  publish(true);
}

void DialogueStore::apply(DialogueDelta&& delta) {
  if (dialogues_.size() <= delta.stream) {
    dialogues_.resize(delta.stream + 1);
    bytes_of_.resize(delta.stream + 1, 0);
  }
  std::unique_ptr<Dialogue>& slot = dialogues_[delta.stream];
  if (!slot) {
    if (delta.first_new_event != 0) return;   // released earlier: its start is gone for good
    slot = std::make_unique<Dialogue>();
    ++kept_;
  }
  Dialogue& d = *slot;
  d.protocol = delta.protocol;
  d.session = delta.session;
  d.summary = delta.summary;
  d.closed = delta.closed;
  d.events.resize(delta.first_new_event);
  for (DialogueEvent& e : delta.new_events) {
    uint64_t size = event_size(e);
    bytes_of_[delta.stream] += size;
    event_bytes_ += size;
    d.events.push_back(std::move(e));
  }
  enforce_limits();
}

void DialogueStore::enforce_limits() {
  // Oldest closed first: streams are numbered by first packet, so a low number is old.
  size_t i = oldest_candidate_;
  while ((kept_ > max_sessions_ || event_bytes_ > max_event_bytes_) && i < dialogues_.size()) {
    if (dialogues_[i] && dialogues_[i]->closed) {
      event_bytes_ -= bytes_of_[i];
      bytes_of_[i] = 0;
      dialogues_[i].reset();
      --kept_;
      ++released_;
      if (on_release) on_release(static_cast<uint32_t>(i));
    }
    ++i;
  }
  while (oldest_candidate_ < dialogues_.size() && !dialogues_[oldest_candidate_] &&
         oldest_candidate_ < i)
    ++oldest_candidate_;
}

}  // namespace mailscope
