// tests/protocols/common/tls_records_test.cpp — TLS records as events, at every split.
#include "protocols/common/tls_records.h"

#include <catch2/catch.hpp>

#include "dialogue/explanations.h"
#include "feed_steps.h"

using namespace mailscope;
using mailscope::test::Step;

namespace {

const Direction C = Direction::client_to_server;
const Direction S = Direction::server_to_client;

std::string u16(unsigned v) { return {static_cast<char>(v >> 8), static_cast<char>(v & 0xFF)}; }
std::string u24(unsigned v) {
  return {static_cast<char>(v >> 16), static_cast<char>((v >> 8) & 0xFF),
          static_cast<char>(v & 0xFF)};
}
std::string record(uint8_t type, unsigned version, const std::string& body) {
  return std::string(1, static_cast<char>(type)) + u16(version) + u16(body.size()) + body;
}
std::string handshake(uint8_t type, const std::string& body) {
  return std::string(1, static_cast<char>(type)) + u24(body.size()) + body;
}
std::string extension(unsigned type, const std::string& data) {
  return u16(type) + u16(data.size()) + data;
}

// A ClientHello as a modern client sends it: TLS 1.3 offered with 1.2 as fallback, SNI.
std::string client_hello(const std::string& server_name) {
  std::string body = u16(0x0303) + std::string(32, '\x11');
  body += std::string(1, 32) + std::string(32, '\x22');                    // session id
  body += u16(8) + u16(0x1301) + u16(0x1302) + u16(0xC02F) + u16(0x00FF);  // cipher suites
  body += std::string("\x01\x00", 2);                                      // null compression
  std::string sni = std::string(1, 0) + u16(server_name.size()) + server_name;
  std::string versions =
      std::string(1, 6) + u16(0x3A3A) + u16(0x0304) + u16(0x0303);  // GREASE first
  std::string exts = extension(0, u16(sni.size()) + sni) + extension(10, u16(2) + u16(29)) +
                     extension(43, versions);
  body += u16(exts.size()) + exts;
  return handshake(1, body);
}

std::string server_hello(unsigned suite, bool tls13) {
  std::string body =
      u16(0x0303) + std::string(32, '\x33') + std::string(1, 0) + u16(suite) + std::string(1, 0);
  if (tls13) {
    std::string exts = extension(43, u16(0x0304));
    body += u16(exts.size()) + exts;
  }
  return handshake(2, body);
}

std::string noise(size_t n, char seed) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += static_cast<char>(seed + i * 37);
  return s;
}

std::string dump_events(const Dialogue& d) {
  std::string out;
  for (const DialogueEvent& e : d.events) {
    out += std::string(direction_name(e.direction)) + " " + event_type_name(e.type) + " " +
           e.explain_key + " \"" + e.text + "\" size=" + std::to_string(e.size_bytes) +
           " records=" + std::to_string(e.record_count) + (e.malformed ? " malformed" : "") +
           " span=" + std::to_string(e.span.begin) + "-" + std::to_string(e.span.end);
    for (const auto& [k, v] : e.details) out += " " + k + "=" + v;
    out += "\n";
  }
  return out;
}

std::string run(const std::vector<Step>& steps, size_t split, bool finish = true) {
  Dialogue d;
  TlsRecordSummary tls(d);
  test::feed_steps(steps, split,
                   [&](Direction dir, const uint8_t* p, size_t n, const SegmentOrigin& o) {
                     tls.feed(dir, p, n, o);
                   });
  if (finish) tls.finish();
  for (const DialogueEvent& e : d.events) CHECK(has_explanation(e.explain_key));
  return dump_events(d);
}

std::string run_every_split(const std::vector<Step>& steps) {
  std::vector<std::string> mismatches;
  std::string whole = test::same_for_every_split(
      steps, [&](size_t split) { return run(steps, split); }, &mismatches);
  INFO(whole);
  if (!mismatches.empty()) INFO(mismatches.front());
  CHECK(mismatches.empty());
  return whole;
}

}  // namespace

