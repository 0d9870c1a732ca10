// protocols/decode_thread.cpp — see decode_thread.h.
#include "protocols/decode_thread.h"

#include <pthread.h>

#include <algorithm>
#include <chrono>
#include <utility>
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>  // _mm_pause
#endif

namespace mailscope {

DecodeThread::DecodeThread(DialogueBuilder& builder, size_t batch_bytes)
    : builder_(builder), batch_bytes_(batch_bytes), current_(std::make_unique<Batch>()) {}

DecodeThread::~DecodeThread() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = finishing_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void DecodeThread::record_session(CallKind kind, const TcpSession& session) {
  current_->calls.push_back(Call{kind, Direction::client_to_server, session.id, 0,
                                 current_->sessions.size(), SegmentOrigin{}});
  current_->sessions.push_back(session);
  if (full()) hand_over();
}

void DecodeThread::open(const TcpSession& session) { record_session(CallKind::open, session); }

void DecodeThread::close(const TcpSession& session) { record_session(CallKind::close, session); }

void DecodeThread::adopt(std::unique_ptr<Dialogue> dialogue) {
  current_->calls.push_back(Call{CallKind::adopt, Direction::client_to_server, dialogue->stream(), 0,
                                 current_->dialogues.size(), SegmentOrigin{}});
  current_->dialogues.push_back(std::move(dialogue));
  if (full()) hand_over();
}

void DecodeThread::data(uint32_t stream, Direction direction, const uint8_t* bytes, size_t length,
                        const SegmentOrigin& origin) {
  current_->calls.push_back(Call{CallKind::data, direction, stream, length, current_->bytes.size(), origin});
  current_->bytes.insert(current_->bytes.end(), bytes, bytes + length);
  if (full()) hand_over();
}

void DecodeThread::gap(uint32_t stream, Direction direction, uint64_t length,
                       const SegmentOrigin& origin) {
  current_->calls.push_back(Call{CallKind::gap, direction, stream, length, 0, origin});
  if (full()) hand_over();
}

void DecodeThread::rethrow_failure() {
  if (failure_) {
    if (thread_.joinable()) thread_.join();  // it has stopped (run() returned after failing)
    std::exception_ptr failure = std::exchange(failure_, nullptr);
    std::rethrow_exception(failure);
  }
}

template <class Ready>
bool DecodeThread::spin_until(Ready ready) {
  // A batch takes the thread about 200 us to replay here (256 KB at 1.3 GB/s); twice that and
  // more leaves room for slower processors. Longer waits are rare and may sleep. (50 us: the
  // pass took 1.04 s, against 0.81 s with 200 or 500 us and 0.88 s with 1 ms.)
  constexpr auto kSpin = std::chrono::microseconds(500);
  const auto until = std::chrono::steady_clock::now() + kSpin;
  for (;;) {
    for (int i = 0; i < 64; ++i) {
      if (ready()) return true;
#if defined(__x86_64__) || defined(__i386__)
      _mm_pause();
#endif
    }
    if (std::chrono::steady_clock::now() >= until) return false;
  }
}

bool DecodeThread::reader_should_decode() {
  constexpr double kStep = 1.0 / 64;  // per wait: a few hundred waits in a 1 GB capture
  constexpr double kMaxShare = 0.75;
  const uint64_t thread_waits = thread_waits_.load(std::memory_order_relaxed);
  const double change = (static_cast<double>(reader_waits_ - seen_reader_waits_) -
                         static_cast<double>(thread_waits - seen_thread_waits_)) * kStep;
  seen_reader_waits_ = reader_waits_;
  seen_thread_waits_ = thread_waits;
  reader_share_ = std::clamp(reader_share_ + change, 0.0, kMaxShare);
  reader_credit_ += reader_share_;
  if (reader_credit_ < 1) return false;
  reader_credit_ -= 1;
  return true;
}

void DecodeThread::hand_over() {
  if (queued_count_.load(std::memory_order_relaxed) >= kQueuedBatches) ++reader_waits_;
  if (thread_.joinable())
    spin_until([this] { return queued_count_.load(std::memory_order_relaxed) < kQueuedBatches; });
  std::unique_lock<std::mutex> lock(mutex_);
  if (!thread_.joinable()) {
    thread_ = std::thread([this] { run(); });
    pthread_setname_np(thread_.native_handle(), "mailscope-dec");  // as top and perf show it
  }
  changed_.wait(lock, [this] { return queued_.size() < kQueuedBatches || failure_ || stopping_; });
  rethrow_failure();
  queued_.push_back(std::move(current_));
  queued_count_.store(queued_.size(), std::memory_order_relaxed);
  if (!spare_.empty()) {
    current_ = std::move(spare_.back());
    spare_.pop_back();
  } else {
    current_ = std::make_unique<Batch>();
  }
  lock.unlock();
  changed_.notify_all();
}

void DecodeThread::finish() {
  if (!current_->calls.empty()) hand_over();
  std::unique_lock<std::mutex> lock(mutex_);
  finishing_ = true;
  lock.unlock();
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();  // it ends once the queue is empty
  lock.lock();
  finishing_ = false;  // the thread may be started again by more calls
  rethrow_failure();
}

void DecodeThread::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    if (queued_.empty() && !finishing_) {
      thread_waits_.fetch_add(1, std::memory_order_relaxed);
      lock.unlock();
      spin_until([this] { return queued_count_.load(std::memory_order_relaxed) > 0; });
      lock.lock();
    }
    changed_.wait(lock, [this] { return !queued_.empty() || finishing_; });
    if (stopping_ || (queued_.empty() && finishing_)) return;
    std::unique_ptr<Batch> batch = std::move(queued_.front());
    queued_.pop_front();
    queued_count_.store(queued_.size(), std::memory_order_relaxed);
    lock.unlock();
    changed_.notify_all();  // room in the queue
    bool failed = false;
    try {
      replay(*batch);
    } catch (...) {
      lock.lock();
      failure_ = std::current_exception();
      failed = true;
    }
    if (failed) {
      queued_.clear();
      queued_count_.store(0, std::memory_order_relaxed);
      lock.unlock();
      changed_.notify_all();
      return;
    }
    batch->calls.clear();
    batch->sessions.clear();
    batch->bytes.clear();
    batch->dialogues.clear();
    lock.lock();
    spare_.push_back(std::move(batch));
  }
}

void DecodeThread::replay(Batch& batch) {
  for (const Call& call : batch.calls) {
    switch (call.kind) {
      case CallKind::open:
        builder_.open(batch.sessions[call.at]);
        break;
      case CallKind::data:
        builder_.data(call.stream, call.direction, batch.bytes.data() + call.at, call.length, call.origin);
        break;
      case CallKind::gap:
        builder_.gap(call.stream, call.direction, call.length, call.origin);
        break;
      case CallKind::close:
        builder_.close(batch.sessions[call.at]);
        break;
      case CallKind::adopt:
        builder_.adopt(std::move(batch.dialogues[call.at]));
        break;
    }
  }
}

}  // namespace mailscope
