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
  // A dialogue finished elsewhere (DialogueBuilder::release): the builder adopts it in turn,
  // so on_closed still sees every dialogue on this thread and in the order they closed.
  void adopt(std::unique_ptr<Dialogue> dialogue);
  // Whether the reading side should decode the session it is opening itself (see
  // AnalyzerOptions::decode_on_thread), so that neither side waits for the other: the share
  // of sessions it takes grows each time it finds the queue full and shrinks each time the
  // thread finds it empty.
  bool reader_should_decode();
  // Hands over what is recorded, waits until the thread has replayed everything and ends it.
  void finish();

  // 256 KB: a few hundred packets' payload, so the queue hand-over costs nothing measurable
  // (32 KB to 1 MB measured the same).
  static constexpr size_t kBatchBytes = 256 * 1024;
  static constexpr size_t kBatchCalls = 4096;
  static constexpr size_t kQueuedBatches = 4;

 private:
  enum class CallKind : uint8_t { open, data, gap, close, adopt };
  struct Call {
    CallKind kind;
    Direction direction;
    uint32_t stream;
    uint64_t length;  // data: bytes at `at` in Batch::bytes; gap: bytes missing
    size_t at;        // data: offset in Batch::bytes; open, close: index in Batch::sessions;
                      // adopt: index in Batch::dialogues
    SegmentOrigin origin;
  };
  struct Batch {
    std::vector<Call> calls;
    std::vector<TcpSession> sessions;
    std::vector<uint8_t> bytes;
    std::vector<std::unique_ptr<Dialogue>> dialogues;
  };

  void record_session(CallKind kind, const TcpSession& session);
  bool full() const { return current_->bytes.size() >= batch_bytes_ || current_->calls.size() >= kBatchCalls; }
  void hand_over();  // queues the current batch (waiting for room) and takes a spare one
  void run();        // the thread: replays queued batches until finishing and all are done
  void replay(Batch& batch);
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
  // For reader_should_decode(): how often each side had to wait for the other, and (reading
  // side only) what was seen of that, the share and the credit it has built up.
  uint64_t reader_waits_ = 0;
  std::atomic<uint64_t> thread_waits_{0};
  uint64_t seen_reader_waits_ = 0, seen_thread_waits_ = 0;
  double reader_share_ = 0, reader_credit_ = 0;
  std::vector<std::unique_ptr<Batch>> spare_;   // replayed, their room kept for reuse
  bool finishing_ = false;  // no more batches will come
  bool stopping_ = false;   // drop what is queued (destructor)
  std::exception_ptr failure_;
  std::thread thread_;      // started with the first batch
};

}  // namespace mailscope
