// tests/capture/round_trip_test.cpp — build -> write (pcap us/ns, pcapng) -> read -> decode,
// for every link type; pcapng with interfaces of different link types; read_at().
#include <catch2/catch.hpp>

#include "capture/capture_file.h"
#include "capture/capture_writer.h"
#include "capture_test_util.h"
#include "net/packet.h"
#include "net/packet_builder.h"

using namespace mailscope;
using namespace mailscope::test;

namespace {

constexpr uint16_t kLinkTypes[] = {1, 113, 276, 0, 108, 101, 228, 229};
constexpr int64_t kBaseTime = 1'700'000'000'123'456'789;

TcpPacketSpec spec_for(uint16_t link_type, int index) {
  TcpPacketSpec spec;
  bool v6 = link_type == 229 || (link_type != 228 && index % 2 == 1);
  uint8_t a[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  uint8_t b[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
  uint8_t a4[4] = {10, 0, 0, 1}, b4[4] = {10, 0, 0, 2};
  spec.source = {v6 ? IpAddress::v6(a) : IpAddress::v4(a4), static_cast<uint16_t>(40000 + index)};
  spec.destination = {v6 ? IpAddress::v6(b) : IpAddress::v4(b4), 25};
  spec.sequence = 100u * static_cast<uint32_t>(index);
  spec.payload = "250-line " + std::string(static_cast<size_t>(index) * 7, 'x') + "\r\n";
  if (link_type == 1 && index == 2) {
    spec.vlan_count = 2;
    spec.vlan_ids[0] = 7;
    spec.vlan_ids[1] = 8;
  }
  return spec;
}

const char* expected_format(CaptureFormat format) {
  switch (format) {
    case CaptureFormat::pcap_us:
      return "pcap";
    case CaptureFormat::pcap_ns:
      return "pcap (ns)";
    case CaptureFormat::pcapng:
      return "pcapng";
  }
  return "";
}

}  // namespace

TEST_CASE("every link type survives write, read and decode in every format") {
  TempDir dir;
  for (CaptureFormat format :
       {CaptureFormat::pcap_us, CaptureFormat::pcap_ns, CaptureFormat::pcapng}) {
    for (uint16_t link_type : kLinkTypes) {
      CAPTURE(static_cast<int>(format), link_type);
      std::string path = dir.file("rt-" + std::to_string(link_type) + ".cap");
      std::string error;
      auto writer = CaptureWriter::create(path, format, error);
      REQUIRE(writer);
      CHECK(writer->add_interface(link_type, "eth0", 65535) == 0);
      std::vector<std::vector<uint8_t>> built;
      for (int i = 0; i < 4; ++i) {
        built.push_back(build_tcp_frame(link_type, spec_for(link_type, i)));
        Frame frame;
        frame.time_ns = kBaseTime + i * 1'000'001'001LL;
        frame.data = built.back().data();
        frame.captured_length = static_cast<uint32_t>(built.back().size());
        frame.original_length = frame.captured_length + (i == 3 ? 100 : 0);  // snap length cut
        frame.link_type = link_type;
        REQUIRE(writer->write(frame));
      }
      REQUIRE(writer->flush());
      writer.reset();

      auto opened = CaptureFile::open(path);
      REQUIRE(opened.ok());
      CHECK(std::string(opened.file->format_name()) == expected_format(format));
      CHECK(opened.file->path() == path);
      auto frames = read_all(*opened.file);
      CHECK(opened.file->warning().empty());
      CHECK(opened.file->bytes_read() == opened.file->size_bytes());
      REQUIRE(frames.size() == 4);
      for (int i = 0; i < 4; ++i) {
        const Frame& frame = frames[static_cast<size_t>(i)].frame;
        int64_t written = kBaseTime + i * 1'000'001'001LL;
        CHECK(frame.number == static_cast<uint64_t>(i + 1));
        CHECK(frame.link_type == link_type);
        CHECK(frame.interface_id == 0);
        CHECK(frame.time_ns ==
              (format == CaptureFormat::pcap_us ? written / 1000 * 1000 : written));
        CHECK(frames[static_cast<size_t>(i)].bytes == built[static_cast<size_t>(i)]);
        CHECK(frame.original_length == frame.captured_length + (i == 3 ? 100 : 0));

        DecodedPacket p;
        Frame copy = frame;
        copy.data = frames[static_cast<size_t>(i)].bytes.data();
        REQUIRE(decode_frame(copy, p) == DecodeStatus::tcp);
        TcpPacketSpec spec = spec_for(link_type, i);
        CHECK(p.source() == spec.source);
        CHECK(p.destination() == spec.destination);
        CHECK(p.tcp.sequence == spec.sequence);
        CHECK(std::string(reinterpret_cast<const char*>(p.payload), p.payload_length) ==
              spec.payload);
        CHECK(p.link.vlan_count == spec.vlan_count);
        CHECK(p.number == frame.number);
      }
    }
  }
}

TEST_CASE("pcapng with interfaces of different link types gives each frame its interface") {
  TempDir dir;
  std::string path = dir.file("any-plus-lo.pcapng");
  std::string error;
  auto writer = CaptureWriter::create(path, CaptureFormat::pcapng, error);
  REQUIRE(writer);
  REQUIRE(writer->add_interface(276, "any") == 0);
  REQUIRE(writer->add_interface(1, "lo") == 1);
  REQUIRE(writer->add_interface(101, "tun0") == 2);
  const uint16_t link_of[3] = {276, 1, 101};
  std::vector<std::vector<uint8_t>> built;
  for (int i = 0; i < 9; ++i) {
    uint32_t id = static_cast<uint32_t>(i % 3);
    built.push_back(build_tcp_frame(link_of[id], spec_for(link_of[id], i)));
    Frame frame;
    frame.time_ns = kBaseTime + i;
    frame.data = built.back().data();
    frame.captured_length = frame.original_length = static_cast<uint32_t>(built.back().size());
    frame.interface_id = id;
    REQUIRE(writer->write(frame));
  }
  writer.reset();

  auto opened = CaptureFile::open(path);
  REQUIRE(opened.ok());
  auto frames = read_all(*opened.file);
  CHECK(opened.file->warning().empty());
  REQUIRE(frames.size() == 9);
  for (size_t i = 0; i < frames.size(); ++i) {
    uint32_t id = static_cast<uint32_t>(i % 3);
    CHECK(frames[i].frame.interface_id == id);
    CHECK(frames[i].frame.link_type == link_of[id]);
    CHECK(frames[i].frame.time_ns == kBaseTime + static_cast<int64_t>(i));
    CHECK(frames[i].bytes == built[i]);
    DecodedPacket p;
    Frame copy = frames[i].frame;
    copy.data = frames[i].bytes.data();
    CHECK(decode_frame(copy, p) == DecodeStatus::tcp);
    CHECK(p.interface_id == id);
  }
}

TEST_CASE("read_at re-reads a frame by its file offset without disturbing next()") {
  TempDir dir;
  for (CaptureFormat format : {CaptureFormat::pcap_us, CaptureFormat::pcapng}) {
    std::string path = dir.file("read-at.cap");
    std::string error;
    auto writer = CaptureWriter::create(path, format, error);
    REQUIRE(writer);
    writer->add_interface(1);
    std::vector<std::vector<uint8_t>> built;
    for (int i = 0; i < 20; ++i) {
      built.push_back(build_tcp_frame(1, spec_for(1, i)));
      Frame frame;
      frame.time_ns = kBaseTime + i * 1000;
      frame.data = built.back().data();
      frame.captured_length = frame.original_length = static_cast<uint32_t>(built.back().size());
      REQUIRE(writer->write(frame));
    }
    writer.reset();

    auto opened = CaptureFile::open(path);
    REQUIRE(opened.ok());
    CaptureFile& file = *opened.file;
    std::vector<Frame> seen;
    Frame frame;
    for (size_t i = 0; i < 20; ++i) {
      REQUIRE(file.next(frame));
      CHECK(frame.number == i + 1);
      CHECK(std::vector<uint8_t>(frame.data, frame.data + frame.captured_length) == built[i]);
      seen.push_back(frame);
      // Jump back to an earlier frame in the middle of the sequential read.
      size_t back = i / 2;
      Frame again;
      REQUIRE(file.read_at(seen[back].file_offset, seen[back].number, again));
      CHECK(again.number == back + 1);
      CHECK(again.file_offset == seen[back].file_offset);
      CHECK(again.time_ns == seen[back].time_ns);
      CHECK(std::vector<uint8_t>(again.data, again.data + again.captured_length) == built[back]);
    }
    CHECK_FALSE(file.next(frame));
    CHECK(file.warning().empty());
    Frame again;
    CHECK_FALSE(file.read_at(file.size_bytes() + 10, 1, again));
    CHECK_FALSE(file.read_at(3, 1, again));
  }
}

TEST_CASE("pcap keeps microseconds or nanoseconds as written, also after 2038") {
  TempDir dir;
  const int64_t times[] = {1'123'456'789, 0, -1'500'000'001, 4'000'000'000'999'999'999};
  for (CaptureFormat format : {CaptureFormat::pcap_us, CaptureFormat::pcap_ns}) {
    std::string path = dir.file("time.pcap");
    std::string error;
    auto writer = CaptureWriter::create(path, format, error);
    auto bytes = build_tcp_frame(1, spec_for(1, 0));
    for (int64_t t : times) {
      Frame frame;
      frame.time_ns = t;
      frame.data = bytes.data();
      frame.captured_length = frame.original_length = static_cast<uint32_t>(bytes.size());
      frame.link_type = 1;
      REQUIRE(writer->write(frame));
    }
    writer.reset();
    auto opened = CaptureFile::open(path);
    REQUIRE(opened.ok());
    auto frames = read_all(*opened.file);
    REQUIRE(frames.size() == 4);
    bool micro = format == CaptureFormat::pcap_us;
    CHECK(frames[0].frame.time_ns == (micro ? 1'123'456'000 : 1'123'456'789));
    CHECK(frames[1].frame.time_ns == 0);
    // Seconds are unsigned 32-bit on disk: before 1970 is clamped, after 2038 survives.
    CHECK(frames[2].frame.time_ns == 0);
    CHECK(frames[3].frame.time_ns == (micro ? 4'000'000'000'999'999'000 : times[3]));
  }
}

TEST_CASE("the writer refuses what its format cannot hold") {
  TempDir dir;
  std::string error;
  auto pcap = CaptureWriter::create(dir.file("one.pcap"), CaptureFormat::pcap_us, error);
  REQUIRE(pcap);
  pcap->add_interface(1);
  pcap->add_interface(276);
  CHECK(pcap->error().find("one link type") != std::string::npos);

  auto ng = CaptureWriter::create(dir.file("two.pcapng"), CaptureFormat::pcapng, error);
  REQUIRE(ng);
  ng->add_interface(1);
  auto bytes = build_tcp_frame(1, spec_for(1, 0));
  Frame frame;
  frame.data = bytes.data();
  frame.captured_length = static_cast<uint32_t>(bytes.size());
  frame.interface_id = 5;
  CHECK_FALSE(ng->write(frame));
  CHECK(ng->error().find("interface 5") != std::string::npos);

  CHECK_FALSE(
      CaptureWriter::create(dir.file("no/such/folder.pcap"), CaptureFormat::pcap_us, error));
  CHECK(error.find("cannot be created") != std::string::npos);
}

namespace {

// A little-endian pcap file by hand: the header, then records of `record_header` bytes
// (16, or 24 in the "modified" format) whose data are the given bytes.
std::vector<uint8_t> hand_made_pcap(uint32_t magic, uint32_t snaplen, size_t record_header,
                                    const std::vector<std::vector<uint8_t>>& records) {
  std::vector<uint8_t> out;
  auto u32 = [&](uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
  };
  auto u16 = [&](uint16_t v) {
    out.push_back(static_cast<uint8_t>(v));
    out.push_back(static_cast<uint8_t>(v >> 8));
  };
  u32(magic);
  u16(2);
  u16(4);
  u32(0);
  u32(0);
  u32(snaplen);
  u32(1);  // Ethernet
  uint32_t second = 1'700'000'000;
  for (const auto& data : records) {
    u32(second++);
    u32(0);
    u32(static_cast<uint32_t>(data.size()));
    u32(static_cast<uint32_t>(data.size()));
    for (size_t i = 16; i < record_header; ++i) out.push_back(0);  // ifindex, protocol, type, pad
    out.insert(out.end(), data.begin(), data.end());
  }
  return out;
}

// Reads every frame, then each again by its offset: the same time and the same bytes.
void check_offsets(const std::string& path, size_t expected_frames) {
  auto opened = CaptureFile::open(path);
  REQUIRE(opened.ok());
  std::vector<ReadFrame> frames = read_all(*opened.file);
  REQUIRE(frames.size() == expected_frames);
  for (const ReadFrame& f : frames) {
    Frame again;
    REQUIRE(opened.file->read_at(f.frame.file_offset, f.frame.number, again));
    CHECK(again.time_ns == f.frame.time_ns);
    CHECK(std::vector<uint8_t>(again.data, again.data + again.captured_length) == f.bytes);
  }
}

}  // namespace

TEST_CASE("pcap frame offsets stay right when libpcap cuts a record or the headers are longer") {
  TempDir dir;
  std::vector<std::vector<uint8_t>> records;
  for (int i = 0; i < 6; ++i) records.push_back(build_tcp_frame(1, spec_for(1, i)));

  SECTION("a record longer than the file's snap length") {
    // libpcap keeps the first `snaplen` bytes of such a record and skips the rest, so the
    // next record does not start at offset + 16 + the length libpcap reports.
    const uint32_t snaplen = static_cast<uint32_t>(records[0].size() + 3);
    std::string path = dir.file("cut.pcap");
    write_bytes(path, hand_made_pcap(0xa1b2c3d4u, snaplen, 16, records));
    auto opened = CaptureFile::open(path);
    REQUIRE(opened.ok());
    std::vector<ReadFrame> frames = read_all(*opened.file);
    REQUIRE(frames.size() == records.size());
    bool some_cut = false;
    for (const ReadFrame& f : frames) some_cut |= f.frame.captured_length < records[f.frame.number - 1].size();
    CHECK(some_cut);
    check_offsets(path, records.size());
  }
  SECTION("the modified pcap format (24-byte record headers)") {
    std::string path = dir.file("modified.pcap");
    write_bytes(path, hand_made_pcap(0xa1b2cd34u, 65535, 24, records));
    check_offsets(path, records.size());
  }
}
