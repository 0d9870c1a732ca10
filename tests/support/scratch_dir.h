// tests/support/scratch_dir.h — a directory in /tmp of this test process's own, removed with
// everything in it when the process ends, so test runs leave nothing behind.
//
//   static testing::ScratchDir dir("mailscope-cli-test");   // /tmp/mailscope-cli-test-<pid>
//   write_file(dir.path() / "x.pcap", ...);
#pragma once
#include <unistd.h>

#include <filesystem>
#include <string>
#include <system_error>

namespace mailscope::testing {

class ScratchDir {
 public:
  explicit ScratchDir(const std::string& prefix)
      : path_(std::filesystem::temp_directory_path() / (prefix + "-" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace mailscope::testing
