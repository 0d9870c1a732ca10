// app/cli/transcript_command.cpp — write a "C: / S:" transcript as a TCP capture; see
// transcript_command.h.
#include "app/cli/transcript_command.h"

#include <arpa/inet.h>

#include <charconv>
#include <fstream>
#include <iostream>
#include <vector>

#include "app/cli/cli_common.h"
#include "capture/capture_writer.h"
#include "net/tcp_conversation.h"

namespace mailscope::cli {
namespace {

constexpr size_t kMaxTranscriptBytes = 4 * 1024 * 1024;
constexpr int64_t kClientThinkNs = 150'000'000;

struct Send {
  TcpConversation::Side side;
  std::string bytes;
};

// "192.0.2.1:25" or "[2001:db8::1]:25".
bool parse_endpoint(const std::string& text, Endpoint& out) {
  std::string host;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    size_t close = text.find("]:");
    if (close == std::string::npos) return false;
    host = text.substr(1, close - 1);
    port = std::string_view(text).substr(close + 2);
  } else {
    size_t colon = text.rfind(':');
    if (colon == std::string::npos) return false;
    host = text.substr(0, colon);
    port = std::string_view(text).substr(colon + 1);
  }
  unsigned value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535)
    return false;
  out.port = static_cast<uint16_t>(value);
  uint8_t bytes[16];
  if (inet_pton(AF_INET, host.c_str(), bytes) == 1) {
    out.address = IpAddress::v4(bytes);
    return true;
  }
  if (inet_pton(AF_INET6, host.c_str(), bytes) == 1) {
    out.address = IpAddress::v6(bytes);
    return true;
  }
  return false;
}

// The sends of a transcript, or an error naming the line.
bool parse_transcript(const std::string& path, std::vector<Send>& sends, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot read the transcript; check the path";
    return false;
  }
  std::string line;
  size_t number = 0, total = 0;
  bool open_send = false;
  while (std::getline(in, line)) {
    ++number;
    total += line.size() + 1;
    if (total > kMaxTranscriptBytes) {
      error = path + ": larger than 4 MiB; a transcript is a dialogue typed by hand";
      return false;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      open_send = false;
      continue;
    }
    if (line.front() == '#') continue;
    TcpConversation::Side side;
    if (line.rfind("C:", 0) == 0) {
      side = TcpConversation::client;
    } else if (line.rfind("S:", 0) == 0) {
      side = TcpConversation::server;
    } else {
      error = path + ":" + std::to_string(number) +
              ": a line must start with \"C: \" (client), \"S: \" (server) or \"#\" (comment)";
      return false;
    }
    std::string text = line.substr(2);
    if (!text.empty() && text.front() == ' ') text.erase(0, 1);
    if (!open_send || sends.back().side != side) sends.push_back({side, {}});
    sends.back().bytes += text + "\r\n";
    open_send = true;
  }
  if (sends.empty()) {
    error = path + ": no \"C: \" or \"S: \" line; nothing to write";
    return false;
  }
  return true;
}

}  // namespace

int run_write_transcript(const TranscriptOptions& options) {
  Endpoint client, server;
  if (!parse_endpoint(options.client, client) || !parse_endpoint(options.server, server)) {
    print_error("--client/--server take IP:PORT, e.g. 192.0.2.10:49152 or [2001:db8::1]:143");
    return exit_usage_error;
  }
  if (client.address.version != server.address.version) {
    print_error("--client and --server must both be IPv4 or both IPv6");
    return exit_usage_error;
  }
  std::vector<Send> sends;
  std::string error;
  if (!parse_transcript(options.transcript_path, sends, error)) {
    print_error(error);
    return exit_input_error;
  }
  TcpConversation talk(client, server);
  talk.open();
  bool first = true;
  for (const Send& send : sends) {
    if (send.side == TcpConversation::client && !first) talk.pause(kClientThinkNs);
    talk.send(send.side, send.bytes);
    first = false;
  }
  talk.close();

  auto writer = CaptureWriter::create(options.output_path, CaptureFormat::pcap_us, error);
  if (!writer) {
    print_error(error);
    return exit_input_error;
  }
  writer->add_interface(static_cast<uint16_t>(LinkType::ethernet));
  uint64_t number = 0;
  for (const BuiltFrame& built : talk.frames()) {
    Frame frame = built.as_frame(++number);
    frame.link_type = static_cast<uint16_t>(LinkType::ethernet);
    if (!writer->write(frame)) {
      print_error(writer->error());
      return exit_input_error;
    }
  }
  if (!writer->flush()) {
    print_error(writer->error());
    return exit_input_error;
  }
  std::cout << options.output_path << ": " << number << " packets, " << sends.size()
            << " sends between " << client.to_string() << " and " << server.to_string() << "\n";
  return exit_ok;
}

}  // namespace mailscope::cli
