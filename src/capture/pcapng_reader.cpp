// capture/pcapng_reader.cpp — our pcapng block reader.
//
// Format: draft-ietf-opsawg-pcapng
// (https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-02.html). Every block is: type (4),
// total length (4), body, total length again (4); lengths are in the byte order the Section Header
// Block declared with its byte-order magic 0x1A2B3C4D. Understood here:
//   SHB  0x0A0D0D0A  starts a section: byte order, and a fresh list of interfaces (§4.1)
//   IDB  1           an interface: link type, snap length, if_tsresol (9), if_tsoffset (14) (§4.2)
//   EPB  6           a packet with interface id and 64-bit timestamp (§4.3)
//   SPB  3           a packet of interface 0 without timestamp (§4.4)
//   OPB  2           the obsolete Packet Block (16-bit interface id) (Appendix A)
// Every other block (name resolution, statistics, decryption secrets, custom) is skipped by
// its length (§3.1: "a reader ... MUST skip unknown blocks").
//
// Unlike libpcap 1.10, interfaces of one section may have different link types: each frame
// carries its interface's link type and id.
//
// Reading is from a 1 MiB buffer filled with read(); a block that fits is parsed in place, so
// a frame costs no allocation and no copy. A block longer than kMaxBlockLength or longer than
// the rest of the file is refused before any memory is reserved for it.
#include "capture/pcapng_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "capture/byte_order.h"

namespace mailscope {
namespace {

constexpr uint32_t kShb = 0x0a0d0d0a, kIdb = 1, kOpb = 2, kSpb = 3, kEpb = 6;
constexpr uint32_t kByteOrderMagic = 0x1a2b3c4d;
constexpr uint32_t kMaxBlockLength = 256u << 20;
constexpr size_t kBufferLength = 1u << 20;
// Caps on what a hostile file can make us keep: sections and interfaces are tiny records,
// but a file made only of them would otherwise grow these tables with its size.
constexpr size_t kMaxSections = 1u << 16;
constexpr size_t kMaxInterfaces = 1u << 16;

__extension__ typedef __int128 Int128;

struct Interface {
  uint16_t link_type = 0;
  uint32_t snap_length = 0;
  bool binary_resolution = false;   // if_tsresol MSB: 2^-n instead of 10^-n seconds
  uint8_t resolution_exponent = 6;  // default: microseconds (§4.2, if_tsresol)
  int64_t offset_seconds = 0;       // if_tsoffset

  int64_t to_ns(uint64_t ticks) const {
    Int128 ns;
    if (binary_resolution) {
      ns = (static_cast<Int128>(ticks) * 1'000'000'000) >> std::min<int>(resolution_exponent, 127);
    } else if (resolution_exponent <= 9) {
      Int128 scale = 1;
      for (int i = resolution_exponent; i < 9; ++i) scale *= 10;
      ns = static_cast<Int128>(ticks) * scale;
    } else {
      Int128 divisor = 1;
      for (int i = 9; i < resolution_exponent && divisor <= static_cast<Int128>(ticks); ++i)
        divisor *= 10;
      ns = static_cast<Int128>(ticks) / divisor;
    }
    ns += static_cast<Int128>(offset_seconds) * 1'000'000'000;
    const Int128 max = INT64_MAX, min = INT64_MIN;
    return static_cast<int64_t>(std::clamp(ns, min, max));
  }
};

struct Section {
  uint64_t start = 0;
  bool swapped = false;
  std::vector<Interface> interfaces;
};

class PcapngReader final : public CaptureFile {
 public:
  PcapngReader(std::string path, int fd, uint64_t size)
      : path_(std::move(path)),
        fd_(fd),
        size_(size),
        buffer_(static_cast<size_t>(std::min<uint64_t>(size, kBufferLength))) {}
  ~PcapngReader() override { ::close(fd_); }

  bool next(Frame& frame) override {
    while (!done_) {
      uint64_t start = position_;
      const uint8_t* block = nullptr;
      uint32_t type = 0, length = 0;
      if (!next_block(block, type, length)) break;
      consume(length);
      const char* problem = nullptr;
      if (type == kShb) {
        problem = read_section_header(block, length, start);
      } else if (sections_.empty()) {
        problem = "the file does not start with a Section Header Block";
      } else if (type == kIdb) {
        problem = read_interface(block, length);
      } else if (type == kEpb || type == kSpb || type == kOpb) {
        problem = read_packet(sections_.back(), block, type, length, frame);
        if (problem == nullptr) {
          frame.number = next_number_++;
          frame.file_offset = start;
          return true;
        }
      }
      if (problem != nullptr) stop_corrupt(start, problem);
    }
    return false;
  }

