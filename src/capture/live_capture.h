// capture/live_capture.h — sniff a network interface with libpcap.
//
//   auto opened = LiveCapture::open({.interface = "lo", .filter = ports.capture_filter()});
//   if (!opened.ok()) { show(opened.error); return; }     // permission, no such device, bad filter
//   Frame frame;
//   while (running) {
//     switch (opened.capture->read(frame)) {
//       case LiveCapture::Read::frame:   analyzer.add_frame(frame); break;
//       case LiveCapture::Read::timeout: break;               // no packet within timeout_ms
//       case LiveCapture::Read::stopped: running = false; break;  // stop() was called
//       case LiveCapture::Read::error:   report(opened.capture->error()); running = false; break;
//     }
//   }
//
// read() runs on the capture thread; stop() and stats() may be called from any thread.
// Errors come back as one sentence that names the interface and says what to do; a missing
// permission (not root, no CAP_NET_RAW) is told apart so a front end can show the setcap fix.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "capture/frame.h"

struct pcap;

namespace mailscope {

struct InterfaceInfo {
  std::string name;                    // "lo", "eth0"
  std::string description;             // libpcap's description, often empty on Linux
  std::vector<std::string> addresses;  // "127.0.0.1", "::1"
  bool loopback = false, up = false, running = false;
};

// The interfaces libpcap can open (pcap_findalldevs), loopback included. `error` is set when
// the list cannot be read.
std::vector<InterfaceInfo> list_interfaces(std::string& error);

struct LiveOptions {
  std::string interface = "lo";
  std::string filter;                  // BPF capture filter; empty = everything
  int snap_length = 262144;
  int buffer_bytes = 16 << 20;         // kernel buffer: bigger drops fewer packets in bursts
  int timeout_ms = 100;                // read() returns `timeout` after this long without packets
  bool promiscuous = false;
};

struct LiveStats {
  uint64_t received = 0;               // frames handed out by read()
  uint64_t dropped_by_kernel = 0;      // pcap_stats ps_drop: no room in the buffer
  uint64_t dropped_by_interface = 0;   // pcap_stats ps_ifdrop
};

enum class LiveError : uint8_t { none, permission, no_such_device, bad_filter, other };

class LiveCapture {
 public:
  struct Opened {
    std::unique_ptr<LiveCapture> capture;
    std::string error;
    LiveError kind = LiveError::none;
    bool ok() const { return capture != nullptr; }
  };
  static Opened open(const LiveOptions& options);
  ~LiveCapture();
  LiveCapture(const LiveCapture&) = delete;
  LiveCapture& operator=(const LiveCapture&) = delete;

  enum class Read : uint8_t { frame, timeout, stopped, error };
  Read read(Frame& frame);     // the frame's bytes are valid until the next read()
  void stop();                 // any thread: the next read() returns `stopped`
  // After `stopped`: hands out the frames already received by the kernel, one per call, then
  // returns `stopped` once none is left (so Stop keeps everything captured up to it).
  Read drain(Frame& frame);
  LiveStats stats() const;     // any thread (refreshed by read() on the capture thread)
  const std::string& error() const { return error_; }
  uint16_t link_type() const { return link_type_; }
  const std::string& interface_name() const { return interface_; }

 private:
  LiveCapture(pcap* handle, std::string interface, int timeout_ms);
  pcap* handle_;
  std::string interface_;
  std::string error_;
  uint16_t link_type_ = 0;
  uint64_t next_number_ = 1;
  std::atomic<bool> stop_requested_{false};
  bool draining_ = false;
  int timeout_ms_ = 100;
  int selectable_fd_ = -1;
  void refresh_stats();
  std::atomic<uint64_t> received_{0};
  std::atomic<uint64_t> dropped_by_kernel_{0}, dropped_by_interface_{0};
};

// The sentence that tells a user how to let `program_path` capture without being root.
std::string capture_permission_advice(const std::string& program_path);

}  // namespace mailscope
