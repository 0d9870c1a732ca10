// capture/live_capture.cpp — see live_capture.h. The only place besides pcap_reader.cpp that
// talks to libpcap.
#include "capture/live_capture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pcap/pcap.h>
#include <poll.h>
#include <sys/socket.h>

#include <cstring>

namespace mailscope {
namespace {

std::string address_text(const sockaddr* address) {
  char buffer[INET6_ADDRSTRLEN] = {};
  if (address == nullptr) return {};
  if (address->sa_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(address)->sin_addr, buffer,
              sizeof buffer);
  } else if (address->sa_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr, buffer,
              sizeof buffer);
  }
  return buffer;
}

LiveCapture::Opened failure(LiveError kind, std::string message) {
  LiveCapture::Opened opened;
  opened.kind = kind;
  opened.error = std::move(message);
  return opened;
}

}  // namespace

std::string capture_permission_advice(const std::string& program_path) {
  return "Run it as root, or allow it to capture once with: sudo setcap "
         "cap_net_raw,cap_net_admin=eip " +
         program_path;
}

std::vector<InterfaceInfo> list_interfaces(std::string& error) {
  std::vector<InterfaceInfo> interfaces;
  char errbuf[PCAP_ERRBUF_SIZE] = {};
  pcap_if_t* all = nullptr;
  if (pcap_findalldevs(&all, errbuf) != 0) {
    error = std::string("cannot list the network interfaces: ") + errbuf;
    return interfaces;
  }
  for (pcap_if_t* device = all; device != nullptr; device = device->next) {
    InterfaceInfo info;
    info.name = device->name;
    if (device->description) info.description = device->description;
    info.loopback = device->flags & PCAP_IF_LOOPBACK;
    info.up = device->flags & PCAP_IF_UP;
    info.running = device->flags & PCAP_IF_RUNNING;
    for (pcap_addr_t* a = device->addresses; a != nullptr; a = a->next) {
      std::string text = address_text(a->addr);
      if (!text.empty()) info.addresses.push_back(text);
    }
    interfaces.push_back(std::move(info));
  }
  pcap_freealldevs(all);
  return interfaces;
}

