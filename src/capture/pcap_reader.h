// capture/pcap_reader.h — classic pcap files, read through libpcap.
//
// Internal to capture/. libpcap handles both byte orders and both timestamp precisions; it
// is asked for nanoseconds so that nothing is lost from a nanosecond file. The file offset
// of each record is taken with ftell() before reading it, so read_at() can seek back.
#pragma once
#include <cstdint>
#include <string>

#include "capture/capture_file.h"

namespace mailscope {

CaptureFile::Opened open_pcap(const std::string& path, uint64_t size, bool nanosecond_file);

}  // namespace mailscope