TEST_CASE("TLS 1.3 after STARTTLS: hellos readable, then application data runs") {
  std::vector<Step> steps = {
      {C, record(22, 0x0301, client_hello("mail.example.org"))},
      {S, record(22, 0x0303, server_hello(0x1301, true)) + record(20, 0x0303, "\x01") +
              record(23, 0x0303, noise(40, 'a')) + record(23, 0x0303, noise(300, 'b'))},
      {C, record(20, 0x0303, "\x01") + record(23, 0x0303, noise(53, 'c'))},
      {C, record(23, 0x0303, noise(30, 'd'))},
      {S, record(23, 0x0303, noise(100, 'e'))},
  };
  std::string hello = client_hello("mail.example.org");
  size_t ch = 5 + hello.size();
  size_t sh = 5 + server_hello(0x1301, true).size();
  std::string expected =
      "client tls tls.client_hello \"TLS handshake: ClientHello\" size=" + std::to_string(ch) +
      " records=1 span=0-" + std::to_string(ch) +
      " server_name=mail.example.org offers=TLS 1.3, TLS 1.2 cipher_suites=4 version=TLS 1.0\n"
      "server tls tls.server_hello \"TLS handshake: ServerHello\" size=" +
      std::to_string(sh) + " records=1 span=0-" + std::to_string(sh) +
      " chosen=TLS 1.3 cipher_suite=0x1301 version=TLS 1.2\n"
      "server tls tls.change_cipher_spec \"TLS ChangeCipherSpec\" size=6 records=1 span=" +
      std::to_string(sh) + "-" + std::to_string(sh + 6) +
      " version=TLS 1.2\n"
      "server tls tls.application_data \"TLS application data: 2 records, 350 bytes\" size=350 "
      "records=2 span=" +
      std::to_string(sh + 6) + "-" + std::to_string(sh + 356) +
      "\n"
      "client tls tls.change_cipher_spec \"TLS ChangeCipherSpec\" size=6 records=1 span=" +
      std::to_string(ch) + "-" + std::to_string(ch + 6) +
      " version=TLS 1.2\n"
      "client tls tls.application_data \"TLS application data: 2 records, 93 bytes\" size=93 "
      "records=2 span=" +
      std::to_string(ch + 6) + "-" + std::to_string(ch + 99) +
      "\n"
      "server tls tls.application_data \"TLS application data: 1 record, 105 bytes\" size=105 "
      "records=1 span=" +
      std::to_string(sh + 356) + "-" + std::to_string(sh + 461) + "\n";
  CHECK(run_every_split(steps) == expected);
}

TEST_CASE("TLS 1.2: several messages per record, encrypted Finished, alerts") {
  std::string flight = server_hello(0xC02F, false) + handshake(11, noise(120, 'x')) +
                       handshake(12, noise(40, 'y')) + handshake(14, "");
  std::vector<Step> steps = {
      {C, record(22, 0x0301, client_hello("smtp.example.net"))},
      {S, record(22, 0x0303, flight)},
      {C, record(22, 0x0303, handshake(16, noise(33, 'k'))) + record(20, 0x0303, "\x01") +
              record(22, 0x0303, noise(40, '\x9a'))},
      {S, record(20, 0x0303, "\x01") + record(22, 0x0303, noise(40, '\x77'))},
      {C, record(23, 0x0303, noise(60, 'q')) + record(21, 0x0303, noise(26, 'r'))},
      {S, record(21, 0x0303, std::string("\x02\x28", 2))},
  };
  std::string dump = run_every_split(steps);
  CHECK(dump.find("server tls tls.server_hello \"TLS handshake: ServerHello, Certificate, "
                  "ServerKeyExchange, ServerHelloDone\"") != std::string::npos);
  CHECK(dump.find("chosen=TLS 1.2 cipher_suite=0xC02F") != std::string::npos);
  CHECK(dump.find("client tls tls.client_key_exchange \"TLS handshake: ClientKeyExchange\"") !=
        std::string::npos);
  CHECK(dump.find("client tls tls.encrypted_handshake \"TLS handshake (encrypted)\" size=45") !=
        std::string::npos);
  CHECK(dump.find("server tls tls.encrypted_handshake \"TLS handshake (encrypted)\" size=45") !=
        std::string::npos);
  CHECK(dump.find("client tls tls.alert \"TLS alert (encrypted)\" size=31") != std::string::npos);
  // The server has sent its ChangeCipherSpec, so even a 2-byte alert is encrypted.
  CHECK(dump.find("server tls tls.alert \"TLS alert (encrypted)\" size=7") != std::string::npos);
}

