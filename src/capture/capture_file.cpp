// capture/capture_file.cpp — CaptureFile::open(): check the path, read the magic number and
// hand the file to the pcap reader (libpcap) or to our pcapng block reader.
//
// The format is chosen by the first four bytes, never by the file name, so a ".pcap" that
// Wireshark saved as pcapng opens. Every refusal is one sentence naming the file and saying
// what to do (STYLE.md convention 13).
#include "capture/capture_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "capture/byte_order.h"
#include "capture/pcap_reader.h"
#include "capture/pcapng_reader.h"

namespace mailscope {
namespace {

std::string quoted(const std::string& path) { return "\"" + path + "\""; }

std::string errno_message(const std::string& path, int error) {
  switch (error) {
    case ENOENT:
    case ENOTDIR:
      return quoted(path) + " does not exist; check the file name and folder.";
    case EACCES:
    case EPERM:
      return quoted(path) +
             " cannot be read (permission denied); ask for read permission or copy the file "
             "somewhere you can read it.";
    default:
      return quoted(path) + " cannot be opened (" + std::strerror(error) + ").";
  }
}

// Magic numbers as they read in the file's first four bytes (native or swapped order).
constexpr uint32_t kPcapMicro = 0xa1b2c3d4;     // pcap, microsecond timestamps
constexpr uint32_t kPcapNano = 0xa1b23c4d;      // pcap, nanosecond timestamps
constexpr uint32_t kPcapModified = 0xa1b2cd34;  // Kuznetzov's patched pcap (libpcap reads it)
constexpr uint32_t kPcapngShb = 0x0a0d0d0a;     // pcapng Section Header Block (a palindrome)

}  // namespace

CaptureFile::Opened CaptureFile::open(const std::string& path) {
  Opened result;
  struct stat info;
  if (::stat(path.c_str(), &info) != 0) {
    result.error = errno_message(path, errno);
    return result;
  }
  if (S_ISDIR(info.st_mode)) {
    result.error = quoted(path) + " is a folder, not a file; choose a .pcap or .pcapng file in it.";
    return result;
  }
  if (!S_ISREG(info.st_mode)) {
    result.error =
        quoted(path) + " is not a regular file; save the capture to a file first (tcpdump -w).";
    return result;
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    result.error = errno_message(path, errno);
    return result;
  }
  uint64_t size = static_cast<uint64_t>(info.st_size);
  if (size == 0) {
    ::close(fd);
    result.error = quoted(path) +
                   " is empty (0 bytes); the capture was probably stopped before anything was "
                   "written, so capture again.";
    return result;
  }

  uint8_t magic_bytes[4] = {};
  ssize_t got = ::pread(fd, magic_bytes, 4, 0);
  uint32_t magic = got == 4 ? bytes::load_native<uint32_t>(magic_bytes) : 0;
  auto is = [magic](uint32_t value) { return magic == value || magic == bytes::swap32(value); };

  if (is(kPcapngShb)) return open_pcapng(path, fd, size);
  if (is(kPcapMicro) || is(kPcapNano) || is(kPcapModified)) {
    ::close(fd);
    return open_pcap(path, size, is(kPcapNano));
  }
  ::close(fd);
  result.error = quoted(path) +
                 " is not a packet capture (pcap or pcapng); open a file saved by tcpdump, "
                 "Wireshark or mailscope.";
  return result;
}

}  // namespace mailscope
