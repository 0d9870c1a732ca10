// ui/model/capture_loader.cpp — the background load: CaptureFile → MailAnalyzer → LoadedCapture.
#include "ui/model/capture_loader.h"

#include <utility>

namespace mailscope {

namespace {
// The window holds every dialogue of a capture in memory (the packets stay in the file). In a
// large capture most of that is message text, so above kLargeCaptureBytes each event keeps at
// most kLargeCaptureTextBytes of it: enough for the header fields and the start of the body,
// and the text says how much was left out. Byte counts and everything parsed stay exact.
constexpr uint64_t kLargeCaptureBytes = 64ull << 20;
constexpr size_t kLargeCaptureTextBytes = 4096;
}  // namespace

LoadResult load_capture(const std::string& path, const PortMap& ports,
                        std::atomic<uint64_t>* progress_bytes, std::atomic<uint64_t>* total_bytes,
                        const std::atomic<bool>* cancel) {
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
  if (capture->file_size > kLargeCaptureBytes) {
    options.decoder.max_text_bytes = kLargeCaptureTextBytes;
    capture->text_cap_bytes = kLargeCaptureTextBytes;
  }
  capture->analyzer = std::make_unique<MailAnalyzer>(options);
  LoadedCapture* target = capture.get();
  capture->analyzer->on_session_packet = [target](const TcpSession& session, Direction direction,
                                                  const DecodedPacket& packet) {
    if (session.id >= target->packets_by_stream.size()) target->packets_by_stream.resize(session.id + 1);
    PacketRef ref;
    ref.number = packet.number;
    ref.file_offset = packet.file_offset;
    ref.time_ns = packet.time_ns;
    ref.payload_length = packet.tcp.payload_length_on_wire;
    ref.flags = packet.tcp.flags;
    ref.direction = direction;
    ref.window = packet.tcp.window;
    target->packets_by_stream[session.id].push_back(ref);
  };

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

void CaptureLoader::start(const std::string& path, const PortMap& ports) {
  stop();
  path_ = path;
  cancel_.store(false);
  done_.store(false);
  read_bytes_.store(0);
  total_bytes_.store(0);
  result_ = LoadResult{};
  thread_ = std::thread([this, path, ports] {
    result_ = load_capture(path, ports, &read_bytes_, &total_bytes_, &cancel_);
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
