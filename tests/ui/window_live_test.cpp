// tests/ui/window_live_test.cpp — live capture in the real window under Xvfb: the window
// sniffs lo (--live) while Python's smtplib sends a mail to a small server, stops, saves the
// capture and takes a screenshot; the saved file decodes to the same SMTP dialogue. Without
// permission to capture, and on an interface that does not exist, the window says so and
// keeps running. Sniffing needs root (CI runs as root); those cases are skipped otherwise.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "window_harness.h"

namespace fs = std::filesystem;
using namespace mailscope::test;

namespace {

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

TEST_CASE("the window captures a live SMTP session on lo, stops, saves and shows it") {
  if (geteuid() != 0) {
    WARN("skipped: sniffing lo needs root");
    return;
  }
  const fs::path dir = window_work_dir("live-window");
  const fs::path out = dir / "window.out", png = dir / "live.png", saved = dir / "saved.pcapng",
                 client_log = dir / "client.log";
  for (const fs::path& p : {out, png, saved, client_log}) fs::remove(p);
  const std::string port = std::to_string(21000 + getpid() % 20000);

  // The client starts once the window says it is capturing.
  std::thread client([&] {
    for (int i = 0; i < 600 && read_all(out).find("Capturing on lo") == std::string::npos; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::system(("python3 " + shell_quote(std::string(MAILSCOPE_SOURCE_DIR) + "/tests/live/smtp_exchange.py") + " " +
                 port + " >" + shell_quote(client_log.string()) + " 2>&1")
                    .c_str());
  });
  WindowRun run = run_window("--live lo --port " + port + "=smtp --capture-filter " + shell_quote("tcp port " + port) +
                                 " --screenshot " + shell_quote(png.string()) + " --play-seconds 10 --save-live " +
                                 shell_quote(saved.string()) + " >" + shell_quote(out.string()),
                             "live-window");
  client.join();
  const std::string output = read_all(out);
  INFO(output);
  INFO(read_all(client_log));
  REQUIRE(run.exit_code == 0);
  CHECK(output.find("Capturing on lo with filter \"tcp port " + port + "\"") != std::string::npos);
  CHECK(output.find("(sessions: 1)") != std::string::npos);
  CHECK(output.find("Saved the live capture to " + saved.string()) != std::string::npos);
  CHECK(output.find("screenshot written") != std::string::npos);
  check_not_blank(png);

  // The saved file is a capture mailscope opens again, with the whole SMTP dialogue.
  REQUIRE(fs::is_regular_file(saved));
  const fs::path decoded = dir / "saved.txt";
  REQUIRE(std::system((shell_quote(MAILSCOPE_CLI) + " dialogues " + shell_quote(saved.string()) + " --port " + port +
                       "=smtp >" + shell_quote(decoded.string()))
                          .c_str()) == 0);
  const std::string text = read_all(decoded);
  INFO(text);
  for (const char* expected : {"EHLO", "MAIL", "RCPT", "DATA", "QUIT", "221"})
    CHECK(text.find(expected) != std::string::npos);
}

TEST_CASE("without permission to capture, the window says how to get it and keeps running") {
  if (geteuid() != 0 || std::system("command -v setpriv >/dev/null") != 0) {
    WARN("skipped: needs root and setpriv to become an unprivileged user");
    return;
  }
  const fs::path dir = window_work_dir("live-denied");
  fs::permissions(dir, fs::perms::all);   // the unprivileged user writes its screenshot here
  const fs::path png = dir / "denied.png";
  fs::remove(png);
  WindowRun run = run_window("--live lo --screenshot " + shell_quote(png.string()) + " --play-seconds 1", "live-denied",
                             "setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all");
  INFO(run.output);
  CHECK(run.exit_code == 0);
  CHECK(run.output.find("Capturing is not allowed") != std::string::npos);
  CHECK(run.output.find("sudo setcap cap_net_raw,cap_net_admin=eip") != std::string::npos);
  CHECK(run.output.find("screenshot written") != std::string::npos);
}

TEST_CASE("an interface that does not exist is reported in the window") {
  const fs::path png = window_work_dir("live-nodev") / "nodev.png";
  fs::remove(png);
  WindowRun run = run_window("--live no-such-if0 --screenshot " + shell_quote(png.string()) + " --play-seconds 1",
                             "live-nodev");
  INFO(run.output);
  CHECK(run.exit_code == 0);
  CHECK(run.output.find("no-such-if0") != std::string::npos);
  // As root: no such device. As another user libpcap may refuse the permission first.
  CHECK((run.output.find("The capture could not start") != std::string::npos ||
         run.output.find("Capturing is not allowed") != std::string::npos));
  CHECK(fs::is_regular_file(png));
}
