// tests/cli/cli_process_test.cpp — mailscope-cli run as a process, the way users and scripts run it.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "capture/capture_writer.h"
#include "net/tcp_conversation.h"
#include "protocols/common/text.h"
#include "support/scratch_dir.h"

using namespace mailscope;
namespace fs = std::filesystem;

namespace {

struct CliRun {
  int exit_code = -1;
  std::string out, err;
};

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

fs::path temp_dir() {
  static mailscope::testing::ScratchDir dir("mailscope-cli-test");
  return dir.path();
}

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

CliRun run_cli(const std::vector<std::string>& args) {
  std::string command = quote(MAILSCOPE_CLI);
  for (const std::string& a : args) command += " " + quote(a);
  fs::path out = temp_dir() / "stdout", err = temp_dir() / "stderr";
  command += " >" + quote(out.string()) + " 2>" + quote(err.string()) + " </dev/null";
  int status = std::system(command.c_str());
  CliRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = read_all(out);
  run.err = read_all(err);
  return run;
}

Endpoint v4(uint8_t last, uint16_t port) {
  uint8_t bytes[4] = {198, 51, 100, last};
  return {IpAddress::v4(bytes), port};
}

// A submission session with AUTH PLAIN (alice / wonderland) and a small mail, plus a POP3 session.
fs::path write_sample_capture(CaptureFormat format = CaptureFormat::pcap_us) {
  fs::path path = temp_dir() / (format == CaptureFormat::pcapng ? "sample.pcapng" : "sample.pcap");
  std::string error;
  auto writer = CaptureWriter::create(path.string(), format, error);
  REQUIRE(writer);
  writer->add_interface(1, "eth0");
  uint64_t number = 0;

  TcpConversation submit(v4(7, 50000), v4(25, 587));
  submit.open();
  submit.send(TcpConversation::server, "220 mail.example.org ESMTP\r\n");
  submit.send(TcpConversation::client, "EHLO pc.example.org\r\n");
  submit.send(TcpConversation::server, "250-mail.example.org\r\n250 AUTH PLAIN LOGIN\r\n");
  submit.send(TcpConversation::client, "AUTH PLAIN " + base64_encode(std::string("\0alice\0wonderland", 17)) + "\r\n");
  submit.send(TcpConversation::server, "235 2.7.0 Authentication successful\r\n");
  submit.send(TcpConversation::client, "MAIL FROM:<alice@example.org>\r\n");
  submit.send(TcpConversation::server, "250 2.1.0 Ok\r\n");
  submit.send(TcpConversation::client, "RCPT TO:<bob@example.net>\r\n");
  submit.send(TcpConversation::server, "250 2.1.5 Ok\r\n");
  submit.send(TcpConversation::client, "DATA\r\n");
  submit.send(TcpConversation::server, "354 End data with <CR><LF>.<CR><LF>\r\n");
  submit.send(TcpConversation::client, "Subject: Hello\r\n\r\nHi Bob\r\n.\r\n");
  submit.send(TcpConversation::server, "250 2.0.0 Ok: queued\r\n");
  submit.send(TcpConversation::client, "QUIT\r\n");
  submit.send(TcpConversation::server, "221 2.0.0 Bye\r\n");
  submit.close();
  for (const BuiltFrame& f : submit.frames()) REQUIRE(writer->write(f.as_frame(++number)));

  ConversationSettings later;
  later.start_time_ns += 1'000'000'000;
  TcpConversation pop(v4(8, 50001), v4(110, 110), later);
  pop.open();
  pop.send(TcpConversation::server, "+OK Dovecot ready.\r\n");
  pop.send(TcpConversation::client, "USER bob\r\n");
  pop.send(TcpConversation::server, "+OK\r\n");
  pop.send(TcpConversation::client, "PASS builder\r\n");
  pop.send(TcpConversation::server, "+OK Logged in.\r\n");
  pop.send(TcpConversation::client, "QUIT\r\n");
  pop.send(TcpConversation::server, "+OK Logging out.\r\n");
  pop.close();
  for (const BuiltFrame& f : pop.frames()) REQUIRE(writer->write(f.as_frame(++number)));
  REQUIRE(writer->flush());
  return path;
}

std::vector<nlohmann::json> json_lines(const std::string& text) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(nlohmann::json::parse(line));
  }
  return lines;
}

}  // namespace

TEST_CASE("streams lists each session with its protocol, endpoints and byte counts") {
  fs::path capture = write_sample_capture();
  CliRun run = run_cli({"streams", capture.string(), "--json"});
  REQUIRE(run.exit_code == 0);
  auto rows = json_lines(run.out);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0]["stream"] == 0);
  CHECK(rows[0]["protocol"] == "submission");
  CHECK(rows[0]["client"]["address"] == "198.51.100.7");
  CHECK(rows[0]["client"]["port"] == 50000);
  CHECK(rows[0]["server"]["port"] == 587);
  CHECK(rows[0]["gap_bytes"] == 0);
  CHECK(rows[0]["client_bytes"].get<uint64_t>() > 100);
  CHECK(rows[0]["packets"].get<uint64_t>() == rows[0]["client_packets"].get<uint64_t>() +
                                                   rows[0]["server_packets"].get<uint64_t>());
  CHECK(rows[1]["protocol"] == "pop3");
  CHECK(rows[1]["server_bytes"] == std::string("+OK Dovecot ready.\r\n+OK\r\n+OK Logged in.\r\n+OK Logging out.\r\n").size());

  CliRun table = run_cli({"streams", capture.string()});
  REQUIRE(table.exit_code == 0);
  CHECK(table.out.find("submission") != std::string::npos);
  CHECK(table.out.find("198.51.100.8:50001 → 198.51.100.110:110") != std::string::npos);
}

