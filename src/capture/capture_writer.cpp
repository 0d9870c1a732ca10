// capture/capture_writer.cpp — pcap and pcapng files written in the host's byte order.
//
// pcap (draft-ietf-opsawg-pcap §4-5): a 24-byte header with magic 0xA1B2C3D4 (microseconds)
// or 0xA1B23C4D (nanoseconds), version 2.4, snap length and link type; then per frame a
// 16-byte record header and the bytes.
// pcapng (draft-ietf-opsawg-pcapng §4.1-4.3): one Section Header Block, an Interface
// Description Block per add_interface() (if_tsresol = 9, i.e. nanoseconds, and if_name),
// and an Enhanced Packet Block per frame.
#include "capture/capture_writer.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

namespace mailscope {
namespace {

constexpr uint32_t kShb = 0x0a0d0d0a, kIdb = 1, kEpb = 6;
constexpr uint32_t kDefaultSnapLength = 262144;
constexpr int64_t kLastPcapSecond = 0xffffffffLL;

// Serialises fields in host order into a reusable block buffer.
class BlockBuilder {
 public:
  void clear() { bytes_.clear(); }
  void u8(uint8_t v) { bytes_.push_back(v); }
  void u16(uint16_t v) { raw(&v, 2); }
  void u32(uint32_t v) { raw(&v, 4); }
  void u64(uint64_t v) { raw(&v, 8); }
  void raw(const void* p, size_t n) {
    const auto* b = static_cast<const uint8_t*>(p);
    bytes_.insert(bytes_.end(), b, b + n);
  }
  void pad4() {
    while (bytes_.size() % 4) bytes_.push_back(0);
  }
  // §3.5: an option is code, length, value padded to 32 bits.
  void option(uint16_t code, const void* value, uint16_t length) {
    u16(code);
    u16(length);
    raw(value, length);
    pad4();
  }
  // Fills in the two total-length fields of a block started with begin_block().
  void begin_block(uint32_t type) {
    clear();
    u32(type);
    u32(0);
  }
  void end_block() {
    pad4();
    uint32_t total = static_cast<uint32_t>(bytes_.size() + 4);
    std::memcpy(bytes_.data() + 4, &total, 4);
    u32(total);
  }
  const std::vector<uint8_t>& bytes() const { return bytes_; }

 private:
  std::vector<uint8_t> bytes_;
};

}  // namespace

std::unique_ptr<CaptureWriter> CaptureWriter::create(const std::string& path, CaptureFormat format,
                                                     std::string& error) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    error = "\"" + path + "\" cannot be created (" + std::strerror(errno) +
            "); choose a folder you can write to.";
    return nullptr;
  }
  error.clear();
  return std::unique_ptr<CaptureWriter>(new CaptureWriter(file, format, path));
}

CaptureWriter::CaptureWriter(std::FILE* file, CaptureFormat format, std::string path)
    : file_(file), format_(format), path_(std::move(path)) {}

CaptureWriter::~CaptureWriter() {
  if (file_ != nullptr) {
    write_header_if_needed();
    std::fclose(file_);
  }
}

bool CaptureWriter::put(const void* bytes, size_t length) {
  if (!error_.empty()) return false;
  if (length != 0 && std::fwrite(bytes, 1, length, file_) != length) {
    error_ = "Writing \"" + path_ + "\" failed (" + std::strerror(errno) +
             "); check the free disk space.";
    return false;
  }
  bytes_written_ += length;
  return true;
}

bool CaptureWriter::write_header_if_needed() {
  if (header_written_) return error_.empty();
  header_written_ = true;
  if (format_ == CaptureFormat::pcapng) {
    // §4.1: byte-order magic, version 1.0, section length unknown (-1), shb_userappl (4).
    BlockBuilder shb;
    shb.begin_block(kShb);
    shb.u32(0x1a2b3c4d);
    shb.u16(1);
    shb.u16(0);
    shb.u64(~0ull);
    static const char kApplication[] = "mailscope";
    shb.option(4, kApplication, sizeof kApplication - 1);
    shb.option(0, nullptr, 0);
    shb.end_block();
    return put(shb.bytes().data(), shb.bytes().size());
  }
  // A pcap file written before any interface was declared gets Ethernet.
  if (interfaces_ == 0) first_link_type_ = 1;
  uint8_t header[24];
  uint32_t magic = format_ == CaptureFormat::pcap_ns ? 0xa1b23c4d : 0xa1b2c3d4;
  uint16_t major = 2, minor = 4;
  uint32_t zero = 0, snap = first_snap_length_, link = first_link_type_;
  std::memcpy(header, &magic, 4);
  std::memcpy(header + 4, &major, 2);
  std::memcpy(header + 6, &minor, 2);
  std::memcpy(header + 8, &zero, 4);
  std::memcpy(header + 12, &zero, 4);
  std::memcpy(header + 16, &snap, 4);
  std::memcpy(header + 20, &link, 4);
  return put(header, sizeof header);
}

