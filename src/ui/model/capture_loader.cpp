// ui/model/capture_loader.cpp — the background load: CaptureFile → MailAnalyzer → LoadedCapture.
#include "ui/model/capture_loader.h"

#include <utility>

namespace mailscope {

LoadResult load_capture(const std::string& path, const PortMap& ports,
                        std::atomic<uint64_t>* progress_bytes, std::atomic<uint64_t>* total_bytes,
                        const std::atomic<bool>* cancel, uint64_t events_on_demand_above) {
  LoadResult result;
  result.path = path;
  CaptureFile::Opened opened = CaptureFile::open(path);
  if (!opened.ok()) {
    result.error = opened.error;
    return result;
  }
  auto capture = std::make_unique<LoadedCapture>();
  capture->path = path;
  capture->format = opened.file->format_name();
  capture->file_size = opened.file->size_bytes();
  if (total_bytes) total_bytes->store(capture->file_size);

  AnalyzerOptions options;
  options.ports = ports;
  // Decoding runs beside the reading and the packet index on a second thread (the window's
  // frame loop leaves the cores to them while loading: the 1 GB corpus loads in 1.8 s, was
  // 2.3-2.6). The callback below then runs on that thread: it reads only the dialogue it is
  // given and `released`, which nothing else touches before finish().
  options.decode_on_thread = true;
  capture->events_on_demand = capture->file_size > events_on_demand_above;
  capture->analyzer = std::make_unique<MailAnalyzer>(options);
  LoadedCapture* target = capture.get();
  capture->analyzer->on_session_packet = [target](const TcpSession& session, Direction direction,
                                                  const DecodedPacket& packet) {
    if (session.id >= target->packets_by_stream.size()) target->packets_by_stream.resize(session.id + 1);
    target->packets_by_stream[session.id].push_back(PacketRef::of(packet, direction));
  };
  if (capture->events_on_demand) {
    // A closed session keeps its facts and summary; its events come back from the file when
    // it is put on the stage (LoadedCapture::restore_events).
    capture->analyzer->on_dialogue_closed = [target](Dialogue& d) {
      const uint32_t stream = d.stream();
      if (!can_replay(d.session)) return;
      if (stream >= target->released.size()) target->released.resize(stream + 1);
      std::vector<DialogueEvent>().swap(d.events);
      target->released[stream] = 1;
    };
  }

  Frame frame;
  uint64_t count = 0;
  while (opened.file->next(frame)) {
    capture->analyzer->add_frame(frame);
    if ((++count & 1023) == 0) {
      if (progress_bytes) progress_bytes->store(opened.file->bytes_read(), std::memory_order_relaxed);
      if (cancel && cancel->load(std::memory_order_relaxed)) {
        result.cancelled = true;
        return result;
      }
    }
  }
  capture->analyzer->finish();
  capture->analyzer->on_session_packet = nullptr;
  capture->analyzer->on_dialogue_closed = nullptr;
  capture->released.resize(capture->analyzer->dialogues().size());
  // The index is complete: give back what the vectors grew into.
  for (auto& list : capture->packets_by_stream) list.shrink_to_fit();
  capture->packets_by_stream.shrink_to_fit();
  capture->warning = opened.file->warning();
  const auto& dialogues = capture->analyzer->dialogues();
  for (size_t i = 0; i < dialogues.size(); ++i) {
    if (dialogues[i]) capture->streams.push_back(static_cast<uint32_t>(i));
  }
  if (progress_bytes) progress_bytes->store(capture->file_size);
  capture->file = std::move(opened.file);
  result.capture = std::move(capture);
  return result;
}

CaptureLoader::~CaptureLoader() { stop(); }

void CaptureLoader::stop() {
  if (thread_.joinable()) {
    cancel_.store(true);
    thread_.join();
  }
}

void CaptureLoader::start(const std::string& path, const PortMap& ports, uint64_t events_on_demand_above) {
  stop();
  path_ = path;
  cancel_.store(false);
  done_.store(false);
  read_bytes_.store(0);
  total_bytes_.store(0);
  result_ = LoadResult{};
  thread_ = std::thread([this, path, ports, events_on_demand_above] {
    result_ = load_capture(path, ports, &read_bytes_, &total_bytes_, &cancel_, events_on_demand_above);
    done_.store(true, std::memory_order_release);
  });
}

float CaptureLoader::progress() const {
  uint64_t total = total_bytes_.load(std::memory_order_relaxed);
  if (total == 0) return 0.0f;
  return static_cast<float>(static_cast<double>(read_bytes_.load(std::memory_order_relaxed)) /
                            static_cast<double>(total));
}

std::optional<LoadResult> CaptureLoader::take_result() {
  if (!thread_.joinable() || !done_.load(std::memory_order_acquire)) return std::nullopt;
  thread_.join();
  LoadResult out = std::move(result_);
  result_ = LoadResult{};
  return out;
}

}  // namespace mailscope
