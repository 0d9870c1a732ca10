// app/window/default_capture.h — which capture the window opens when given no file.
//
// The built-in default is captures/lesson-journey.pcap (or lesson-mail-journey.pcap, the name
// the recorded journey has today), else the first .pcap in captures/
// (by name), looked up in the source tree the program was built from (MAILSCOPE_SOURCE_DIR),
// then in the installed share directory (MAILSCOPE_SHARE_DIR), then next to the working directory.
#pragma once
#include <string>
#include <vector>

namespace mailscope {

// The first match in `roots`; empty when there is none.
std::string find_default_capture(const std::vector<std::string>& roots);
std::vector<std::string> default_capture_roots();

}  // namespace mailscope