LiveCapture::Opened LiveCapture::open(const LiveOptions& options) {
  const std::string& name = options.interface;
  char errbuf[PCAP_ERRBUF_SIZE] = {};
  pcap_t* handle = pcap_create(name.c_str(), errbuf);
  if (handle == nullptr) {
    return failure(LiveError::other, "cannot capture on " + name + ": " + errbuf);
  }
  pcap_set_snaplen(handle, options.snap_length);
  pcap_set_promisc(handle, options.promiscuous ? 1 : 0);
  pcap_set_timeout(handle, options.timeout_ms);
  pcap_set_buffer_size(handle, options.buffer_bytes);
  // Deliver each packet as it arrives: a learner watches a dialogue unfold, and packets left
  // in the kernel's buffer would otherwise be lost when the capture stops (PLATFORM.md).
  pcap_set_immediate_mode(handle, 1);
  // Nanosecond timestamps where the kernel offers them; microseconds otherwise.
  pcap_set_tstamp_precision(handle, PCAP_TSTAMP_PRECISION_NANO);
  int status = pcap_activate(handle);
  if (status < 0) {
    std::string detail = pcap_geterr(handle);
    pcap_close(handle);
    switch (status) {
      case PCAP_ERROR_PERM_DENIED:
        return failure(LiveError::permission, "no permission to capture on " + name +
                                                  " (capturing needs root or the "
                                                  "CAP_NET_RAW capability).");
      case PCAP_ERROR_NO_SUCH_DEVICE:
        return failure(LiveError::no_such_device,
                       "there is no network interface called " + name +
                           "; list the interfaces with `mailscope-cli interfaces`.");
      case PCAP_ERROR_IFACE_NOT_UP:
        return failure(LiveError::no_such_device,
                       "the interface " + name + " is down; bring it up or choose another one.");
      default:
        return failure(LiveError::other, "cannot capture on " + name + ": " + detail);
    }
  }
  if (!options.filter.empty()) {
    bpf_program program{};
    if (pcap_compile(handle, &program, options.filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0) {
      std::string detail = pcap_geterr(handle);
      pcap_close(handle);
      return failure(LiveError::bad_filter,
                     "the capture filter \"" + options.filter + "\" is not valid: " + detail);
    }
    int set = pcap_setfilter(handle, &program);
    pcap_freecode(&program);
    if (set != 0) {
      std::string detail = pcap_geterr(handle);
      pcap_close(handle);
      return failure(LiveError::bad_filter,
                     "cannot apply the capture filter on " + name + ": " + detail);
    }
  }
  Opened opened;
  opened.capture.reset(new LiveCapture(handle, name, options.timeout_ms));
  return opened;
}

LiveCapture::LiveCapture(pcap* handle, std::string interface, int timeout_ms)
    : handle_(handle), interface_(std::move(interface)), timeout_ms_(timeout_ms) {
  link_type_ = static_cast<uint16_t>(pcap_datalink(handle_));
  // With immediate mode, Linux libpcap waits for a packet without ever timing out, so we read
  // without blocking and wait in poll() ourselves: read() can then return `timeout` and a
  // --duration or a Stop is noticed on an idle interface.
  char errbuf[PCAP_ERRBUF_SIZE];
  selectable_fd_ = pcap_setnonblock(handle_, 1, errbuf) == 0 ? pcap_get_selectable_fd(handle_) : -1;
}

LiveCapture::~LiveCapture() { pcap_close(handle_); }

LiveCapture::Read LiveCapture::read(Frame& frame) {
  if (stop_requested_.load()) return Read::stopped;
  pcap_pkthdr* header = nullptr;
  const u_char* data = nullptr;
  int status = pcap_next_ex(handle_, &header, &data);
  if (status == 0 && selectable_fd_ >= 0 && !draining_) {
    pollfd waiting{selectable_fd_, POLLIN, 0};
    if (poll(&waiting, 1, timeout_ms_) > 0) status = pcap_next_ex(handle_, &header, &data);
  }
  if (status == 1) {
    frame.number = next_number_++;
    // With nanosecond precision tv_usec holds nanoseconds (pcap_set_tstamp_precision(3PCAP)).
    frame.time_ns = int64_t(header->ts.tv_sec) * 1'000'000'000 +
                    (pcap_get_tstamp_precision(handle_) == PCAP_TSTAMP_PRECISION_NANO
                         ? int64_t(header->ts.tv_usec)
                         : int64_t(header->ts.tv_usec) * 1000);
    frame.captured_length = header->caplen;
    frame.original_length = header->len;
    frame.link_type = link_type_;
    frame.interface_id = 0;
    frame.file_offset = 0;
    frame.data = data;
    if (received_.fetch_add(1) % 256 == 0) refresh_stats();
    return Read::frame;
  }
  refresh_stats();
  if (status == 0) return stop_requested_.load() ? Read::stopped : Read::timeout;
  if (status == PCAP_ERROR_BREAK) return Read::stopped;
  error_ = "capturing on " + interface_ + " failed: " + pcap_geterr(handle_) +
           " (the interface may have gone down).";
  return Read::error;
}

LiveCapture::Read LiveCapture::drain(Frame& frame) {
  if (!draining_) {
    draining_ = true;
    char errbuf[PCAP_ERRBUF_SIZE];
    pcap_setnonblock(handle_, 1, errbuf);
  }
  stop_requested_.store(false);  // let read() hand out what is still buffered
  Read result = read(frame);
  // pcap_breakloop leaves a flag that makes the first pcap_next_ex after it return
  // PCAP_ERROR_BREAK once; read again so the buffered frames are not lost.
  if (result == Read::stopped) result = read(frame);
  stop_requested_.store(true);
  return result == Read::frame ? Read::frame : Read::stopped;
}

void LiveCapture::stop() {
  stop_requested_.store(true);
  pcap_breakloop(handle_);
}

// pcap_stats is called on the capture thread only; other threads read the atomics.
void LiveCapture::refresh_stats() {
  pcap_stat s{};
  if (pcap_stats(handle_, &s) == 0) {
    dropped_by_kernel_.store(s.ps_drop);
    dropped_by_interface_.store(s.ps_ifdrop);
  }
}

LiveStats LiveCapture::stats() const {
  LiveStats result;
  result.received = received_.load();
  result.dropped_by_kernel = dropped_by_kernel_.load();
  result.dropped_by_interface = dropped_by_interface_.load();
  return result;
}

}  // namespace mailscope
