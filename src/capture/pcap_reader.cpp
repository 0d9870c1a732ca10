// capture/pcap_reader.cpp — classic pcap through libpcap (pcap_fopen_offline_with_tstamp_precision
// and pcap_next_ex), with the record offsets that read_at() needs.
//
// File format: https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-03.html — a 24-byte file
// header (magic, version, reserved, snap length, link type) then records of a 16-byte header
// (seconds, sub-seconds, captured length, original length) and the captured bytes.
//
// The link type is read from the file header ourselves: pcap_datalink() returns the DLT_
// value, which differs from the LINKTYPE_ number on disk for some types (LINKTYPE_RAW 101 is
// DLT_RAW 12 on Linux). libpcap refuses records longer than the link type's largest snap
// length (256 KiB for Ethernet), so a hostile length never becomes an allocation.
#include "capture/pcap_reader.h"

#include <pcap/pcap.h>
#include <stdio_ext.h>  // __fsetlocking

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>

#include "capture/byte_order.h"

namespace mailscope {
namespace {

constexpr size_t kFileHeaderLength = 24;
constexpr size_t kRecordHeaderLength = 16;
constexpr size_t kStdioBuffer = 1u << 20;  // fewer read() calls than the 4 KiB default

class PcapReader final : public CaptureFile {
 public:
  PcapReader(std::string path, uint64_t size, pcap_t* pcap, uint16_t link_type, bool nano,
             bool modified, std::unique_ptr<char[]> stdio_buffer)
      : path_(std::move(path)),
        size_(size),
        stdio_buffer_(std::move(stdio_buffer)),
        pcap_(pcap),
        link_type_(link_type),
        nano_(nano),
        modified_(modified),
        snapshot_(static_cast<uint32_t>(std::max(pcap_snapshot(pcap), 0))) {
    bytes_read_ = kFileHeaderLength;
  }
  ~PcapReader() override { pcap_close(pcap_); }  // also closes the FILE

  bool next(Frame& frame) override {
    if (done_) return false;
    // Records follow each other with nothing between them, so a record starts where the one
    // before it ended: bytes_read_ (an ftell per frame cost 2% of a whole decoding pass).
    const uint64_t offset = bytes_read_;
    if (!read_record(frame)) {
      done_ = true;
      if (!last_error_.empty()) warning_ = describe_error(offset);
      bytes_read_ = size_;
      return false;
    }
    frame.number = next_number_++;
    frame.file_offset = offset;
    // Where the record ended. libpcap cuts a record longer than the file's snap length to that
    // length and skips the rest, and the rare "modified" pcap (magic 0xa1b2cd34) has longer
    // record headers: in those cases the FILE says where the next record starts.
    if (modified_ || frame.captured_length >= snapshot_)
      bytes_read_ = static_cast<uint64_t>(std::ftell(pcap_file(pcap_)));
    else
      bytes_read_ = frame.file_offset + kRecordHeaderLength + frame.captured_length;
    return true;
  }

  bool read_at(uint64_t file_offset, uint64_t number, Frame& frame) override {
    if (file_offset < kFileHeaderLength || file_offset >= size_) return false;
    std::FILE* file = pcap_file(pcap_);
    long resume = std::ftell(file);
    if (std::fseek(file, static_cast<long>(file_offset), SEEK_SET) != 0) return false;
    bool ok = read_record(frame);
    // Once the sequential read is over there is no place to go back to, and staying lets the
    // next re-read near this one come from the same 1 MiB buffer (glibc's fseek keeps the
    // buffer when the target is inside it): a session's frames are read again in file order.
    if (!done_) std::fseek(file, resume, SEEK_SET);
    last_error_.clear();  // a failed re-read does not change how the sequential read ended
    if (!ok) return false;
    frame.number = number;
    frame.file_offset = file_offset;
    return true;
  }

  const std::string& warning() const override { return warning_; }
  const std::string& path() const override { return path_; }
  uint64_t size_bytes() const override { return size_; }
  uint64_t bytes_read() const override { return bytes_read_; }
  const char* format_name() const override { return nano_ ? "pcap (ns)" : "pcap"; }

