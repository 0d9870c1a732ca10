// tests/capture/pcapng_blocks_test.cpp — hand-made pcapng files: both byte orders, timestamp
// resolutions and offsets, Simple and obsolete Packet Blocks, unknown blocks, several
// sections, and hostile block lengths. Also a hostile classic pcap record.
#include <catch2/catch.hpp>

#include "capture/capture_file.h"
#include "capture_test_util.h"

using namespace mailscope;
using namespace mailscope::test;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::vector<ReadFrame> open_and_read(const TempDir& dir, const std::vector<uint8_t>& bytes,
                                     std::string& warning) {
  std::string path = dir.file("hand.pcapng");
  write_bytes(path, bytes);
  auto opened = CaptureFile::open(path);
  REQUIRE(opened.ok());
  auto frames = read_all(*opened.file);
  warning = opened.file->warning();
  return frames;
}

const std::vector<uint8_t> kData = {1, 2, 3, 4, 5, 6, 7};

}  // namespace

TEST_CASE("pcapng in both byte orders, with if_tsresol and if_tsoffset") {
  TempDir dir;
  for (bool big : {false, true}) {
    CAPTURE(big);
    PcapngBytes ng(big);
    ng.section_header();
    ng.interface(1, 65535);            // default: microseconds
    ng.interface(113, 0, {{9}, {3}});  // milliseconds
    ng.interface(276, 0, {{9}, {0x80 | 20}, {14}, {0, 0, 0, 0, 0, 0, 0, 0}});  // 2^-20 s
    ng.interface(101, 0, {{9}, {12}});                                         // picoseconds
    std::vector<uint8_t> offset(8);
    for (int i = 0; i < 8; ++i)
      offset[static_cast<size_t>(i)] = big ? (i == 7 ? 10 : 0) : (i == 0 ? 10 : 0);
    ng.interface(1, 0, {{9}, {9}, {14}, offset});  // ns, +10 s
    ng.enhanced_packet(0, 1'500'000'123'456ull, kData);
    ng.enhanced_packet(1, 1'500'000'123ull, kData);
    ng.enhanced_packet(2, 3ull << 20 | 1ull << 19, kData);  // 3.5 s
    ng.enhanced_packet(3, 2'000'000'000'000ull, kData, 1500);
    ng.enhanced_packet(4, 7, kData);
    std::string warning;
    auto frames = open_and_read(dir, ng.bytes(), warning);
    CHECK(warning.empty());
    REQUIRE(frames.size() == 5);
    CHECK(frames[0].frame.time_ns == 1'500'000'123'456'000);
    CHECK(frames[0].frame.link_type == 1);
    CHECK(frames[1].frame.time_ns == 1'500'000'123'000'000);
    CHECK(frames[1].frame.link_type == 113);
    CHECK(frames[2].frame.time_ns == 3'500'000'000);
    CHECK(frames[2].frame.interface_id == 2);
    CHECK(frames[3].frame.time_ns == 2'000'000'000);
    CHECK(frames[3].frame.original_length == 1500);
    CHECK(frames[4].frame.time_ns == 10'000'000'007);
    for (const auto& f : frames) CHECK(f.bytes == kData);
  }
}

TEST_CASE("pcapng Simple and obsolete Packet Blocks; unknown blocks are skipped") {
  TempDir dir;
  PcapngBytes ng(false);
  ng.section_header();
  ng.other_block(0x00000bad, 12);  // custom-like block before any interface
  ng.interface(1, 4);              // snap length 4
  ng.other_block(4, 20);           // Name Resolution Block
  ng.simple_packet(kData);         // cut to the snap length
  ng.obsolete_packet(0, 1'000'000, kData);
  ng.other_block(5, 32);  // Interface Statistics Block
  ng.other_block(10, 8);  // Decryption Secrets Block
  std::string warning;
  auto frames = open_and_read(dir, ng.bytes(), warning);
  CHECK(warning.empty());
  REQUIRE(frames.size() == 2);
  CHECK(frames[0].frame.captured_length == 4);
  CHECK(frames[0].frame.original_length == 7);
  CHECK(frames[0].frame.time_ns == 0);  // a Simple Packet Block has no timestamp
  CHECK(frames[1].bytes == kData);
  CHECK(frames[1].frame.time_ns == 1'000'000'000);
  CHECK(frames[1].frame.number == 2);
}

TEST_CASE("a new pcapng section starts a new interface list, possibly in the other byte order") {
  TempDir dir;
  PcapngBytes first(false), second(true);
  first.section_header();
  first.interface(1, 0);
  first.enhanced_packet(0, 5, kData);
  second.section_header();
  second.interface(276, 0);
  second.interface(101, 0);
  second.enhanced_packet(1, 6, kData);
  second.enhanced_packet(0, 7, kData);
  std::vector<uint8_t> bytes = first.bytes();
  bytes.insert(bytes.end(), second.bytes().begin(), second.bytes().end());
  std::string path = dir.file("sections.pcapng");
  write_bytes(path, bytes);
  auto opened = CaptureFile::open(path);
  REQUIRE(opened.ok());
  auto frames = read_all(*opened.file);
  CHECK(opened.file->warning().empty());
  REQUIRE(frames.size() == 3);
  CHECK(frames[0].frame.link_type == 1);
  CHECK(frames[1].frame.link_type == 101);
  CHECK(frames[1].frame.interface_id == 1);
  CHECK(frames[2].frame.link_type == 276);
  CHECK(frames[2].frame.time_ns == 7000);
  // read_at finds each frame's own section.
  for (const auto& f : frames) {
    Frame again;
    REQUIRE(opened.file->read_at(f.frame.file_offset, f.frame.number, again));
    CHECK(again.link_type == f.frame.link_type);
    CHECK(again.time_ns == f.frame.time_ns);
  }
}

TEST_CASE("hostile or corrupt pcapng blocks stop the read with a warning, never an allocation") {
  TempDir dir;
  std::string warning;
  SECTION("a block claiming 2 GiB") {
    PcapngBytes ng(false);
    ng.section_header();
    ng.interface(1, 0);
    ng.enhanced_packet(0, 1, kData);
    ng.begin(6);
    ng.u32(0);
    ng.end(0x7ffffffc);
    auto frames = open_and_read(dir, ng.bytes(), warning);
    CHECK(frames.size() == 1);
    CHECK(contains(warning, "more than 256 MiB"));
  }
  SECTION("a block claiming more than the file has left") {
    PcapngBytes ng(false);
    ng.section_header();
    ng.interface(1, 0);
    ng.begin(6);
    ng.u32(0);
    ng.end(1u << 20);
    auto frames = open_and_read(dir, ng.bytes(), warning);
    CHECK(frames.empty());
    CHECK(contains(warning, "is truncated"));
  }
  SECTION("the two lengths of a block differ") {
    PcapngBytes ng(false);
    ng.section_header();
    ng.interface(1, 0);
    ng.enhanced_packet(0, 1, kData);
    ng.bytes()[ng.bytes().size() - 4] ^= 4;
    auto frames = open_and_read(dir, ng.bytes(), warning);
    CHECK(frames.empty());
    CHECK(contains(warning, "two length fields differ"));
  }
  SECTION("a length that is not a multiple of 4") {
    PcapngBytes ng(false);
    ng.section_header();
    ng.interface(1, 0);
    ng.enhanced_packet(0, 1, kData);
    ng.bytes()[ng.bytes().size() - 40 + 4] = 41;  // the 40-byte EPB's first length field
    open_and_read(dir, ng.bytes(), warning);
    CHECK(contains(warning, "length is not valid"));
  }
  SECTION("a captured length past the block") {
    PcapngBytes ng(false);
    ng.section_header();
    ng.interface(1, 0);
    ng.begin(6);
    for (uint32_t v : {0u, 0u, 1u, 1000u, 1000u}) ng.u32(v);
    ng.end();
    open_and_read(dir, ng.bytes(), warning);
    CHECK(contains(warning, "runs past its block"));
  }
  SECTION("a packet of an undeclared interface") {
    PcapngBytes ng(false);
    ng.section_header();
    ng.interface(1, 0);
    ng.enhanced_packet(3, 1, kData);
    open_and_read(dir, ng.bytes(), warning);
    CHECK(contains(warning, "interface that was not declared"));
  }
  SECTION("a section header with a bad byte-order magic") {
    PcapngBytes ng(false);
    ng.section_header();
    ng.bytes()[8] = 0x99;
    open_and_read(dir, ng.bytes(), warning);
    CHECK(contains(warning, "byte-order magic"));
  }
  SECTION("an interface option running past its block") {
    PcapngBytes ng(false);
    ng.section_header();
    ng.begin(1);
    ng.u16(1);
    ng.u16(0);
    ng.u32(0);
    ng.u16(9);
    ng.u16(200);  // option length beyond the block
    ng.end();
    open_and_read(dir, ng.bytes(), warning);
    CHECK(contains(warning, "option runs past its block"));
  }
}

TEST_CASE("a hostile classic pcap record length is refused by libpcap, not allocated") {
  TempDir dir;
  std::vector<uint8_t> bytes = {0xd4, 0xc3, 0xb2, 0xa1, 2,    0,    4, 0, 0, 0, 0, 0,
                                0,    0,    0,    0,    0xff, 0xff, 0, 0, 1, 0, 0, 0};
  // A record claiming 0xfffffff0 captured bytes.
  std::vector<uint8_t> record = {1,    0,    0,    0,    0,    0,    0,    0,
                                 0xf0, 0xff, 0xff, 0xff, 0xf0, 0xff, 0xff, 0xff};
  bytes.insert(bytes.end(), record.begin(), record.end());
  bytes.resize(bytes.size() + 64, 0);
  std::string path = dir.file("hostile.pcap");
  write_bytes(path, bytes);
  auto opened = CaptureFile::open(path);
  REQUIRE(opened.ok());
  CHECK(read_all(*opened.file).empty());
  CHECK(contains(opened.file->warning(), "is corrupt at byte 24"));
}

TEST_CASE("a big-endian classic pcap reads like a little-endian one") {
  TempDir dir;
  std::vector<uint8_t> bytes = {0xa1, 0xb2, 0x3c, 0x4d, 0, 2, 0,    4,    0, 0, 0, 0,
                                0,    0,    0,    0,    0, 0, 0xff, 0xff, 0, 0, 0, 113};
  std::vector<uint8_t> record = {0, 0, 0, 2, 0, 0, 0, 5, 0, 0, 0, 7, 0, 0, 0, 9};
  bytes.insert(bytes.end(), record.begin(), record.end());
  bytes.insert(bytes.end(), kData.begin(), kData.end());
  std::string path = dir.file("big.pcap");
  write_bytes(path, bytes);
  auto opened = CaptureFile::open(path);
  REQUIRE(opened.ok());
  CHECK(std::string(opened.file->format_name()) == "pcap (ns)");
  auto frames = read_all(*opened.file);
  CHECK(opened.file->warning().empty());
  REQUIRE(frames.size() == 1);
  CHECK(frames[0].frame.time_ns == 2'000'000'005);
  CHECK(frames[0].frame.link_type == 113);
  CHECK(frames[0].frame.original_length == 9);
  CHECK(frames[0].bytes == kData);
}
