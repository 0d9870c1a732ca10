// tests/peers/peer_captures_test.cpp — captures from other projects' test suites (Zeek, Suricata,
// Arkime, nDPI, protolens, PcapPlusPlus), read from ../shared/peer-captures when it is there.
//
// Every file must open and decode without a crash; every mail session must become a dialogue;
// and where tshark is installed, every session's reassembled bytes must equal what tshark's
// Follow TCP Stream gives (the stream numbers must agree too). The files are never copied here.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "support/stream_collector.h"
#include "support/tshark_follow.h"

using namespace mailscope;
using namespace mailscope::testing;
namespace fs = std::filesystem;

namespace {

fs::path peer_dir() { return fs::path(MAILSCOPE_SOURCE_DIR) / ".." / "shared" / "peer-captures"; }

std::vector<fs::path> peer_files() {
  std::vector<fs::path> files;
  if (!fs::is_directory(peer_dir())) return files;
  for (const auto& entry : fs::directory_iterator(peer_dir())) {
    std::string ext = entry.path().extension().string();
    if (ext == ".pcap" || ext == ".pcapng" || ext == ".cap") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool have_tshark() { return std::system("command -v tshark >/dev/null 2>&1") == 0; }

std::string port_of(const std::string& node) { return node.substr(node.rfind(':') + 1); }

}  // namespace

TEST_CASE("every peer capture opens and its mail sessions decode") {
  auto files = peer_files();
  if (files.empty()) {
    WARN("skipped: " << peer_dir() << " is absent");
    return;
  }
  size_t mail_dialogues = 0;
  for (const fs::path& file : files) {
    INFO(file.filename().string());
    CollectedCapture capture = collect_capture(file.string());
    REQUIRE(capture.error.empty());
    size_t mail_here = 0;
    for (const auto& d : capture.dialogues) {
      REQUIRE(d);
      if (d->protocol == Protocol::other) continue;
      ++mail_here;
      REQUIRE(d->closed);
      // Open event first, close event last, something decoded in between.
      CHECK(d->events.front().type == EventType::connection_open);
      CHECK(d->events.back().type == EventType::connection_close);
      for (const DialogueEvent& e : d->events) {
        CHECK(!e.explain_key.empty());
        CHECK(e.span.first_packet <= e.span.last_packet);
      }
    }
    CHECK(mail_here > 0);
    mail_dialogues += mail_here;
  }
  CHECK(mail_dialogues >= files.size());
}

TEST_CASE("peer captures reassemble to the same bytes and stream numbers as tshark") {
  auto files = peer_files();
  if (files.empty() || !have_tshark()) {
    WARN("skipped: needs " << peer_dir() << " and tshark");
    return;
  }
  for (const fs::path& file : files) {
    INFO(file.filename().string());
    CollectedCapture capture = collect_capture(file.string(), false);
    REQUIRE(capture.error.empty());
    std::string command = "tshark -r '" + file.string() + "' -q";
    for (size_t i = 0; i < capture.streams.size(); ++i)
      command += " -z follow,tcp,raw," + std::to_string(i);
    auto reference = parse_tshark_follow(command_output(command + " 2>/dev/null"));
    REQUIRE(reference.size() == capture.streams.size());
    for (size_t i = 0; i < capture.streams.size(); ++i) {
      INFO("stream " << i);
      const CollectedStream& ours = capture.streams[i];
      const TsharkFollow& theirs = reference[static_cast<uint32_t>(i)];
      // tshark's node 0 is the side of the first packet; find which of ours it is.
      int client_node = port_of(theirs.node[0]) == std::to_string(ours.session.client.port) ? 0 : 1;
      for (int side = 0; side < 2; ++side) {
        int node = side == 0 ? client_node : 1 - client_node;
        if (theirs.missing[node] == 0 && ours.gap_bytes[side] == 0) {
          CHECK(ours.bytes[side] == theirs.bytes[node]);
        } else {
          // Both saw loss: the stream length (bytes + missing) must agree.
          CHECK(ours.bytes[side].size() + ours.gap_bytes[side] ==
                theirs.bytes[node].size() + theirs.missing[node]);
        }
      }
    }
  }
}
