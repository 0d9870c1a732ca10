// fuzz/fuzz_packet.cpp — libFuzzer target for capture/ and net/.
//
// Each input is used three ways:
//   1. as one frame of every link type (and of one we do not know), through decode_frame(),
//      whole and with a larger original length (a snap length cut);
//   2. split at "FRAG" into frames of raw IP and of Ethernet fed to one IpDefragmenter, so that
//      fragments can meet and complete;
//   3. as a whole capture file (in a memfd, opened through /proc/self/fd), every frame read,
//      decoded and read again with read_at().
// Every frame is copied into a buffer of exactly its length so AddressSanitizer sees over-reads.
//
// Build (from the repository root), one command:
//   clang++ -std=c++20 -fsanitize=fuzzer,address,undefined -I src fuzz/fuzz_packet.cpp
//           src/capture/*.cpp src/net/*.cpp -lpcap -o fuzz_packet
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "capture/capture_file.h"
#include "net/ip_defragmenter.h"
#include "net/packet.h"

using namespace mailscope;

namespace {

constexpr uint16_t kLinkTypes[] = {0, 1, 101, 108, 113, 228, 229, 276, 147};

void decode_one(const uint8_t* data, size_t size, uint16_t link_type, uint32_t extra,
                IpDefragmenter* defrag, int64_t time_ns) {
  std::vector<uint8_t> bytes(data, data + size);
  Frame frame;
  frame.data = bytes.data();
  frame.captured_length = static_cast<uint32_t>(size);
  frame.original_length = static_cast<uint32_t>(size) + extra;
  frame.link_type = link_type;
  frame.time_ns = time_ns;
  DecodedPacket packet;
  DecodeStatus status = decode_frame(frame, packet);
  if (status == DecodeStatus::tcp && packet.payload_length > 0) {
    // Touch the payload: it must lie inside the frame.
    volatile uint8_t sink = packet.payload[packet.payload_length - 1];
    (void)sink;
  }
  if (status == DecodeStatus::malformed && packet.problem == nullptr) __builtin_trap();
  if (defrag != nullptr && status == DecodeStatus::ip_fragment && defrag->add(frame, packet)) {
    if (!packet.is_tcp() || !packet.reassembled_from_fragments) __builtin_trap();
    if (packet.payload_length > 0) {
      volatile uint8_t sink = packet.payload[packet.payload_length - 1];
      (void)sink;
    }
  }
}

void read_as_capture(const uint8_t* data, size_t size) {
  int fd = memfd_create("fuzz-capture", 0);
  if (fd < 0) return;
  size_t written = 0;
  while (written < size) {
    ssize_t n = ::write(fd, data + written, size - written);
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
  auto opened = CaptureFile::open("/proc/self/fd/" + std::to_string(fd));
  if (opened.ok()) {
    IpDefragmenter defrag(DefragLimits{1u << 16, 1'000'000'000, 64});
    Frame frame;
    struct Seen {
      uint64_t offset, number;
      std::vector<uint8_t> bytes;
    };
    std::vector<Seen> seen;
    for (int i = 0; i < 10000 && opened.file->next(frame); ++i) {
      decode_one(frame.data, frame.captured_length, frame.link_type, 0, &defrag, frame.time_ns);
      if (seen.size() < 8)
        seen.push_back({frame.file_offset, frame.number, {frame.data, frame.data + frame.captured_length}});
    }
    // A frame read again by its offset is the frame that was read: the offsets are right.
    for (const Seen& s : seen) {
      Frame again;
      if (!opened.file->read_at(s.offset, s.number, again)) __builtin_trap();
      if (again.number != s.number || again.captured_length != s.bytes.size() ||
          !std::equal(s.bytes.begin(), s.bytes.end(), again.data))
        __builtin_trap();
    }
    if (opened.file->bytes_read() > opened.file->size_bytes()) __builtin_trap();
  } else if (opened.error.empty()) {
    __builtin_trap();  // a refusal must say why
  }
  ::close(fd);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  for (uint16_t link_type : kLinkTypes) {
    decode_one(data, size, link_type, 0, nullptr, 0);
    decode_one(data, size, link_type, size > 0 ? data[0] * 16u : 1u, nullptr, 0);
  }

  IpDefragmenter defrag(DefragLimits{1u << 16, 1'000'000'000, 16});
  std::string_view input(reinterpret_cast<const char*>(data), size);
  int64_t time_ns = 0;
  for (size_t begin = 0; begin <= input.size();) {
    size_t end = input.find("FRAG", begin);
    if (end == std::string_view::npos) end = input.size();
    const uint8_t* piece = data + begin;
    decode_one(piece, end - begin, 101, 0, &defrag, time_ns += 100'000'000);
    decode_one(piece, end - begin, 1, 0, &defrag, time_ns);
    begin = end + 4;
  }

  read_as_capture(data, size);
  return 0;
}
