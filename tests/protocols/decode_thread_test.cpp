// tests/protocols/decode_thread_test.cpp — decoding on a second thread (DecodeThread) gives the
// dialogues that decoding inline gives, event for event, and fails cleanly.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "capture/capture_file.h"
#include "net/tcp_conversation.h"
#include "protocols/mail_analyzer.h"

using namespace mailscope;
namespace fs = std::filesystem;

namespace {

// Every field of every event, one line each: two runs are the same when these texts are.
std::string describe(const Dialogue& d) {
  std::ostringstream out;
  out << "stream " << d.stream() << " " << protocol_name(d.protocol) << " closed " << d.closed
      << " end " << end_reason_name(d.session.end) << " packets "
      << d.session.from(Direction::client_to_server).packets << "/"
      << d.session.from(Direction::server_to_client).packets << " commands " << d.summary.commands
      << " messages " << d.summary.messages << " errors " << d.summary.errors << " auth "
      << d.summary.auth_mechanism << " " << d.summary.auth_user << "\n";
  for (const DialogueEvent& e : d.events) {
    out << event_type_name(e.type) << " " << direction_name(e.direction) << " " << e.span.begin << "-"
        << e.span.end << " #" << e.span.first_packet << "-" << e.span.last_packet << " "
        << e.span.first_time_ns << " [" << e.text << "] " << e.verb << " | " << e.arguments << " | "
        << e.tag << " " << e.code << " " << e.enhanced_code << " " << e.status << " ["
        << e.response_code << "] [" << e.decoded << "] " << e.answers << " " << e.size_bytes << " "
        << e.record_count << " " << e.explain_key << " " << e.state_key << " [" << e.state_detail
        << "] " << e.unknown << e.malformed << e.line_truncated;
    for (const auto& [name, value] : e.details) out << " (" << name << "=" << value << ")";
    for (const std::string& s : e.secrets) out << " secret:" << s;
    out << "\n";
  }
  return out.str();
}

struct Run {
  std::vector<std::string> closed;  // describe() of each dialogue, in the order they closed
  std::vector<std::string> kept;    // describe() of dialogues() after finish(), by stream
  std::vector<std::thread::id> callback_threads;
  uint64_t decoded_here = 0;  // sessions the reading thread decoded itself
};

// `pause` slows each on_dialogue_closed call, as a slow printer would.
template <typename Feed>
Run analyze(bool on_thread, size_t batch_bytes, Feed feed,
            std::chrono::microseconds pause = std::chrono::microseconds(0)) {
  AnalyzerOptions options;
  options.decode_on_thread = on_thread;
  options.decode_batch_bytes = batch_bytes;
  MailAnalyzer analyzer(std::move(options));
  Run run;
  analyzer.on_dialogue_closed = [&run, pause](Dialogue& d) {
    run.closed.push_back(describe(d));
    run.callback_threads.push_back(std::this_thread::get_id());
    if (pause.count() > 0) std::this_thread::sleep_for(pause);
  };
  feed(analyzer);
  analyzer.finish();
  run.decoded_here = analyzer.stats().sessions_decoded_here;
  for (const auto& d : analyzer.dialogues()) run.kept.push_back(d ? describe(*d) : "(none)");
  return run;
}

auto capture_feed(const fs::path& path) {
  return [path](MailAnalyzer& analyzer) {
    CaptureFile::Opened opened = CaptureFile::open(path.string());
    REQUIRE(opened.ok());
    Frame frame;
    while (opened.file->next(frame)) analyzer.add_frame(frame);
  };
}

std::vector<fs::path> capture_files() {
  std::vector<fs::path> files;
  for (const fs::path& dir : {fs::path(MAILSCOPE_SOURCE_DIR) / "captures",
                              fs::path(MAILSCOPE_SOURCE_DIR) / ".." / "shared" / "peer-captures"}) {
    if (!fs::is_directory(dir)) continue;
    for (const auto& entry : fs::directory_iterator(dir)) {
      std::string ext = entry.path().extension().string();
      if (ext == ".pcap" || ext == ".pcapng" || ext == ".cap") files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

Endpoint v4(uint8_t last, uint16_t port) {
  uint8_t bytes[4] = {198, 51, 100, last};
  return {IpAddress::v4(bytes), port};
}

// `sessions` SMTP sessions, each sending a message of about 9 KB, their packets interleaved
// round robin (or, with `one_after_another`, each session's packets before the next one's):
// several MB in all, so a default-sized batch fills many times over and the reading side waits
// for room in the queue.
auto interleaved_smtp_feed(int sessions, bool one_after_another = false) {
  return [sessions, one_after_another](MailAnalyzer& analyzer) {
    std::vector<TcpConversation> talks;
    for (int i = 0; i < sessions; ++i) {
      TcpConversation talk(v4(10, static_cast<uint16_t>(41000 + i)), v4(25, 25));
      talk.open();
      talk.send(TcpConversation::server, "220 mx.example.org ESMTP\r\n");
      talk.send(TcpConversation::client, "EHLO pc" + std::to_string(i) + ".example.org\r\n");
      talk.send(TcpConversation::server, "250-mx.example.org\r\n250-PIPELINING\r\n250 8BITMIME\r\n");
      talk.send(TcpConversation::client, "MAIL FROM:<a" + std::to_string(i) + "@example.org>\r\n");
      talk.send(TcpConversation::server, "250 2.1.0 Ok\r\n");
      talk.send(TcpConversation::client, "RCPT TO:<b@example.org>\r\n");
      talk.send(TcpConversation::server, i % 7 == 3 ? "550 5.1.1 No such user\r\n" : "250 2.1.5 Ok\r\n");
      talk.send(TcpConversation::client, "DATA\r\n");
      talk.send(TcpConversation::server, "354 End data with <CR><LF>.<CR><LF>\r\n");
      std::string body = "Subject: message " + std::to_string(i) + "\r\n\r\n";
      for (int line = 0; line < 120; ++line) {
        body += (line % 10 == 0 ? ".a line that starts with a dot, " : "an ordinary line of the body, ") +
                std::to_string(line) + " of session " + std::to_string(i) + "\r\n";
      }
      talk.send(TcpConversation::client, body + ".\r\n");
      talk.send(TcpConversation::server, "250 2.0.0 Ok: queued\r\n");
      talk.send(TcpConversation::client, "QUIT\r\n");
      talk.send(TcpConversation::server, "221 2.0.0 Bye\r\n");
      if (i % 5 != 4) talk.close();  // the others end with the capture
      talks.push_back(std::move(talk));
    }
    uint64_t number = 0;
    if (one_after_another) {
      for (const TcpConversation& talk : talks) {
        for (const auto& frame : talk.frames()) analyzer.add_frame(frame.as_frame(++number));
      }
      return;
    }
    for (size_t step = 0;; ++step) {
      bool any = false;
      for (const TcpConversation& talk : talks) {
        if (step < talk.frames().size()) {
          analyzer.add_frame(talk.frames()[step].as_frame(++number));
          any = true;
        }
      }
      if (!any) break;
    }
  };
}

}  // namespace

TEST_CASE("decoding on a second thread gives every capture the dialogues inline decoding gives") {
  std::vector<fs::path> files = capture_files();
  REQUIRE(files.size() >= 20);  // the project's own captures at least
  for (const fs::path& path : files) {
    INFO(path.string());
    CaptureFile::Opened probe = CaptureFile::open(path.string());
    if (!probe.ok()) continue;  // peers' files the reader rejects are tested in tests/peers
    Run inline_run = analyze(false, 0, capture_feed(path));
    // Batches of one byte: every call crosses the queue on its own.
    Run tiny = analyze(true, 1, capture_feed(path));
    Run usual = analyze(true, DecodeThread::kBatchBytes, capture_feed(path));
    CHECK(tiny.closed == inline_run.closed);
    CHECK(tiny.kept == inline_run.kept);
    CHECK(usual.closed == inline_run.closed);
    CHECK(usual.kept == inline_run.kept);
  }
}

TEST_CASE("many interleaved sessions fill the queue and still come out as decoded inline") {
  Run inline_run = analyze(false, 0, interleaved_smtp_feed(400));
  Run threaded = analyze(true, DecodeThread::kBatchBytes, interleaved_smtp_feed(400));
  REQUIRE(inline_run.closed.size() == 400);
  CHECK(threaded.closed == inline_run.closed);
  CHECK(threaded.kept == inline_run.kept);
  // The callbacks ran on the decoding thread, not on the one that fed the frames.
  for (std::thread::id id : threaded.callback_threads) CHECK(id != std::this_thread::get_id());
  for (std::thread::id id : inline_run.callback_threads) CHECK(id == std::this_thread::get_id());
}

TEST_CASE("when the decoding thread falls behind, the reading thread decodes sessions too") {
  // The reading side has to wait for room while the callbacks are slow, so it takes a share of
  // the sessions that open afterwards; each comes out as decoded inline, and in order.
  Run inline_run = analyze(false, 0, interleaved_smtp_feed(200, true));
  Run shared = analyze(true, 1, interleaved_smtp_feed(200, true), std::chrono::microseconds(300));
  REQUIRE(inline_run.closed.size() == 200);
  CHECK(inline_run.decoded_here == 0);
  CHECK(shared.decoded_here > 0);
  CHECK(shared.decoded_here < 200);
  CHECK(shared.closed == inline_run.closed);
  CHECK(shared.kept == inline_run.kept);
  // Every callback, for the sessions decoded on either thread, ran on the decoding thread.
  REQUIRE(shared.callback_threads.size() == 200);
  for (std::thread::id id : shared.callback_threads) CHECK(id == shared.callback_threads.front());
  CHECK(shared.callback_threads.front() != std::this_thread::get_id());
}

TEST_CASE("an exception on the decoding thread is thrown again to the reading side") {
  AnalyzerOptions options;
  options.decode_on_thread = true;
  options.decode_batch_bytes = 1;
  MailAnalyzer analyzer(std::move(options));
  int calls = 0;
  analyzer.on_dialogue_closed = [&calls](Dialogue&) {
    ++calls;
    throw std::runtime_error("the printer failed");
  };
  // Each session closes right away (one byte batches): the first close throws, the thread
  // stops, and the error comes back from a later call on this side or from finish().
  bool thrown = false;
  try {
    interleaved_smtp_feed(20)(analyzer);
    analyzer.finish();
  } catch (const std::runtime_error& e) {
    thrown = true;
    CHECK(std::string(e.what()) == "the printer failed");
  }
  CHECK(thrown);
  CHECK(calls == 1);  // nothing was decoded after the failure
}

TEST_CASE("an analyzer destroyed before finish() stops its decoding thread") {
  // Half a capture, no finish(): the destructor drops what is queued and joins the thread
  // (a hang here would be the bug).
  for (size_t batch : {size_t(1), DecodeThread::kBatchBytes}) {
    AnalyzerOptions options;
    options.decode_on_thread = true;
    options.decode_batch_bytes = batch;
    MailAnalyzer analyzer(std::move(options));
    std::atomic<size_t> closed{0};  // counted on the decoding thread
    analyzer.on_dialogue_closed = [&closed](Dialogue&) { ++closed; };
    interleaved_smtp_feed(50)(analyzer);
    CHECK(closed.load() <= 40);  // the 10 sessions left open close only in finish()
  }
}
