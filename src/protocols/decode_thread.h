// protocols/decode_thread.h — a DialogueBuilder run on a thread of its own.
//
// Reassembly and decoding take about the same time on a mail capture, so a file is read
// faster when they overlap on two cores: the reassembler's thread records each call it would
// make on the builder (open, bytes, gap, close) into a batch, copying the bytes, which are only
// borrowed; full batches go through a short queue to a thread that replays them into the
// builder in the same order. The dialogues come out exactly as without the thread.
//
//   DecodeThread thread(builder);      // builder.on_closed will be called on the new thread
//   thread.open(session); thread.data(...); ... thread.close(session);
//   thread.finish();                   // every call replayed; the builder is the caller's again
//
// Memory stays bounded: at most kQueuedBatches batches wait, and the reading side waits for
// room. An exception thrown on the thread (say by a callback) stops it and is thrown again
// from the next call on the reading side.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "protocols/dialogue_builder.h"

namespace mailscope {

class DecodeThread {
 public:
  // A batch is handed over once it holds `batch_bytes` bytes or kBatchCalls calls (tests make
  // it tiny, so that every call crosses the queue).
  explicit DecodeThread(DialogueBuilder& builder, size_t batch_bytes = kBatchBytes);
  ~DecodeThread();  // stops the thread; calls not yet replayed are dropped
  DecodeThread(const DecodeThread&) = delete;
  DecodeThread& operator=(const DecodeThread&) = delete;

  void open(const TcpSession& session);
  void data(uint32_t stream, Direction direction, const uint8_t* bytes, size_t length,
            const SegmentOrigin& origin);
  void gap(uint32_t stream, Direction direction, uint64_t length, const SegmentOrigin& origin);
  void close(const TcpSession& session);
  // Hands over what is recorded, waits until the thread has replayed everything and ends it.
  void finish();

  // 256 KB: a few hundred packets' payload, so the queue hand-over costs nothing measurable
  // (32 KB to 1 MB measured the same).
  static constexpr size_t kBatchBytes = 256 * 1024;
  static constexpr size_t kBatchCalls = 4096;
  static constexpr size_t kQueuedBatches = 4;

 private:
  enum class CallKind : uint8_t { open, data, gap, close };
  struct Call {
    CallKind kind;
    Direction direction;
    uint32_t stream;
    uint64_t length;  // data: bytes at `at` in Batch::bytes; gap: bytes missing
    size_t at;        // data: offset in Batch::bytes; open, close: index in Batch::sessions
    SegmentOrigin origin;
  };
  struct Batch {
    std::vector<Call> calls;
    std::vector<TcpSession> sessions;
    std::vector<uint8_t> bytes;
  };

  void record_session(CallKind kind, const TcpSession& session);
  bool full() const { return current_->bytes.size() >= batch_bytes_ || current_->calls.size() >= kBatchCalls; }
  void hand_over();  // queues the current batch (waiting for room) and takes a spare one
  void run();        // the thread: replays queued batches until finishing and all are done
  void replay(const Batch& batch);
  void rethrow_failure();  // on the reading side, with mutex_ held
  // Spins for a short while until `ready()` holds, without the mutex: putting a thread to sleep
  // and waking it costs a system call and an interrupt to the other core (dearer still in a
  // virtual machine), and the other side usually frees room or queues work within a batch's
  // time. False when it did not happen; the caller then waits on changed_ as before.
  template <class Ready>
  static bool spin_until(Ready ready);

  DialogueBuilder& builder_;
  size_t batch_bytes_;
  std::unique_ptr<Batch> current_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::unique_ptr<Batch>> queued_;   // waiting for the thread
  std::atomic<size_t> queued_count_{0};         // queued_.size(), readable without mutex_
  std::vector<std::unique_ptr<Batch>> spare_;   // replayed, their room kept for reuse
  bool finishing_ = false;  // no more batches will come
  bool stopping_ = false;   // drop what is queued (destructor)
  std::exception_ptr failure_;
  std::thread thread_;      // started with the first batch
};

}  // namespace mailscope
