// app/cli/main.cpp — mailscope-cli: the mailscope library from a terminal.
//
//   mailscope-cli streams FILE [--json] [--all] [--port 2525=smtp]
//   mailscope-cli follow FILE --stream N [--raw --direction client|server]
//   mailscope-cli dialogues FILE [--json] [--redact] [--stream N] [--protocol imap] [--lang ja]
//   mailscope-cli sniff -i IFACE [--filter F] [--write FILE] [--json] [--count N] [--duration S]
//   mailscope-cli interfaces [--json]
//   mailscope-cli lessons [DIR] [--check] [--lang en|ja] [--captures DIR]
//   mailscope-cli lessons show ID [--lang ja]
#include <malloc.h>
#include <unistd.h>

#include <iostream>

#include <CLI/CLI.hpp>

#include "app/cli/dialogues_command.h"
#include "app/cli/follow_command.h"
#include "app/cli/lessons_command.h"
#include "app/cli/sniff_command.h"
#include "app/cli/streams_command.h"
#include "app/cli/transcript_command.h"

using namespace mailscope;
using namespace mailscope::cli;

namespace {

void add_capture_options(CLI::App& command, CaptureOptions& options) {
  command.add_option("FILE", options.path, "pcap or pcapng file")->required();
  command.add_option("--port", options.port_mappings,
                     "treat a server port as a protocol, e.g. --port 2525=smtp "
                     "(smtp, submission, pop3, imap, smtps, pop3s, imaps)");
}

}  // namespace

