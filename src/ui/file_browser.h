// ui/file_browser.h — File ▸ Open inside the window: folders, a .pcap/.pcapng filter and a
// typed path. The listing is read when the folder changes (capped at kMaxEntries), not per frame.
//
//   FileBrowser browser;
//   browser.open(start_folder);               // from the menu
//   if (auto path = browser.draw(language)) load(*path);   // every frame
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "dialogue/explanations.h"

namespace mailscope {

class FileBrowser {
 public:
  static constexpr size_t kMaxEntries = 5000;
  void open(const std::string& folder);
  // Draws the modal when open; returns the chosen file once.
  std::optional<std::string> draw(Language language);

 private:
  struct Entry {
    std::string name;
    bool folder = false;
  };
  void read_folder(const std::string& folder);
  bool request_open_ = false;
  std::string folder_;
  std::vector<Entry> entries_;
  bool unreadable_ = false;
  bool truncated_ = false;
  bool only_captures_ = true;
  char path_input_[1024] = "";
};

}  // namespace mailscope
