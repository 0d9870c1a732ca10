// capture/capture_writer.h — write frames to a pcap or pcapng file.
//
//   std::string error;
//   auto writer = CaptureWriter::create("out.pcapng", CaptureFormat::pcapng, error);
//   uint32_t lo = writer->add_interface(LinkType::ethernet, "lo", 262144);   // pcapng only
//   writer->write(frame);            // frame.interface_id picks the interface (pcapng)
//   writer->flush();                 // what was written is on disk (live capture, Ctrl-C)
//
// Used by the tests (pathological packets), by the capture recorder for cases real software
// cannot produce, and by live capture (--write, Save). The pcap flavour writes one link type
// (the first interface's) with microsecond or nanosecond timestamps.
#pragma once
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "capture/frame.h"

namespace mailscope {

enum class CaptureFormat : uint8_t { pcap_us, pcap_ns, pcapng };

class CaptureWriter {
 public:
  static std::unique_ptr<CaptureWriter> create(const std::string& path, CaptureFormat format,
                                               std::string& error);
  ~CaptureWriter();
  CaptureWriter(const CaptureWriter&) = delete;
  CaptureWriter& operator=(const CaptureWriter&) = delete;

  // Declares an interface; returns its id. A pcap file takes one interface only.
  uint32_t add_interface(uint16_t link_type, const std::string& name = {},
                         uint32_t snap_length = 262144);
  bool write(const Frame& frame);  // false on an I/O error (error() says which)
  bool flush();
  // Bytes written so far: the offset at which the next frame's record will start (so a
  // reader of the same file can find it again with CaptureFile::read_at).
  uint64_t bytes_written() const { return bytes_written_; }
  const std::string& error() const { return error_; }

 private:
  CaptureWriter(std::FILE* file, CaptureFormat format, std::string path);
  bool write_header_if_needed();
  bool put(const void* bytes, size_t length);
  std::FILE* file_;
  CaptureFormat format_;
  std::string path_;
  std::string error_;
  uint64_t bytes_written_ = 0;
  uint32_t interfaces_ = 0;
  uint16_t first_link_type_ = 0;
  uint32_t first_snap_length_ = 262144;
  bool header_written_ = false;
};

}  // namespace mailscope