TEST_CASE("follow --raw writes exactly the bytes of one direction") {
  fs::path capture = write_sample_capture(CaptureFormat::pcapng);
  CliRun run = run_cli({"follow", capture.string(), "--stream", "1", "--raw", "--direction", "client"});
  REQUIRE(run.exit_code == 0);
  CHECK(run.out == "USER bob\r\nPASS builder\r\nQUIT\r\n");
  CliRun text = run_cli({"follow", capture.string(), "--stream", "1"});
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("C: USER bob") != std::string::npos);
  CHECK(text.out.find("S: +OK Dovecot ready.") != std::string::npos);
}

TEST_CASE("dialogues --json gives one object per event with the documented keys") {
  fs::path capture = write_sample_capture();
  CliRun run = run_cli({"dialogues", capture.string(), "--json"});
  REQUIRE(run.exit_code == 0);
  auto events = json_lines(run.out);
  REQUIRE(events.size() > 10);
  bool saw_auth = false, saw_354 = false;
  for (const auto& e : events) {
    REQUIRE(e.contains("stream"));
    REQUIRE(e.contains("protocol"));
    REQUIRE(e.contains("direction"));
    REQUIRE(e.contains("type"));
    REQUIRE(e.contains("text"));
    if (e.value("verb", "") == "AUTH") {
      saw_auth = true;
      CHECK(e["decoded"].get<std::string>().find("wonderland") != std::string::npos);
    }
    if (e.value("code", 0) == 354) saw_354 = true;
  }
  CHECK(saw_auth);
  CHECK(saw_354);
}

TEST_CASE("--redact masks every password, wherever it would appear") {
  fs::path capture = write_sample_capture();
  for (const char* format : {"--json", "--no-meaning"}) {
    CliRun run = run_cli({"dialogues", capture.string(), "--redact", format});
    REQUIRE(run.exit_code == 0);
    CHECK(run.out.find("wonderland") == std::string::npos);
    CHECK(run.out.find("builder") == std::string::npos);
    CHECK(run.out.find(base64_encode(std::string("\0alice\0wonderland", 17))) == std::string::npos);
  }
  CliRun plain = run_cli({"dialogues", capture.string()});
  CHECK(plain.out.find("wonderland") != std::string::npos);
}

TEST_CASE("dialogues filters by stream and protocol") {
  fs::path capture = write_sample_capture();
  CliRun pop = run_cli({"dialogues", capture.string(), "--json", "--protocol", "pop3"});
  REQUIRE(pop.exit_code == 0);
  for (const auto& e : json_lines(pop.out)) CHECK(e["protocol"] == "pop3");
  CliRun first = run_cli({"dialogues", capture.string(), "--json", "--stream", "0"});
  for (const auto& e : json_lines(first.out)) CHECK(e["stream"] == 0);
  CliRun ja = run_cli({"dialogues", capture.string(), "--lang", "ja"});
  REQUIRE(ja.exit_code == 0);
}

TEST_CASE("bad input gets one clear message naming the file, and a non-zero exit") {
  fs::path text = temp_dir() / "notes.txt";
  std::ofstream(text) << "This is not a packet capture, just some notes.\n";
  CliRun not_capture = run_cli({"streams", text.string()});
  CHECK(not_capture.exit_code == 1);
  CHECK(not_capture.err.find(text.string()) != std::string::npos);
  CHECK(not_capture.err.find("not a packet capture") != std::string::npos);
  CHECK(not_capture.out.empty());

  fs::path missing = temp_dir() / "no-such-file.pcap";
  CliRun not_found = run_cli({"dialogues", missing.string()});
  CHECK(not_found.exit_code == 1);
  CHECK(not_found.err.find(missing.string()) != std::string::npos);

  CliRun directory = run_cli({"streams", temp_dir().string()});
  CHECK(directory.exit_code == 1);
  CHECK(directory.err.find(temp_dir().string()) != std::string::npos);

  fs::path capture = write_sample_capture();
  CliRun no_stream = run_cli({"follow", capture.string(), "--stream", "99"});
  CHECK(no_stream.exit_code == 2);
  CHECK(no_stream.err.find("stream 99") != std::string::npos);

  CliRun bad_port = run_cli({"streams", capture.string(), "--port", "2525=smpt"});
  CHECK(bad_port.exit_code == 2);
  CHECK(bad_port.err.find("smpt") != std::string::npos);
}

TEST_CASE("a truncated capture still yields every session up to the cut, with a warning") {
  fs::path capture = write_sample_capture();
  std::string bytes = read_all(capture);
  fs::path cut = temp_dir() / "cut.pcap";
  // Cut in the middle of the last record (inside the POP3 session's teardown).
  std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() - 20);
  CliRun run = run_cli({"streams", cut.string(), "--json"});
  CHECK(run.exit_code == 0);
  CHECK(json_lines(run.out).size() == 2);
  CHECK(run.err.find("truncated") != std::string::npos);
  CHECK(run.err.find(cut.string()) != std::string::npos);
}
