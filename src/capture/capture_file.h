// capture/capture_file.h — read the frames of a pcap or pcapng file.
//
//   auto opened = CaptureFile::open("captures/smtp-plain.pcap");
//   if (!opened.ok()) { std::cerr << opened.error << "\n"; return 1; }
//   Frame frame;
//   while (opened.file->next(frame)) { ... }
//   if (!opened.file->warning().empty()) std::cerr << opened.file->warning() << "\n";
//
// Classic pcap (micro- and nanosecond, either byte order) is read through libpcap.
// pcapng is read by our own block reader (pcapng_reader.cpp) because libpcap 1.10 refuses
// a pcapng file whose interfaces have different link types and does not report which
// interface a packet came from; both are things a capture of `-i any` plus `lo` needs.
//
// Errors never throw: open() returns a message that names the file and says what to do.
// A file that ends in the middle of a record yields every frame before the cut, then
// next() returns false and warning() says the file is truncated.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "capture/frame.h"

namespace mailscope {

class CaptureFile {
 public:
  struct Opened {
    std::unique_ptr<CaptureFile> file;  // null when the file could not be opened
    std::string error;                  // one sentence for the user, naming the file
    bool ok() const { return file != nullptr; }
  };

  static Opened open(const std::string& path);
  virtual ~CaptureFile() = default;

  // Reads the next frame. False at the end of the file or after an error; then
  // warning() tells whether the end was clean.
  virtual bool next(Frame& frame) = 0;

  // Reads again the frame whose record starts at `file_offset` (Frame::file_offset), for
  // views that keep packets in the file rather than in memory. `number` is filled in from
  // the argument since the file does not store it.
  virtual bool read_at(uint64_t file_offset, uint64_t number, Frame& frame) = 0;

  // Empty after a clean end; otherwise what went wrong (a truncated file, a corrupt block).
  virtual const std::string& warning() const = 0;

  virtual const std::string& path() const = 0;
  virtual uint64_t size_bytes() const = 0;      // the file's size, for progress bars
  virtual uint64_t bytes_read() const = 0;      // how far next() has come
  virtual const char* format_name() const = 0;  // "pcap", "pcap (ns)", "pcapng"
};

}  // namespace mailscope
