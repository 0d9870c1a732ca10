// tests/captures/reference_test.cpp — mailscope against tshark on the project's real captures.
//
// captures/record.sh recorded each capture from real mail software and wrote tshark's view of it
// into captures/reference/NAME/ (see captures/scripts/make_reference.py). For every capture:
//   - the TCP sessions, numbered like tcp.stream, have the same client and server;
//   - the reassembled bytes of every direction equal tshark's `follow,tcp,raw` (holes left out),
//     and the holes are the same size;
//   - every command and reply tshark's SMTP/POP/IMAP dissectors saw in a frame is an event of
//     ours ending in that frame, with the same verb / code / status / tag.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "protocols/common/text.h"
#include "support/stream_collector.h"

using namespace mailscope;
using namespace mailscope::testing;
namespace fs = std::filesystem;

namespace {

const fs::path captures_dir = fs::path(MAILSCOPE_SOURCE_DIR) / "captures";

std::vector<std::vector<std::string>> read_tsv(const fs::path& path) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream fields(line);
    while (std::getline(fields, cell, '\t')) cells.push_back(cell);
    if (!line.empty() && line.back() == '\t') cells.push_back("");
    rows.push_back(cells);
  }
  return rows;
}

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> parts;
  if (s.empty()) return parts;
  std::string part;
  std::istringstream in(s);
  while (std::getline(in, part, ',')) parts.push_back(part);
  return parts;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<std::string> captures_with_reference() {
  std::vector<std::string> names;
  for (const auto& row : read_tsv(captures_dir / "reference" / "INDEX.tsv")) names.push_back(row[0]);
  return names;
}

// What we decoded that ends in a frame: the multisets tshark's fields are compared with.
struct FrameEvents {
  std::multiset<std::string> commands, codes, statuses, tags;
};

}  // namespace

TEST_CASE("every real capture reassembles exactly as tshark follows it") {
  auto names = captures_with_reference();
  REQUIRE(names.size() >= 10);
  for (const std::string& file : names) {
    INFO(file);
    fs::path reference = captures_dir / "reference" / fs::path(file).stem();
    CollectedCapture capture = collect_capture((captures_dir / file).string(), false);
    REQUIRE(capture.error.empty());
    CHECK(capture.warning.empty());
    auto streams = read_tsv(reference / "streams.tsv");
    REQUIRE(streams.size() == capture.streams.size());

    std::map<std::pair<uint32_t, std::string>, uint64_t> reference_gaps;
    if (fs::exists(reference / "gaps.tsv")) {
      for (const auto& row : read_tsv(reference / "gaps.tsv"))
        reference_gaps[{uint32_t(std::stoul(row[0])), row[1]}] += std::stoull(row[3]);
    }
    for (const auto& row : streams) {
      uint32_t n = static_cast<uint32_t>(std::stoul(row[0]));
      INFO("stream " << n);
      const CollectedStream& ours = capture.streams.at(n);
      CHECK(ours.session.client.to_string() == row[1]);
      CHECK(ours.session.server.to_string() == row[2]);
      for (const char* side : {"client", "server"}) {
        int d = std::string(side) == "client" ? 0 : 1;
        fs::path bin = reference / ("stream-" + row[0] + "-" + side + ".bin");
        if (fs::exists(bin)) CHECK(ours.bytes[d] == read_file(bin));
        uint64_t theirs = reference_gaps.count({n, side}) ? reference_gaps[{n, side}] : 0;
        CHECK(ours.gap_bytes[d] == theirs);
      }
    }
  }
}

TEST_CASE("every command and reply tshark dissects is an event with the same verb and reply") {
  for (const std::string& file : captures_with_reference()) {
    INFO(file);
    fs::path reference = captures_dir / "reference" / fs::path(file).stem();
    CollectedCapture capture = collect_capture((captures_dir / file).string(), true);
    REQUIRE(capture.error.empty());

    // Index our events by (stream, frame): an event counts in every frame that carried part
    // of it, since tshark reports a multi-line reply in the frame of each line and an IMAP
    // command with a literal in the frame of its first line.
    std::map<std::pair<uint32_t, uint64_t>, FrameEvents> ours;
    for (const auto& d : capture.dialogues) {
      for (const DialogueEvent& e : d->events) {
        for (uint64_t frame = e.span.first_packet; frame <= e.span.last_packet; ++frame) {
          FrameEvents& at = ours[{d->stream(), frame}];
          if (e.type == EventType::command) {
            // tshark names UID commands by their second word ("UID FETCH" is "FETCH").
            auto [first, rest] = split_word(e.verb);
            at.commands.insert(std::string(first));
            if (!rest.empty()) at.commands.insert(std::string(rest));
            if (!e.tag.empty()) at.tags.insert(e.tag);
          }
          bool answer = e.type == EventType::reply || e.type == EventType::greeting ||
                        e.type == EventType::continuation;
          if (answer && e.code != 0) at.codes.insert(std::to_string(e.code));
          if (answer && !e.status.empty()) {
            at.statuses.insert(e.status);
            if (!e.tag.empty()) at.tags.insert(e.tag);
          }
        }
      }
    }
    for (const auto& row : read_tsv(reference / "commands.tsv")) {
      uint32_t stream = static_cast<uint32_t>(std::stoul(row[0]));
      uint64_t frame = std::stoull(row[1]);
      INFO("stream " << stream << ", frame " << frame);
      const FrameEvents& at = ours[{stream, frame}];
      auto cell = [&row](size_t i) { return i < row.size() ? row[i] : std::string(); };
      // SMTP commands and reply codes (tshark reads STARTTLS as "STAR": compare as a prefix).
      for (const std::string& verb : split_commas(cell(2))) {
        bool found = false;
        for (const std::string& c : at.commands) found |= istarts_with(c, verb);
        CHECK(found);
      }
      for (const std::string& code : split_commas(cell(3))) CHECK(at.codes.count(code) > 0);
      // POP3.
      for (const std::string& verb : split_commas(cell(4))) CHECK(at.commands.count(to_upper_ascii(verb)) > 0);
      for (const std::string& indicator : split_commas(cell(5))) CHECK(at.statuses.count(indicator) > 0);
      // IMAP: tags of commands and of tagged replies, their commands and statuses.
      for (const std::string& tag : split_commas(cell(6))) CHECK(at.tags.count(tag) > 0);
      for (const std::string& verb : split_commas(cell(7))) CHECK(at.commands.count(to_upper_ascii(verb)) > 0);
      for (const std::string& tag : split_commas(cell(8))) CHECK(at.tags.count(tag) > 0);
      for (const std::string& status : split_commas(cell(9))) CHECK(at.statuses.count(to_upper_ascii(status)) > 0);
    }
  }
}