 private:
  bool read_record(Frame& frame) {
    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    int rc = pcap_next_ex(pcap_, &header, &data);
    if (rc != 1) {
      // PCAP_ERROR_BREAK (-2) is the clean end of a savefile; -1 carries a message.
      if (rc == PCAP_ERROR) last_error_ = pcap_geterr(pcap_);
      return false;
    }
    // Opened with PCAP_TSTAMP_PRECISION_NANO: tv_usec holds nanoseconds for both kinds of file.
    // draft-ietf-opsawg-pcap §5: the seconds are unsigned 32-bit (1970-2106); libpcap reads
    // them as signed, so dates after 2038 are taken back to unsigned here.
    frame.time_ns = static_cast<int64_t>(static_cast<uint32_t>(header->ts.tv_sec)) * 1'000'000'000 +
                    static_cast<int64_t>(header->ts.tv_usec);
    frame.captured_length = header->caplen;
    frame.original_length = header->len;
    frame.link_type = link_type_;
    frame.interface_id = 0;
    frame.data = data;
    return true;
  }

  std::string describe_error(uint64_t record_offset) const {
    if (last_error_.find("truncated") != std::string::npos)
      return "\"" + path_ + "\" is truncated at byte " + std::to_string(size_) +
             ": the packet record that starts at byte " + std::to_string(record_offset) +
             " is incomplete; the " + std::to_string(next_number_ - 1) +
             " frames before it were read.";
    return "\"" + path_ + "\" is corrupt at byte " + std::to_string(record_offset) + " (" +
           last_error_ + "); the " + std::to_string(next_number_ - 1) +
           " frames before it were read.";
  }

  std::string path_;
  uint64_t size_;
  std::unique_ptr<char[]> stdio_buffer_;  // the FILE's buffer: freed after pcap_close()
  pcap_t* pcap_;
  uint16_t link_type_;
  bool nano_;
  bool modified_;       // 24-byte record headers (magic 0xa1b2cd34)
  uint32_t snapshot_;   // the snap length libpcap applies to records
  bool done_ = false;
  uint64_t next_number_ = 1;
  uint64_t bytes_read_ = 0;
  std::string warning_, last_error_;
};

}  // namespace

CaptureFile::Opened open_pcap(const std::string& path, uint64_t size, bool nanosecond_file) {
  CaptureFile::Opened result;
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    result.error = "\"" + path + "\" cannot be opened (" + std::strerror(errno) + ").";
    return result;
  }
  // One thread at a time reads a CaptureFile, so stdio need not lock the FILE for each fread
  // (libpcap makes two a packet). glibc skips that lock while a process has one thread only;
  // with MailAnalyzer's decoding thread running it took 15 % of the reading thread.
  __fsetlocking(file, FSETLOCKING_BYCALLER);
  // glibc ignores the size unless it is given the buffer too; it must outlive the FILE.
  size_t buffer_length = static_cast<size_t>(std::min<uint64_t>(size, kStdioBuffer)) + 1;
  auto stdio_buffer = std::make_unique_for_overwrite<char[]>(buffer_length);
  std::setvbuf(file, stdio_buffer.get(), _IOFBF, buffer_length);

  uint8_t header[kFileHeaderLength];
  if (std::fread(header, 1, sizeof header, file) != sizeof header) {
    std::fclose(file);
    result.error = "\"" + path + "\" ends inside its pcap file header (" + std::to_string(size) +
                   " bytes); it holds no packets, so capture again.";
    return result;
  }
  // The magic in native order means the file was written in our byte order.
  uint32_t magic = bytes::load_native<uint32_t>(header);
  bool swapped = (magic >> 24) == 0xd4 || (magic >> 24) == 0x4d || (magic >> 24) == 0x34;
  // The link-type field's upper bits may carry the FCS length (draft-ietf-opsawg-pcap §4).
  uint16_t link_type = static_cast<uint16_t>(bytes::file32(header + 20, swapped) & 0xffff);
  std::rewind(file);

  char errbuf[PCAP_ERRBUF_SIZE] = {};
  pcap_t* pcap = pcap_fopen_offline_with_tstamp_precision(file, PCAP_TSTAMP_PRECISION_NANO, errbuf);
  if (pcap == nullptr) {
    std::fclose(file);
    result.error = "\"" + path + "\" cannot be read as pcap (" + errbuf +
                   "); check that the file is a complete capture.";
    return result;
  }
  const bool modified = magic == 0xa1b2cd34u || magic == 0x34cdb2a1u;
  result.file = std::make_unique<PcapReader>(path, size, pcap, link_type, nanosecond_file,
                                             modified, std::move(stdio_buffer));
  return result;
}

}  // namespace mailscope