int main(int argc, char** argv) {
  // A run streams through the capture and frees each dialogue as it closes, so the top of the
  // heap keeps shrinking and growing by a few hundred KB; glibc's default 128 KB trim threshold
  // gives that memory back to the kernel (brk/madvise) and faults fresh zeroed pages in again
  // right after: 10-40% of a dialogues pass on a loaded machine. Peak memory is the same
  // (measured), only what a run already used is kept for its next sessions. The mmap threshold
  // is pinned at glibc's own dynamic ceiling because setting one disables its adjustment.
  // (These settings are glibc's: a build linked with mimalloc, see CMakeLists.txt, ignores them.)
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  CLI::App app{"mailscope-cli: read mail traffic (SMTP, Submission, POP3, IMAP) from packet captures"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "mailscope-cli 0.1.0");

  StreamsOptions streams;
  CLI::App* streams_command = app.add_subcommand(
      "streams", "list the TCP sessions, numbered like Wireshark's tcp.stream");
  add_capture_options(*streams_command, streams.capture);
  streams_command->add_flag("--json", streams.json, "JSON Lines, one session a line");
  streams_command->add_flag("--all", streams.all, "also list sessions on no mail port");

  FollowOptions follow;
  CLI::App* follow_command = app.add_subcommand(
      "follow", "print one session's reassembled conversation (like Follow TCP Stream)");
  add_capture_options(*follow_command, follow.capture);
  follow_command->add_option("--stream", follow.stream, "the session number from `streams`")
      ->required();
  follow_command->add_flag("--raw", follow.raw,
                           "write the exact bytes of one direction to standard output");
  follow_command->add_option("--direction", follow.direction, "with --raw: client or server")
      ->check(CLI::IsMember({"client", "server"}));

  DialoguesOptions dialogues;
  std::string protocol_filter, language = "en";
  uint32_t stream_filter = 0;
  CLI::App* dialogues_command = app.add_subcommand(
      "dialogues", "print every mail session as a dialogue of commands and replies");
  add_capture_options(*dialogues_command, dialogues.capture);
  dialogues_command->add_flag("--json", dialogues.json, "JSON Lines, one event a line");
  dialogues_command->add_flag("--redact", dialogues.redact,
                              "mask passwords and other secrets (for screenshots in class)");
  CLI::Option* stream_option =
      dialogues_command->add_option("--stream", stream_filter, "only this session");
  dialogues_command->add_option("--protocol", protocol_filter,
                                "only this protocol: smtp, submission, pop3, imap, smtps, pop3s, imaps");
  dialogues_command->add_option("--lang", language, "language of the meanings: en or ja")
      ->check(CLI::IsMember({"en", "ja"}));
  dialogues_command->add_flag("--no-meaning", dialogues.quiet_meaning,
                              "print the lines only, without their meaning");

  SniffOptions sniff;
  std::string sniff_filter, sniff_language = "en";
  CLI::App* sniff_command = app.add_subcommand(
      "sniff", "capture live traffic and print each dialogue event as it is decoded");
  sniff_command->add_option("-i,--interface", sniff.interface, "the interface, e.g. lo or eth0")
      ->required();
  CLI::Option* filter_option = sniff_command->add_option(
      "--filter", sniff_filter, "libpcap capture filter (default: the mail ports)");
  sniff_command->add_option("--write", sniff.write_path,
                            "also write the packets to this pcapng file (flushed as it goes)");
  sniff_command->add_flag("--json", sniff.json, "JSON Lines, one event a line");
  sniff_command->add_flag("--redact", sniff.redact, "mask passwords and other secrets");
  sniff_command->add_option("--count", sniff.count, "stop after this many packets");
  sniff_command->add_option("--duration", sniff.duration_seconds, "stop after this many seconds");
  sniff_command->add_option("--port", sniff.port_mappings, "treat a server port as a protocol, e.g. 2525=smtp");
  sniff_command->add_option("--max-sessions", sniff.max_sessions,
                            "open sessions held at once; beyond it the longest idle one is closed (default 10000)")
      ->check(CLI::Range(uint64_t{1}, uint64_t{10'000'000}));
  sniff_command->add_option("--idle-timeout", sniff.idle_timeout_seconds,
                            "close an open session after this many idle seconds (default 600; 0: never)")
      ->check(CLI::Range(0.0, 1e7));
  sniff_command->add_option("--lang", sniff_language, "language of the meanings: en or ja")
      ->check(CLI::IsMember({"en", "ja"}));

  bool interfaces_json = false;
  CLI::App* interfaces_command =
      app.add_subcommand("interfaces", "list the network interfaces that can be sniffed");
  interfaces_command->add_flag("--json", interfaces_json, "JSON Lines");

  // lessons: list, check (--check) and read (show ID) the lesson files.
  LessonsOptions lessons;
  std::string lessons_language = "en";
  CLI::App* lessons_command =
      app.add_subcommand("lessons", "list, check (--check) and read (show ID) the lessons");
  lessons_command->add_option("DIR", lessons.directory, "the lesson directory (default: lessons)");
  lessons_command->add_flag("--check", lessons.check,
                            "check every lesson file and resolve every step against its capture");
  lessons_command->add_option("--captures", lessons.captures_directory,
                              "where the lessons' captures are (default: DIR/../captures)");
  lessons_command->add_option("--lang", lessons_language, "language: en or ja")
      ->check(CLI::IsMember({"en", "ja"}));
  CLI::App* lessons_show =
      lessons_command->add_subcommand("show", "print a lesson's steps with the line each shows");
  lessons_show->add_option("ID", lessons.show_id, "the lesson id from `mailscope-cli lessons`")
      ->required();
  lessons_show->fallthrough();

  // write-transcript (hidden): a "C: / S:" transcript into a pcap, for synthetic lesson captures.
  TranscriptOptions transcript;
  CLI::App* transcript_command = app.add_subcommand(
      "write-transcript", "write a C:/S: transcript as a TCP capture (captures/transcripts/README.md)");
  transcript_command->group("");
  transcript_command->add_option("TRANSCRIPT", transcript.transcript_path, "the transcript")->required();
  transcript_command->add_option("OUT", transcript.output_path, "the pcap file to write")->required();
  transcript_command->add_option("--client", transcript.client, "client IP:PORT");
  transcript_command->add_option("--server", transcript.server, "server IP:PORT");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? exit_ok : exit_usage_error;
  }

  if (*streams_command) return run_streams(streams);
  if (*follow_command) return run_follow(follow);
  if (*interfaces_command) return run_interfaces(interfaces_json);
  if (*lessons_command) {
    lessons.language = lessons_language == "ja" ? Language::japanese : Language::english;
    return run_lessons(lessons);
  }
  if (*transcript_command) return run_write_transcript(transcript);
  if (*sniff_command) {
    if (*filter_option) sniff.filter = sniff_filter;
    sniff.language = sniff_language == "ja" ? Language::japanese : Language::english;
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    sniff.program_path = n > 0 ? std::string(self, size_t(n)) : std::string(argv[0]);
    return run_sniff(sniff);
  }
  if (*dialogues_command) {
    if (*stream_option) dialogues.stream = stream_filter;
    if (!protocol_filter.empty()) {
      Protocol p;
      if (!parse_protocol_name(protocol_filter, p)) {
        print_error("--protocol " + protocol_filter +
                    ": unknown protocol; use one of smtp, submission, pop3, imap, smtps, pop3s, imaps");
        return exit_usage_error;
      }
      dialogues.protocol = p;
    }
    dialogues.language = language == "ja" ? Language::japanese : Language::english;
    return run_dialogues(dialogues);
  }
  return exit_usage_error;
}