TEST_CASE("TLS: a readable alert before encryption") {
  std::vector<Step> steps = {
      {C, record(22, 0x0301, client_hello("x.example"))},
      {S, record(21, 0x0303, std::string("\x02\x46", 2))},
  };
  std::string dump = run_every_split(steps);
  CHECK(dump.find("server tls tls.alert \"TLS alert: fatal protocol_version\" size=7 records=1 "
                  "span=0-7 level=fatal alert=protocol_version version=TLS 1.2") !=
        std::string::npos);
}

TEST_CASE("TLS: a Certificate message spread over two records") {
  std::string cert = handshake(11, noise(500, 'z'));
  std::vector<Step> steps = {
      {S, record(22, 0x0303, server_hello(0xC02F, false) + cert.substr(0, 200))},
      {S, record(22, 0x0303, cert.substr(200) + handshake(14, ""))},
  };
  std::string dump = run_every_split(steps);
  CHECK(dump.find("\"TLS handshake: ServerHello, Certificate\"") != std::string::npos);
  CHECK(dump.find("tls.server_hello_done \"TLS handshake: Certificate (continued), "
                  "ServerHelloDone\"") != std::string::npos);
}

TEST_CASE("Not TLS: one malformed event, then the bytes are only counted") {
  std::vector<Step> steps = {
      {C, "EHLO client.example\r\nMAIL FROM:<a@b>\r\n"},
      {C, "RCPT TO:<c@d>\r\n"},
      {S, record(23, 0x0303, noise(10, 's'))},
      {C, "DATA\r\n"},
  };
  std::string dump = run_every_split(steps);
  CHECK(dump ==
        "client tls tls.malformed \"not TLS: 53 bytes starting \"EHLO client.exam\"\" size=53 "
        "records=0 malformed span=0-53\n"
        "server tls tls.application_data \"TLS application data: 1 record, 15 bytes\" size=15 "
        "records=1 span=0-15\n"
        "client tls tls.malformed \"not TLS: 6 bytes starting \"EHLO client.exam\"\" size=6 "
        "records=0 malformed span=53-59\n");
}

TEST_CASE("Not TLS: a record length above the maximum, a bad version") {
  CHECK(run({{C, record(23, 0x0303, "").substr(0, 3) + u16(18433) + "x"}}, 0) ==
        "client tls tls.malformed \"not TLS: 6 bytes starting \"\\x17\\x03\\x03H\\x01x\"\" "
        "size=6 records=0 malformed span=0-6\n");
  CHECK(run({{C, std::string("\x16\x02\x00\x00\x01\x01", 6)}}, 0).find("tls.malformed") !=
        std::string::npos);
  CHECK(run({{C, std::string("\x19\x03\x03\x00\x01\x01", 6)}}, 0).find("tls.malformed") !=
        std::string::npos);
}

TEST_CASE("TLS: a record cut short by the end of the capture") {
  std::string hello = record(22, 0x0301, client_hello("a.example"));
  CHECK(run({{C, hello.substr(0, 100)}}, 0) ==
        "client tls tls.incomplete \"TLS record cut short: 100 of " + std::to_string(hello.size()) +
            " bytes\" size=100 records=0 span=0-100\n");
  CHECK(run({{C, hello.substr(0, 3)}}, 0) ==
        "client tls tls.incomplete \"TLS record cut short: 3 bytes of a header\" size=3 records=0 "
        "span=0-3\n");
  CHECK(run({{C, hello.substr(0, 3)}}, 0, false).empty());
}

