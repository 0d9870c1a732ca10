// ui/model/capture_loader.h — loads a capture on a background thread.
//
//   CaptureLoader loader;
//   loader.start("big.pcap", ports);
//   // every frame, on the UI thread:
//   if (loader.busy()) progress_bar(loader.progress());      // atomics only, no lock
//   if (auto result = loader.take_result()) { if (result->capture) show(std::move(result->capture)); }
//   loader.cancel();                                          // Cancel button
//
// The worker runs MailAnalyzer over CaptureFile's frames and publishes progress through
// atomics. When it is done it stores its result and sets a flag; take_result(), called at the
// start of a frame, joins the finished thread and moves the result out, so the UI never
// waits on the worker while it draws (STYLE.md convention 6).
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "protocols/port_map.h"
#include "ui/model/loaded_capture.h"

namespace mailscope {

struct LoadResult {
  std::string path;
  std::unique_ptr<LoadedCapture> capture;  // null on error or cancel
  std::string error;                       // the core's message, naming the file
  bool cancelled = false;
};

// A capture file larger than this keeps events only for the sessions on the stage
// (LoadedCapture::events_on_demand). Lessons, which select events anywhere in their capture,
// load with kKeepAllEvents.
constexpr uint64_t kEventsOnDemandAbove = 64ull << 20;
constexpr uint64_t kKeepAllEvents = UINT64_MAX;

// Runs the whole load synchronously (the worker's body; also used by tests and --benchmark).
// `progress_bytes` and `cancel` may be null.
LoadResult load_capture(const std::string& path, const PortMap& ports,
                        std::atomic<uint64_t>* progress_bytes, std::atomic<uint64_t>* total_bytes,
                        const std::atomic<bool>* cancel,
                        uint64_t events_on_demand_above = kEventsOnDemandAbove);

class CaptureLoader {
 public:
  CaptureLoader() = default;
  ~CaptureLoader();
  CaptureLoader(const CaptureLoader&) = delete;
  CaptureLoader& operator=(const CaptureLoader&) = delete;

  // Starts loading; a load already running is cancelled and waited for first.
  void start(const std::string& path, const PortMap& ports,
             uint64_t events_on_demand_above = kEventsOnDemandAbove);
  void cancel() { cancel_.store(true); }
  bool busy() const { return thread_.joinable() && !done_.load(std::memory_order_acquire); }
  bool running() const { return thread_.joinable(); }
  float progress() const;             // 0..1 of the file's bytes
  const std::string& path() const { return path_; }

  // The finished result, once; nullopt while loading or when idle.
  std::optional<LoadResult> take_result();

 private:
  void stop();
  std::thread thread_;
  std::string path_;
  std::atomic<bool> cancel_{false};
  std::atomic<bool> done_{false};
  std::atomic<uint64_t> read_bytes_{0};
  std::atomic<uint64_t> total_bytes_{0};
  LoadResult result_;                 // written by the worker before done_, read after
};

}  // namespace mailscope
