// tests/ui/synthetic_capture.h — writes small, known captures for the window's tests with the
// project's capture writer (net/packet_builder.h + capture/capture_writer.h).
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "capture/capture_writer.h"
#include "net/packet_builder.h"

namespace mailscope::test {

struct Line {
  bool from_client;
  std::string text;  // with CRLF
};

// One TCP connection client:port → server:server_port, with handshake, the lines and FIN.
// Times start at `start_ns`, 10 ms apart.
inline bool write_tcp_dialogue(CaptureWriter& writer, const Endpoint& client, const Endpoint& server,
                               const std::vector<Line>& lines, int64_t start_ns, uint64_t& number) {
  uint32_t cseq = 1000, sseq = 5000;
  int64_t t = start_ns;
  auto emit = [&](bool from_client, uint8_t flags, const std::string& payload) {
    TcpPacketSpec spec;
    spec.source = from_client ? client : server;
    spec.destination = from_client ? server : client;
    spec.sequence = from_client ? cseq : sseq;
    spec.acknowledgement = from_client ? sseq : cseq;
    spec.flags = flags;
    spec.payload = payload;
    std::vector<uint8_t> bytes = build_tcp_frame(static_cast<uint16_t>(LinkType::ethernet), spec);
    Frame frame;
    frame.number = ++number;
    frame.time_ns = t;
    frame.captured_length = frame.original_length = static_cast<uint32_t>(bytes.size());
    frame.link_type = static_cast<uint16_t>(LinkType::ethernet);
    frame.data = bytes.data();
    t += 10'000'000;
    uint32_t advance = static_cast<uint32_t>(payload.size()) + ((flags & (tcp_flag::syn | tcp_flag::fin)) ? 1 : 0);
    (from_client ? cseq : sseq) += advance;
    return writer.write(frame);
  };
  bool ok = emit(true, tcp_flag::syn, "");
  ok &= emit(false, tcp_flag::syn | tcp_flag::ack, "");
  ok &= emit(true, tcp_flag::ack, "");
  for (const Line& line : lines) ok &= emit(line.from_client, tcp_flag::psh | tcp_flag::ack, line.text);
  ok &= emit(true, tcp_flag::fin | tcp_flag::ack, "");
  ok &= emit(false, tcp_flag::fin | tcp_flag::ack, "");
  ok &= emit(true, tcp_flag::ack, "");
  return ok;
}

inline IpAddress ipv4(uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
  const uint8_t bytes[4] = {a, b, c, d};
  return IpAddress::v4(bytes);
}

// A submission session (with AUTH PLAIN and a 550) and an IMAP session reading the mail.
inline bool write_mail_journey(const std::string& path, std::string& error) {
  auto writer = CaptureWriter::create(path, CaptureFormat::pcap_us, error);
  if (!writer) return false;
  writer->add_interface(static_cast<uint16_t>(LinkType::ethernet));
  uint64_t number = 0;
  const Endpoint sender{ipv4(192, 0, 2, 10), 50000}, msa{ipv4(192, 0, 2, 25), 587};
  const Endpoint reader{ipv4(192, 0, 2, 11), 50001}, imap{ipv4(192, 0, 2, 25), 143};
  bool ok = write_tcp_dialogue(*writer, sender, msa,
                               {{false, "220 mail.example ESMTP ready\r\n"},
                                {true, "EHLO pc.example\r\n"},
                                {false, "250-mail.example\r\n250 AUTH PLAIN\r\n"},
                                {true, "AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n"},
                                {false, "235 2.7.0 Authentication successful\r\n"},
                                {true, "MAIL FROM:<alice@example.org>\r\n"},
                                {false, "250 2.1.0 Ok\r\n"},
                                {true, "RCPT TO:<nobody@example.net>\r\n"},
                                {false, "550 5.1.1 No such user\r\n"},
                                {true, "RCPT TO:<bob@example.net>\r\n"},
                                {false, "250 2.1.5 Ok\r\n"},
                                {true, "DATA\r\n"},
                                {false, "354 End data with <CR><LF>.<CR><LF>\r\n"},
                                {true, "Subject: hi\r\n\r\nHello Bob\r\n.\r\n"},
                                {false, "250 2.0.0 Ok: queued\r\n"},
                                {true, "QUIT\r\n"},
                                {false, "221 2.0.0 Bye\r\n"}},
                               1'700'000'000'000'000'000, number);
  ok &= write_tcp_dialogue(*writer, reader, imap,
                           {{false, "* OK IMAP ready\r\n"},
                            {true, "a1 LOGIN bob secret\r\n"},
                            {false, "a1 OK LOGIN completed\r\n"},
                            {true, "a2 SELECT INBOX\r\n"},
                            {false, "* 1 EXISTS\r\n"},
                            {false, "a2 OK [READ-WRITE] SELECT completed\r\n"},
                            {true, "a3 LOGOUT\r\n"},
                            {false, "* BYE logging out\r\n"},
                            {false, "a3 OK LOGOUT completed\r\n"}},
                           1'700'000'005'000'000'000, number);
  if (!ok) error = writer->error();
  return ok && writer->flush();
}

}  // namespace mailscope::test
