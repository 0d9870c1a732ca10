// app/cli/transcript_command.h — `mailscope-cli write-transcript`: a typed dialogue into a pcap.
//
//   mailscope-cli write-transcript captures/transcripts/imap-lesson-source.txt
//       captures/lesson-imap-transcript.pcap [--client 192.0.2.10:49152] [--server
//       198.51.100.25:143]
//   (one command line)
//
// For the few lesson dialogues that real software cannot produce (the lesson sources' IMAP
// session). The transcript is text: "C: " lines from the client, "S: " lines from the server,
// "#" comments, blank lines. Consecutive lines of one side go out as one send (one TCP
// segment when they fit); a blank line ends a send. Each line gets CRLF on the wire
// (RFC 3501 §2.2 / RFC 5321 §2.3.8). The TCP handshake and FIN are added around it
// (net/tcp_conversation.h), and the client "thinks" 150 ms before each of its sends so the
// stage has a rhythm to animate. Hidden from --help: it is a tool for capture makers.
#pragma once
#include <string>

namespace mailscope::cli {

struct TranscriptOptions {
  std::string transcript_path;
  std::string output_path;
  std::string client = "192.0.2.10:49152";  // RFC 5737 documentation addresses
  std::string server = "198.51.100.25:143";
};

int run_write_transcript(const TranscriptOptions& options);

}  // namespace mailscope::cli
