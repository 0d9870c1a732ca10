// protocols/mail_analyzer.cpp — see mail_analyzer.h for the pipeline.
#include "protocols/mail_analyzer.h"

namespace mailscope {
namespace {

bool is_mail_port(uint16_t port, const void* context) {
  return static_cast<const PortMap*>(context)->is_service_port(port);
}

}  // namespace

MailAnalyzer::MailAnalyzer(AnalyzerOptions options)
    : options_(std::move(options)),
      defrag_(options_.defrag),
      builder_(options_.ports, options_.decoder, options_.decode, options_.keep_closed),
      builder_here_(options_.ports, options_.decoder, options_.decode, options_.keep_closed) {
  reassembler_ = std::make_unique<TcpReassembler>(static_cast<StreamListener&>(*this),
                                                  options_.reassembly, &is_mail_port,
                                                  &options_.ports);
  // Read at call time, so on_dialogue_closed may be set after construction.
  builder_.on_closed = [this](Dialogue& d) {
    if (on_dialogue_closed) on_dialogue_closed(d);
  };
  if (options_.decode && options_.decode_on_thread) {
    thread_ = std::make_unique<DecodeThread>(builder_, options_.decode_batch_bytes);
  }
}

MailAnalyzer::~MailAnalyzer() = default;

void MailAnalyzer::add_frame(const Frame& frame) {
  if (stats_.frames++ == 0) stats_.first_time_ns = frame.time_ns;
  stats_.last_time_ns = frame.time_ns;
  stats_.frame_bytes += frame.captured_length;
  switch (decode_frame(frame, packet_)) {
    case DecodeStatus::tcp:
      break;
    case DecodeStatus::ip_fragment:
      ++stats_.fragments;
      if (!defrag_.add(frame, packet_)) return;
      break;
    case DecodeStatus::not_tcp:
      ++stats_.not_tcp;
      return;
    case DecodeStatus::malformed:
      ++stats_.malformed;
      return;
    case DecodeStatus::unknown_link:
      ++stats_.unknown_link;
      return;
  }
  ++stats_.tcp_packets;
  reassembler_->add(packet_);
}

void MailAnalyzer::finish() {
  reassembler_->finish();
  if (thread_) thread_->finish();
}

void MailAnalyzer::on_open(const TcpSession& session) {
  if (thread_) {
    // Sharing the decoding this way keeps both cores busy: the reading thread would otherwise
    // spin or sleep until the decoding thread made room.
    if (thread_->reader_should_decode()) {
      ++stats_.sessions_decoded_here;
      builder_here_.open(session);
    } else {
      thread_->open(session);
    }
  } else {
    builder_.open(session);
  }
}

void MailAnalyzer::on_packet(const TcpSession& session, Direction direction,
                             const DecodedPacket& packet) {
  if (!thread_) builder_.update(session);  // the thread's dialogues are updated when they close
  if (on_session_packet) on_session_packet(session, direction, packet);
}

void MailAnalyzer::on_data(const TcpSession& session, Direction direction, const uint8_t* bytes,
                           size_t length, const SegmentOrigin& origin) {
  if (on_session_data) on_session_data(session, direction, bytes, length, origin);
  if (!options_.decode) return;
  if (thread_) {
    // The thread's batches copy the bytes: only for sessions that a decoder reads.
    if (builder_here_.holds(session.id)) {
      builder_here_.data(session.id, direction, bytes, length, origin);
    } else if (has_decoder(options_.ports.protocol_of(session.server.port))) {
      thread_->data(session.id, direction, bytes, length, origin);
    }
  } else {
    builder_.data(session.id, direction, bytes, length, origin);
  }
}

void MailAnalyzer::on_gap(const TcpSession& session, Direction direction, uint64_t length,
                          const SegmentOrigin& origin) {
  if (on_session_gap) on_session_gap(session, direction, length, origin);
  if (!options_.decode) return;
  if (thread_) {
    if (builder_here_.holds(session.id)) {
      builder_here_.gap(session.id, direction, length, origin);
    } else if (has_decoder(options_.ports.protocol_of(session.server.port))) {
      thread_->gap(session.id, direction, length, origin);
    }
  } else {
    builder_.gap(session.id, direction, length, origin);
  }
}

void MailAnalyzer::on_close(const TcpSession& session) {
  if (thread_) {
    if (builder_here_.holds(session.id)) {
      thread_->adopt(builder_here_.release(session));
    } else {
      thread_->close(session);
    }
  } else {
    builder_.close(session);
  }
}

}  // namespace mailscope
