// app/window/default_capture.cpp — look up the built-in example capture.
#include "default_capture.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace mailscope {

namespace fs = std::filesystem;

std::vector<std::string> default_capture_roots() {
  std::vector<std::string> roots;
#ifdef MAILSCOPE_SOURCE_DIR
  roots.emplace_back(MAILSCOPE_SOURCE_DIR);
#endif
#ifdef MAILSCOPE_SHARE_DIR
  roots.emplace_back(MAILSCOPE_SHARE_DIR);
#endif
  roots.emplace_back(".");
  return roots;
}

std::string find_default_capture(const std::vector<std::string>& roots) {
  std::error_code ec;
  for (const std::string& root : roots) {
    fs::path dir = fs::path(root) / "captures";
    for (const char* name : {"lesson-journey.pcap", "lesson-mail-journey.pcap"}) {
      fs::path journey = dir / name;
      if (fs::is_regular_file(journey, ec)) return journey.string();
    }
  }
  for (const std::string& root : roots) {
    fs::path dir = fs::path(root) / "captures";
    std::vector<fs::path> found;
    fs::directory_iterator it(dir, ec);
    if (ec) continue;
    for (; it != fs::directory_iterator() && found.size() < 10000; it.increment(ec)) {
      if (ec) break;
      if (it->path().extension() == ".pcap" && it->is_regular_file(ec)) found.push_back(it->path());
    }
    if (!found.empty()) return std::min_element(found.begin(), found.end())->string();
  }
  return {};
}

}  // namespace mailscope
