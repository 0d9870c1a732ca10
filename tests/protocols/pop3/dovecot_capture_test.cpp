// tests/protocols/pop3/dovecot_capture_test.cpp — real Dovecot traffic (captures/, recorded by
// captures/record.sh) through Pop3Decoder, compared with tshark's view in captures/reference/.
//
// The reference holds each direction's reassembled bytes and, per packet, the POP3 command or
// reply indicator tshark saw. POP3 pairs replies with commands by order, so feeding all client
// bytes before the server's gives the same commands and replies; the SASL answer of
// pop3-auth-plain is still recognised (it is not a command verb while AUTH waits).
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "pop3_transcript.h"

using namespace mailscope;
using namespace mailscope::test;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Expected {
  std::vector<std::string> commands;    // pop.request.command, in order
  std::vector<std::string> indicators;  // pop.response.indicator, in order
};

Expected read_commands_tsv(const std::string& path) {
  Expected e;
  std::istringstream in(read_file(path));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cols;
    std::stringstream row(line);
    std::string col;
    while (std::getline(row, col, '\t')) cols.push_back(col);
    if (cols.size() > 4 && !cols[4].empty()) e.commands.push_back(cols[4]);
    if (cols.size() > 5 && !cols[5].empty()) e.indicators.push_back(cols[5]);
  }
  return e;
}

}  // namespace

TEST_CASE("Real Dovecot sessions decode like tshark sees them") {
  const std::string name =
      GENERATE(as<std::string>{}, "pop3-user-pass", "pop3-apop", "pop3-auth-plain");
  INFO(name);
  const std::string dir = std::string(MAILSCOPE_SOURCE_DIR) + "/captures/reference/" + name + "/";
  const std::string client = read_file(dir + "stream-0-client.bin");
  const std::string server = read_file(dir + "stream-0-server.bin");
  REQUIRE_FALSE(client.empty());
  REQUIRE_FALSE(server.empty());
  Expected expected = read_commands_tsv(dir + "commands.tsv");
  REQUIRE_FALSE(expected.commands.empty());

  Transcript t;
  t.client(client).server(server);
  Dialogue d = run_transcript(t, FeedMode::whole);
  REQUIRE(dump(run_transcript(t, FeedMode::byte_by_byte)) == dump(d));

  std::vector<std::string> commands, indicators;
  for (const DialogueEvent& e : d.events) {
    CHECK_FALSE(e.unknown);
    CHECK_FALSE(e.malformed);
    if (e.type == EventType::command) commands.push_back(e.verb);
    if (e.type == EventType::greeting || e.type == EventType::reply) {
      indicators.push_back(e.status);
      if (e.type == EventType::reply) CHECK(e.answers >= 0);
    }
  }
  CHECK(commands == expected.commands);
  CHECK(indicators == expected.indicators);
  CHECK(d.summary.auth_succeeded);
  CHECK(d.events.back().type == EventType::reply);
  CHECK(d.events.back().state_key == "pop3.state.update");
  // Each RETR's message is as long as the "+OK n octets" reply announced.
  for (size_t i = 0; i + 1 < d.events.size(); ++i) {
    const DialogueEvent& reply = d.events[i];
    const DialogueEvent& data = d.events[i + 1];
    if (data.type != EventType::data || data.explain_key != "pop3.data.RETR") continue;
    CHECK(detail(reply, "size") == std::to_string(data.size_bytes) + " octets");
    CHECK_FALSE(detail(data, "Subject").empty());
  }
}