uint32_t CaptureWriter::add_interface(uint16_t link_type, const std::string& name,
                                      uint32_t snap_length) {
  if (snap_length == 0) snap_length = kDefaultSnapLength;
  if (format_ != CaptureFormat::pcapng) {
    if (interfaces_ == 0) {
      first_link_type_ = link_type;
      first_snap_length_ = snap_length;
      interfaces_ = 1;
      write_header_if_needed();
    } else if (link_type != first_link_type_ && error_.empty()) {
      error_ = "\"" + path_ +
               "\" is a pcap file, which holds one link type; save as pcapng to "
               "keep interfaces of different link types.";
    }
    return 0;
  }
  write_header_if_needed();
  // §4.2: link type, reserved, snap length, then if_name (2) and if_tsresol (9) = 10^-9.
  BlockBuilder idb;
  idb.begin_block(kIdb);
  idb.u16(link_type);
  idb.u16(0);
  idb.u32(snap_length);
  if (!name.empty()) {
    size_t length = std::min<size_t>(name.size(), 0xfff0);
    idb.option(2, name.data(), static_cast<uint16_t>(length));
  }
  uint8_t nanoseconds = 9;
  idb.option(9, &nanoseconds, 1);
  idb.option(0, nullptr, 0);
  idb.end_block();
  put(idb.bytes().data(), idb.bytes().size());
  if (interfaces_ == 0) first_link_type_ = link_type;
  return interfaces_++;
}

bool CaptureWriter::write(const Frame& frame) {
  if (interfaces_ == 0) add_interface(frame.link_type);  // a writer used without ceremony
  if (!write_header_if_needed()) return false;
  uint32_t original = std::max(frame.original_length, frame.captured_length);
  if (format_ != CaptureFormat::pcapng) {
    // §5: unsigned seconds and micro- or nanoseconds; times outside 1970-2106 are clamped.
    int64_t divisor = format_ == CaptureFormat::pcap_ns ? 1 : 1000;
    int64_t per_second = 1'000'000'000 / divisor;
    int64_t ticks =
        std::clamp<int64_t>(frame.time_ns, 0, kLastPcapSecond * 1'000'000'000) / divisor;
    int64_t seconds = ticks / per_second;
    uint32_t record[4] = {static_cast<uint32_t>(seconds),
                          static_cast<uint32_t>(ticks - seconds * per_second),
                          frame.captured_length, original};
    return put(record, sizeof record) && put(frame.data, frame.captured_length);
  }
  if (frame.interface_id >= interfaces_) {
    error_ = "Frame " + std::to_string(frame.number) + " names interface " +
             std::to_string(frame.interface_id) + ", which was not added to \"" + path_ + "\".";
    return false;
  }
  // §4.3: interface id, timestamp high and low 32 bits (ns, as the IDB's if_tsresol says),
  // captured and original length, data padded to 32 bits, no options.
  uint64_t ticks = frame.time_ns < 0 ? 0 : static_cast<uint64_t>(frame.time_ns);
  uint32_t padded = (frame.captured_length + 3u) & ~3u;
  uint32_t total = 32 + padded;
  uint32_t head[7] = {kEpb,
                      total,
                      frame.interface_id,
                      static_cast<uint32_t>(ticks >> 32),
                      static_cast<uint32_t>(ticks),
                      frame.captured_length,
                      original};
  static const uint8_t kPadding[4] = {0, 0, 0, 0};
  return put(head, sizeof head) && put(frame.data, frame.captured_length) &&
         put(kPadding, padded - frame.captured_length) && put(&total, 4);
}

bool CaptureWriter::flush() {
  if (!write_header_if_needed()) return false;
  if (std::fflush(file_) != 0) {
    error_ = "Writing \"" + path_ + "\" failed (" + std::strerror(errno) +
             "); check the free disk space.";
    return false;
  }
  return true;
}

}  // namespace mailscope
