// tests/capture/capture_test_util.h — temporary folders, whole-file I/O and a hand-made pcapng
// block builder (either byte order) for the capture/ tests.
#pragma once
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "capture/capture_file.h"

namespace mailscope::test {

// A folder under the system temp folder, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "mailscope-capture-XXXXXX");
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::vector<uint8_t> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_bytes(const std::string& path, const std::vector<uint8_t>& bytes, size_t n) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(n));
}
inline void write_bytes(const std::string& path, const std::vector<uint8_t>& bytes) {
  write_bytes(path, bytes, bytes.size());
}

// A frame read back, with its bytes copied (Frame::data is borrowed).
struct ReadFrame {
  Frame frame;
  std::vector<uint8_t> bytes;
};

inline std::vector<ReadFrame> read_all(CaptureFile& file) {
  std::vector<ReadFrame> out;
  Frame frame;
  while (file.next(frame)) out.push_back({frame, {frame.data, frame.data + frame.captured_length}});
  return out;
}

// Builds pcapng blocks in big- or little-endian order.
class PcapngBytes {
 public:
  explicit PcapngBytes(bool big_endian) : big_(big_endian) {}

  void u8(uint8_t v) { block_.push_back(v); }
  void u16(uint16_t v) { put(v, 2); }
  void u32(uint32_t v) { put(v, 4); }
  void u64(uint64_t v) { put(v, 8); }
  void raw(const std::vector<uint8_t>& b) { block_.insert(block_.end(), b.begin(), b.end()); }
  void pad() {
    while (block_.size() % 4) block_.push_back(0);
  }
  void option(uint16_t code, const std::vector<uint8_t>& value) {
    u16(code);
    u16(static_cast<uint16_t>(value.size()));
    raw(value);
    pad();
  }
  void begin(uint32_t type) {
    block_.clear();
    u32(type);
    u32(0);
  }
  // Closes the block with both lengths (or `length_override` in the first).
  void end(uint32_t length_override = 0) {
    pad();
    uint32_t total = static_cast<uint32_t>(block_.size() + 4);
    u32(total);
    size_t trailer = block_.size();
    put(length_override ? length_override : total, 4);  // appended, then moved to offset 4
    std::copy(block_.begin() + static_cast<long>(trailer), block_.end(), block_.begin() + 4);
    block_.resize(trailer);
    file_.insert(file_.end(), block_.begin(), block_.end());
    block_.clear();
  }

  void section_header() {
    begin(0x0a0d0d0a);
    u32(0x1a2b3c4d);
    u16(1);
    u16(0);
    u64(~0ull);
    end();
  }
  void interface(uint16_t link_type, uint32_t snap,
                 std::vector<std::vector<uint8_t>> options = {}) {
    begin(1);
    u16(link_type);
    u16(0);
    u32(snap);
    for (size_t i = 0; i + 1 < options.size(); i += 2)
      option(static_cast<uint16_t>(options[i][0]), options[i + 1]);
    if (!options.empty()) option(0, {});
    end();
  }
  void enhanced_packet(uint32_t interface, uint64_t ticks, const std::vector<uint8_t>& data,
                       uint32_t original = 0) {
    begin(6);
    u32(interface);
    u32(static_cast<uint32_t>(ticks >> 32));
    u32(static_cast<uint32_t>(ticks));
    u32(static_cast<uint32_t>(data.size()));
    u32(original ? original : static_cast<uint32_t>(data.size()));
    raw(data);
    end();
  }
  void simple_packet(const std::vector<uint8_t>& data) {
    begin(3);
    u32(static_cast<uint32_t>(data.size()));
    raw(data);
    end();
  }
  void obsolete_packet(uint16_t interface, uint64_t ticks, const std::vector<uint8_t>& data) {
    begin(2);
    u16(interface);
    u16(0);
    u32(static_cast<uint32_t>(ticks >> 32));
    u32(static_cast<uint32_t>(ticks));
    u32(static_cast<uint32_t>(data.size()));
    u32(static_cast<uint32_t>(data.size()));
    raw(data);
    end();
  }
  void other_block(uint32_t type, size_t body) {
    begin(type);
    raw(std::vector<uint8_t>(body, 0xee));
    end();
  }
  std::vector<uint8_t>& bytes() { return file_; }

 private:
  void put(uint64_t v, int n) {
    for (int i = 0; i < n; ++i) {
      int shift = big_ ? 8 * (n - 1 - i) : 8 * i;
      block_.push_back(static_cast<uint8_t>(v >> shift));
    }
  }
  bool big_;
  std::vector<uint8_t> block_, file_;
};

}  // namespace mailscope::test