TEST_CASE("TLS gaps: inside a body the records stay in step") {
  Dialogue d;
  TlsRecordSummary tls(d);
  std::string r1 = record(23, 0x0303, noise(100, 'a'));
  std::string r2 = record(23, 0x0303, noise(20, 'b'));
  tls.feed(C, reinterpret_cast<const uint8_t*>(r1.data()), 30, SegmentOrigin{0, 1, 10});
  tls.gap(C, 50, SegmentOrigin{30, 2, 20});
  tls.feed(C, reinterpret_cast<const uint8_t*>(r1.data()) + 80, r1.size() - 80,
           SegmentOrigin{80, 3, 30});
  tls.feed(C, reinterpret_cast<const uint8_t*>(r2.data()), r2.size(), SegmentOrigin{105, 4, 40});
  REQUIRE(d.events.size() == 2);  // the run goes on after the gap: nothing came in between
  CHECK(d.events[0].type == EventType::gap);
  CHECK(d.events[0].size_bytes == 50);
  CHECK(d.events[0].span.begin == 30);
  CHECK(d.events[0].span.end == 80);
  CHECK(d.events[0].explain_key == "gap");
  CHECK(d.events[1].explain_key == "tls.application_data");
  CHECK(d.events[1].record_count == 2);
  CHECK(d.events[1].size_bytes == 130);
  CHECK(d.events[1].span.begin == 0);
  CHECK(d.events[1].span.end == 130);
  CHECK(d.events[1].span.first_packet == 1);
  CHECK(d.events[1].span.last_packet == 4);
  CHECK(d.events[1].span.last_time_ns == 40);
}

TEST_CASE("TLS gaps: a gap at an unknown boundary resyncs on a plausible header, else counts") {
  std::string r = record(23, 0x0303, noise(20, 'a'));
  {
    Dialogue d;
    TlsRecordSummary tls(d);
    tls.feed(C, reinterpret_cast<const uint8_t*>(r.data()), r.size(), SegmentOrigin{0, 1, 0});
    tls.gap(C, 1000, SegmentOrigin{r.size(), 2, 0});
    tls.feed(C, reinterpret_cast<const uint8_t*>(r.data()), r.size(),
             SegmentOrigin{r.size() + 1000, 3, 0});
    REQUIRE(d.events.size() == 3);
    CHECK(d.events[1].type == EventType::gap);
    CHECK(d.events[2].explain_key == "tls.application_data");
    CHECK(d.events[2].span.begin == r.size() + 1000);
  }
  {
    Dialogue d;
    TlsRecordSummary tls(d);
    tls.feed(C, reinterpret_cast<const uint8_t*>(r.data()), r.size(), SegmentOrigin{0, 1, 0});
    tls.gap(C, 1000, SegmentOrigin{r.size(), 2, 0});
    std::string middle = noise(40, 'm');
    tls.feed(C, reinterpret_cast<const uint8_t*>(middle.data()), middle.size(),
             SegmentOrigin{r.size() + 1000, 3, 0});
    tls.feed(C, reinterpret_cast<const uint8_t*>(r.data()), r.size(),
             SegmentOrigin{r.size() + 1040, 4, 0});
    REQUIRE(d.events.size() == 3);
    CHECK(d.events[2].explain_key == "tls.gap");
    CHECK_FALSE(d.events[2].malformed);
    CHECK(d.events[2].size_bytes == 40 + r.size());
    CHECK(d.events[2].text ==
          "TLS: " + std::to_string(40 + r.size()) + " bytes after a gap (record boundaries lost)");
    tls.finish();
    CHECK(d.events.size() == 3);
  }
}
