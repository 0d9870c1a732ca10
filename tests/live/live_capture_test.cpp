// tests/live/live_capture_test.cpp — sniff lo while a real client (Python's smtplib) talks to a
// server over loopback, and check that what mailscope decoded live equals what it decodes
// afterwards from the file it wrote. Needs root (CI runs as root); skipped otherwise.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>

namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

int run(const std::string& command) {
  int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::vector<nlohmann::json> events_of(const std::string& json_lines) {
  std::vector<nlohmann::json> events;
  std::istringstream in(json_lines);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) events.push_back(nlohmann::json::parse(line));
  }
  return events;
}

}  // namespace

TEST_CASE("a live capture on lo decodes the same dialogue as the file it wrote") {
  if (geteuid() != 0) {
    WARN("skipped: sniffing lo needs root");
    return;
  }
  fs::path dir = fs::temp_directory_path() / ("mailscope-live-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string cli = MAILSCOPE_CLI;
  const std::string port = std::to_string(20000 + getpid() % 20000);
  const fs::path written = dir / "live.pcapng", live_out = dir / "live.jsonl",
                 live_err = dir / "live.err";

  // Start sniffing in the background, wait until it says it is capturing, then talk.
  std::string sniff = "'" + cli + "' sniff -i lo --port " + port + "=smtp --json --duration 8 --write '" +
                      written.string() + "' >'" + live_out.string() + "' 2>'" + live_err.string() + "' &";
  REQUIRE(run(sniff) == 0);
  for (int i = 0; i < 100 && read_all(live_err).find("capturing on lo") == std::string::npos; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  REQUIRE(read_all(live_err).find("capturing on lo") != std::string::npos);
  std::string client = "python3 '" MAILSCOPE_SOURCE_DIR "/tests/live/smtp_exchange.py' " + port;
  REQUIRE(run(client) == 0);
  // The sniffer stops by itself after --duration; wait for its summary line.
  for (int i = 0; i < 300 && read_all(live_err).find("packets received") == std::string::npos; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  INFO(read_all(live_err));
  REQUIRE(read_all(live_err).find("packets received") != std::string::npos);

  auto live = events_of(read_all(live_out));
  const fs::path file_out = dir / "file.jsonl";
  REQUIRE(run("'" + cli + "' dialogues '" + written.string() + "' --port " + port + "=smtp --json >'" +
              file_out.string() + "'") == 0);
  auto from_file = events_of(read_all(file_out));

  REQUIRE(!live.empty());
  REQUIRE(live.size() == from_file.size());
  for (size_t i = 0; i < live.size(); ++i) {
    INFO("event " << i);
    CHECK(live[i] == from_file[i]);
  }
  // And it is the dialogue that was sent.
  bool saw_data = false, saw_quit = false;
  for (const auto& e : live) {
    if (e.value("type", "") == "data") saw_data = true;
    if (e.value("verb", "") == "QUIT") saw_quit = true;
  }
  CHECK(saw_data);
  CHECK(saw_quit);
  fs::remove_all(dir);
}

TEST_CASE("without permission to capture, sniff says so once, with the fix, and exits 1") {
  if (geteuid() != 0 || run("command -v setpriv >/dev/null") != 0) {
    WARN("skipped: needs root and setpriv to become an unprivileged user");
    return;
  }
  fs::path dir = fs::temp_directory_path() / ("mailscope-noperm-" + std::to_string(getpid()));
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::all);
  const fs::path err = dir / "err";
  int code = run("setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all '" +
                 std::string(MAILSCOPE_CLI) + "' sniff -i lo --duration 1 >/dev/null 2>'" +
                 err.string() + "'");
  std::string message = read_all(err);
  INFO(message);
  CHECK(code == 1);
  CHECK(message.find("no permission to capture on lo") != std::string::npos);
  CHECK(message.find("setcap cap_net_raw,cap_net_admin=eip") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("a capture filter that does not compile is reported before anything starts") {
  if (geteuid() != 0) {
    WARN("skipped: opening lo needs root");
    return;
  }
  fs::path err = fs::temp_directory_path() / ("mailscope-filter-" + std::to_string(getpid()));
  int code = run("'" + std::string(MAILSCOPE_CLI) + "' sniff -i lo --filter 'tcp port smtpp' 2>'" +
                 err.string() + "'");
  std::string message = read_all(err);
  CHECK(code == 2);
  CHECK(message.find("capture filter") != std::string::npos);
  CHECK(message.find("smtpp") != std::string::npos);
  fs::remove(err);
}

TEST_CASE("an interface that does not exist is named in the error") {
  fs::path err = fs::temp_directory_path() / ("mailscope-noiface-" + std::to_string(getpid()));
  int code = run("'" + std::string(MAILSCOPE_CLI) + "' sniff -i nosuch0 2>'" + err.string() + "'");
  std::string message = read_all(err);
  CHECK(code == 1);
  CHECK(message.find("nosuch0") != std::string::npos);
  fs::remove(err);
}