  bool read_at(uint64_t file_offset, uint64_t number, Frame& frame) override {
    // The section the block belongs to: the last one that starts before it.
    auto after =
        std::upper_bound(sections_.begin(), sections_.end(), file_offset,
                         [](uint64_t offset, const Section& s) { return offset < s.start; });
    if (after == sections_.begin() || !readable_up_to(file_offset + 12)) return false;
    const Section& section = *(after - 1);
    uint8_t head[8];
    if (::pread(fd_, head, 8, static_cast<off_t>(file_offset)) != 8) return false;
    uint32_t type = bytes::file32(head, section.swapped);
    uint32_t length = bytes::file32(head + 4, section.swapped);
    if (type != kEpb && type != kSpb && type != kOpb) return false;
    if (length < 12 || length > kMaxBlockLength || !readable_up_to(file_offset + length)) return false;
    if (reread_.size() < length) reread_.resize(length);
    if (::pread(fd_, reread_.data(), length, static_cast<off_t>(file_offset)) !=
        static_cast<ssize_t>(length))
      return false;
    if (read_packet(section, reread_.data(), type, length, frame) != nullptr) return false;
    frame.number = number;
    frame.file_offset = file_offset;
    return true;
  }

  // read_at()'s bound. A file still being written (a live capture that mailscope writes and
  // shows at once) grows after it was opened, so look at its size again before giving up.
  bool readable_up_to(uint64_t end) {
    if (end <= grown_size_) return true;
    struct stat st;
    if (::fstat(fd_, &st) == 0 && st.st_size > 0) grown_size_ = std::max<uint64_t>(grown_size_, static_cast<uint64_t>(st.st_size));
    return end <= grown_size_;
  }

  const std::string& warning() const override { return warning_; }
  const std::string& path() const override { return path_; }
  uint64_t size_bytes() const override { return size_; }
  uint64_t bytes_read() const override { return position_; }
  const char* format_name() const override { return "pcapng"; }

 private:
  // Finds the next whole block in the buffer. False at the end of the file or on an error
  // (then warning_ is set unless the end was clean).
  bool next_block(const uint8_t*& block, uint32_t& type, uint32_t& length) {
    uint64_t start = position_;
    if (!fill(12)) {
      if (available() != 0) stop_truncated(start);
      done_ = true;
      return false;
    }
    const uint8_t* p = buffer_.data() + begin_;
    bool swapped = sections_.empty() ? false : sections_.back().swapped;
    if (bytes::load_native<uint32_t>(p) == kShb) {
      // §4.1: the byte-order magic right after the length decides how to read the length.
      uint32_t magic = bytes::load_native<uint32_t>(p + 8);
      if (magic != kByteOrderMagic && magic != bytes::swap32(kByteOrderMagic))
        return stop_corrupt(start, "the Section Header Block has no valid byte-order magic");
      swapped = magic != kByteOrderMagic;
    }
    type = bytes::file32(p, swapped);
    length = bytes::file32(p + 4, swapped);
    // §3.1: a block is at least 12 bytes and its length a multiple of 4.
    if (length < 12 || length % 4 != 0) return stop_corrupt(start, "its length is not valid");
    if (length > kMaxBlockLength)
      return stop_corrupt(start, "it claims more than 256 MiB, more than any packet needs");
    if (start + length > size_ || !fill(length)) {
      stop_truncated(start);
      done_ = true;
      return false;
    }
    block = buffer_.data() + begin_;
    if (bytes::file32(block + length - 4, swapped) != length)
      return stop_corrupt(start, "its two length fields differ");
    return true;
  }

  const char* read_section_header(const uint8_t* block, uint32_t length, uint64_t start) {
    if (length < 28) return "the Section Header Block is too short";
    if (sections_.size() >= kMaxSections) return "the file has too many sections";
    Section section;
    section.start = start;
    section.swapped = bytes::load_native<uint32_t>(block + 8) != kByteOrderMagic;
    uint16_t major = bytes::file16(block + 12, section.swapped);
    if (major != 1) return "the section's major version is not 1";
    sections_.push_back(std::move(section));
    return nullptr;
  }

  const char* read_interface(const uint8_t* block, uint32_t length) {
    if (length < 20) return "an Interface Description Block is too short";
    if (interface_count_ >= kMaxInterfaces) return "the file declares too many interfaces";
    Section& section = sections_.back();
    bool swapped = section.swapped;
    Interface interface;
    interface.link_type = bytes::file16(block + 8, swapped);
    interface.snap_length = bytes::file32(block + 12, swapped);
    // §3.5: options are code (2), length (2), value padded to 4 bytes; code 0 ends them.
    for (uint32_t at = 16; at + 4 <= length - 4;) {
      uint16_t code = bytes::file16(block + at, swapped);
      uint16_t value_length = bytes::file16(block + at + 2, swapped);
      const uint8_t* value = block + at + 4;
      if (code == 0) break;
      if (at + 4 + value_length > length - 4) return "an interface option runs past its block";
      if (code == 9 && value_length >= 1) {  // if_tsresol
        interface.binary_resolution = (value[0] & 0x80) != 0;
        interface.resolution_exponent = value[0] & 0x7f;
      } else if (code == 14 && value_length >= 8) {  // if_tsoffset
        interface.offset_seconds = static_cast<int64_t>(bytes::file64(value, swapped));
      }
      at += 4 + ((value_length + 3u) & ~3u);
    }
    section.interfaces.push_back(interface);
    ++interface_count_;
    return nullptr;
  }

