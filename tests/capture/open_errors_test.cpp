// tests/capture/open_errors_test.cpp — what open() says about files it cannot read, format
// detection by magic rather than by name, and truncated files cut at every byte.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>

#include "capture/capture_file.h"
#include "capture/capture_writer.h"
#include "capture_test_util.h"
#include "net/packet.h"
#include "net/packet_builder.h"

using namespace mailscope;
using namespace mailscope::test;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Writes three small frames; returns the file's bytes and where each record ends.
std::vector<uint8_t> small_capture(const TempDir& dir, CaptureFormat format,
                                   std::vector<size_t>& record_ends) {
  std::string path = dir.file("small.tmp");
  std::string error;
  auto writer = CaptureWriter::create(path, format, error);
  writer->add_interface(1, "eth0");
  record_ends.clear();
  for (int i = 0; i < 3; ++i) {
    TcpPacketSpec spec;
    uint8_t a[4] = {10, 0, 0, 1}, b[4] = {10, 0, 0, 2};
    spec.source = {IpAddress::v4(a), 1025};
    spec.destination = {IpAddress::v4(b), 110};
    spec.payload = "+OK " + std::to_string(i) + "\r\n";
    auto bytes = build_tcp_frame(1, spec);
    Frame frame;
    frame.time_ns = 1'000'000'000LL * (i + 1);
    frame.data = bytes.data();
    frame.captured_length = frame.original_length = static_cast<uint32_t>(bytes.size());
    writer->write(frame);
    writer->flush();
    record_ends.push_back(read_bytes(path).size());
  }
  writer.reset();
  return read_bytes(path);
}

}  // namespace

TEST_CASE("open() explains files it cannot read, naming them") {
  TempDir dir;
  SECTION("missing") {
    auto opened = CaptureFile::open(dir.file("nope.pcap"));
    REQUIRE_FALSE(opened.ok());
    CHECK(contains(opened.error, dir.file("nope.pcap")));
    CHECK(contains(opened.error, "does not exist"));
  }
  SECTION("a folder") {
    auto opened = CaptureFile::open(dir.path().string());
    REQUIRE_FALSE(opened.ok());
    CHECK(contains(opened.error, "is a folder"));
  }
  SECTION("empty") {
    write_bytes(dir.file("empty.pcap"), {});
    auto opened = CaptureFile::open(dir.file("empty.pcap"));
    REQUIRE_FALSE(opened.ok());
    CHECK(contains(opened.error, "is empty"));
  }
  SECTION("a text file") {
    std::string text = "From: alice@example.com\r\nSubject: not a capture\r\n";
    write_bytes(dir.file("mail.pcap"), std::vector<uint8_t>(text.begin(), text.end()));
    auto opened = CaptureFile::open(dir.file("mail.pcap"));
    REQUIRE_FALSE(opened.ok());
    CHECK(contains(opened.error, "mail.pcap\" is not a packet capture (pcap or pcapng)"));
  }
  SECTION("permission denied") {
    std::vector<size_t> ends;
    write_bytes(dir.file("secret.pcap"), small_capture(dir, CaptureFormat::pcap_us, ends));
    ::chmod(dir.file("secret.pcap").c_str(), 0);
    auto opened = CaptureFile::open(dir.file("secret.pcap"));
    if (::geteuid() == 0) {
      CHECK(opened.ok());  // root reads anything; the message cannot be provoked
    } else {
      REQUIRE_FALSE(opened.ok());
      CHECK(contains(opened.error, "permission denied"));
    }
  }
}

TEST_CASE("the format comes from the magic number, not the file name") {
  TempDir dir;
  std::vector<size_t> ends;
  write_bytes(dir.file("really-pcapng.pcap"), small_capture(dir, CaptureFormat::pcapng, ends));
  write_bytes(dir.file("really-pcap.pcapng"), small_capture(dir, CaptureFormat::pcap_ns, ends));
  auto ng = CaptureFile::open(dir.file("really-pcapng.pcap"));
  REQUIRE(ng.ok());
  CHECK(std::string(ng.file->format_name()) == "pcapng");
  CHECK(read_all(*ng.file).size() == 3);
  auto pcap = CaptureFile::open(dir.file("really-pcap.pcapng"));
  REQUIRE(pcap.ok());
  CHECK(std::string(pcap.file->format_name()) == "pcap (ns)");
  CHECK(read_all(*pcap.file).size() == 3);
}

TEST_CASE("a file cut at any byte gives the frames before the cut, then says where it ends") {
  TempDir dir;
  for (CaptureFormat format : {CaptureFormat::pcap_us, CaptureFormat::pcapng}) {
    std::vector<size_t> ends;
    auto whole = small_capture(dir, format, ends);
    size_t header_end = format == CaptureFormat::pcapng ? 28 : 24;
    // Where a record or block ends, so a cut there is a clean (if early) end.
    std::vector<size_t> boundaries;
    if (format == CaptureFormat::pcapng) {
      for (size_t at = 0; at < whole.size(); at += whole[at + 4] | whole[at + 5] << 8)
        boundaries.push_back(at);
    } else {
      boundaries = {24, ends[0], ends[1]};
    }
    for (size_t cut = 1; cut < whole.size(); ++cut) {
      CAPTURE(static_cast<int>(format), cut);
      std::string path = dir.file("cut.pcap");
      write_bytes(path, whole, cut);
      auto opened = CaptureFile::open(path);
      if (cut < header_end) {
        REQUIRE_FALSE(opened.ok());
        CHECK(contains(opened.error, path));
        continue;
      }
      REQUIRE(opened.ok());
      auto frames = read_all(*opened.file);
      size_t complete = 0;
      while (complete < ends.size() && ends[complete] <= cut) ++complete;
      CHECK(frames.size() == complete);
      for (size_t i = 0; i < frames.size(); ++i)
        CHECK(frames[i].frame.time_ns == 1'000'000'000LL * static_cast<int64_t>(i + 1));
      bool at_boundary = std::find(boundaries.begin(), boundaries.end(), cut) != boundaries.end();
      if (at_boundary) {
        CHECK(opened.file->warning().empty());
      } else {
        CHECK(contains(opened.file->warning(), "is truncated at byte " + std::to_string(cut)));
      }
      Frame frame;
      CHECK_FALSE(opened.file->next(frame));  // stays at the end
    }
  }
}

TEST_CASE("a frame of a link type we do not decode is still read, then reported by net/") {
  TempDir dir;
  for (CaptureFormat format : {CaptureFormat::pcap_us, CaptureFormat::pcapng}) {
    std::string error;
    auto writer = CaptureWriter::create(dir.file("usb.cap"), format, error);
    writer->add_interface(189);  // LINKTYPE_USB_LINUX
    std::vector<uint8_t> bytes(48, 0x5a);
    Frame frame;
    frame.data = bytes.data();
    frame.captured_length = frame.original_length = 48;
    writer->write(frame);
    writer.reset();
    auto opened = CaptureFile::open(dir.file("usb.cap"));
    REQUIRE(opened.ok());
    auto frames = read_all(*opened.file);
    REQUIRE(frames.size() == 1);
    CHECK(frames[0].frame.link_type == 189);
    DecodedPacket p;
    frames[0].frame.data = frames[0].bytes.data();
    CHECK(decode_frame(frames[0].frame, p) == DecodeStatus::unknown_link);
    CHECK(link_type_name(189) == "LINKTYPE 189");
  }
}
