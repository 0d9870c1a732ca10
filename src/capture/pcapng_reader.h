// capture/pcapng_reader.h — pcapng files, read by our own block reader.
//
// Internal to capture/. See pcapng_reader.cpp for the blocks understood. `fd` is an open,
// readable descriptor of the file (ownership passes to the reader, also on failure).
#pragma once
#include <cstdint>
#include <string>

#include "capture/capture_file.h"

namespace mailscope {

CaptureFile::Opened open_pcapng(const std::string& path, int fd, uint64_t size);

}  // namespace mailscope