  static const char* read_packet(const Section& section, const uint8_t* block, uint32_t type,
                                 uint32_t length, Frame& frame) {
    bool swapped = section.swapped;
    uint32_t interface_id = 0, captured = 0, original = 0, data_at = 0;
    uint64_t ticks = 0;
    bool timed = true;
    if (type == kEpb || type == kOpb) {
      if (length < 32) return "a packet block is too short";
      if (type == kEpb)
        interface_id = bytes::file32(block + 8, swapped);
      else
        interface_id = bytes::file16(block + 8, swapped);
      ticks = static_cast<uint64_t>(bytes::file32(block + 12, swapped)) << 32 |
              bytes::file32(block + 16, swapped);
      captured = bytes::file32(block + 20, swapped);
      original = bytes::file32(block + 24, swapped);
      data_at = 28;
      if (captured > length - 32) return "a packet's captured length runs past its block";
    } else {
      // §4.4: the Simple Packet Block belongs to interface 0, has no timestamp, and its
      // captured length is what the block holds, at most the snap length.
      if (length < 16) return "a Simple Packet Block is too short";
      original = bytes::file32(block + 8, swapped);
      data_at = 12;
      captured = std::min(original, length - 16);
      timed = false;
    }
    if (interface_id >= section.interfaces.size())
      return "a packet names an interface that was not declared";
    const Interface& interface = section.interfaces[interface_id];
    if (!timed && interface.snap_length != 0) captured = std::min(captured, interface.snap_length);
    frame.time_ns = timed ? interface.to_ns(ticks) : 0;
    frame.captured_length = captured;
    frame.original_length = original;
    frame.link_type = interface.link_type;
    frame.interface_id = interface_id;
    frame.data = block + data_at;
    return nullptr;
  }

  size_t available() const { return end_ - begin_; }

  void consume(uint32_t length) {
    begin_ += length;
    position_ += length;
  }

  // Makes `need` bytes available at buffer_[begin_], reading more of the file as needed.
  bool fill(size_t need) {
    if (available() >= need) return true;
    if (begin_ + need > buffer_.size()) {
      std::memmove(buffer_.data(), buffer_.data() + begin_, available());
      end_ -= begin_;
      begin_ = 0;
      if (need > buffer_.size()) buffer_.resize(need);  // callers bound need by the file size
    }
    while (available() < need) {
      ssize_t got = ::read(fd_, buffer_.data() + end_, buffer_.size() - end_);
      if (got <= 0) return false;
      end_ += static_cast<size_t>(got);
    }
    return true;
  }

  void stop_truncated(uint64_t block_start) {
    done_ = true;
    if (!warning_.empty()) return;
    warning_ = "\"" + path_ + "\" is truncated at byte " + std::to_string(size_) +
               ": the block that starts at byte " + std::to_string(block_start) +
               " is incomplete; the " + std::to_string(next_number_ - 1) +
               " frames before it were read.";
  }

  bool stop_corrupt(uint64_t block_start, const char* problem) {
    done_ = true;
    if (warning_.empty())
      warning_ = "\"" + path_ + "\" has a corrupt pcapng block at byte " +
                 std::to_string(block_start) + " (" + problem + "); the " +
                 std::to_string(next_number_ - 1) + " frames before it were read.";
    return false;
  }

  std::string path_;
  int fd_;
  uint64_t size_;
  uint64_t grown_size_ = size_;   // read_at() only; see readable_up_to()
  std::vector<uint8_t> buffer_;
  size_t begin_ = 0, end_ = 0;  // unread bytes are buffer_[begin_, end_)
  uint64_t position_ = 0;       // file offset of buffer_[begin_]
  std::vector<Section> sections_;
  size_t interface_count_ = 0;
  std::vector<uint8_t> reread_;  // read_at()'s block, apart from the sequential buffer
  uint64_t next_number_ = 1;
  bool done_ = false;
  std::string warning_;
};

}  // namespace

CaptureFile::Opened open_pcapng(const std::string& path, int fd, uint64_t size) {
  CaptureFile::Opened result;
  auto reader = std::make_unique<PcapngReader>(path, fd, size);
  // Read up to the first packet would cost a frame; checking the header block is enough to
  // tell a pcapng file from a damaged one up front.
  if (size < 28) {
    result.error = "\"" + path + "\" ends inside its pcapng section header (" +
                   std::to_string(size) + " bytes); it holds no packets, so capture again.";
    return result;
  }
  result.file = std::move(reader);
  return result;
}

}  // namespace mailscope
