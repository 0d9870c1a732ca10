// tests/protocols/common/dialogue_basics_test.cpp — protocol names, event names, StreamSpan,
// explanation lookup and fallbacks, redaction. (dialogue/ has no test program of its own;
// these pieces are what the common decoders build on.)
#include <catch2/catch.hpp>
#include <set>

#include "dialogue/explanations.h"
#include "dialogue/protocol.h"
#include "dialogue/redaction.h"
#include "protocols/common/sasl.h"

using namespace mailscope;

TEST_CASE("protocol names parse back, ports map to protocols") {
  const Protocol all[] = {Protocol::smtp,  Protocol::submission, Protocol::pop3, Protocol::imap,
                          Protocol::smtps, Protocol::pop3s,      Protocol::imaps};
  for (Protocol p : all) {
    Protocol parsed = Protocol::other;
    REQUIRE(parse_protocol_name(protocol_name(p), parsed));
    CHECK(parsed == p);
  }
  Protocol p = Protocol::other;
  CHECK(parse_protocol_name("IMAPS", p));
  CHECK(p == Protocol::imaps);
  CHECK_FALSE(parse_protocol_name("smpt", p));
  CHECK_FALSE(parse_protocol_name("other", p));
  CHECK_FALSE(parse_protocol_name("", p));
  CHECK(protocol_name(Protocol::other) == "other");
  CHECK(protocol_for_well_known_port(25) == Protocol::smtp);
  CHECK(protocol_for_well_known_port(587) == Protocol::submission);
  CHECK(protocol_for_well_known_port(110) == Protocol::pop3);
  CHECK(protocol_for_well_known_port(143) == Protocol::imap);
  CHECK(protocol_for_well_known_port(465) == Protocol::smtps);
  CHECK(protocol_for_well_known_port(993) == Protocol::imaps);
  CHECK(protocol_for_well_known_port(995) == Protocol::pop3s);
  CHECK(protocol_for_well_known_port(80) == Protocol::other);
  CHECK(protocol_for_well_known_port(0) == Protocol::other);
  CHECK(is_implicit_tls(Protocol::pop3s));
  CHECK_FALSE(is_implicit_tls(Protocol::pop3));
  CHECK(speaks_smtp(Protocol::submission));
  CHECK_FALSE(speaks_smtp(Protocol::smtps));
}

TEST_CASE("every event type has a distinct name and an explanation") {
  std::set<std::string> names;
  for (int t = 0; t <= static_cast<int>(EventType::connection_close); ++t) {
    std::string name = event_type_name(static_cast<EventType>(t));
    names.insert(name);
    CHECK(has_explanation("event." + name));
  }
  CHECK(names.size() == static_cast<size_t>(EventType::connection_close) + 1);
  CHECK(std::string(event_type_name(EventType::auth_response)) == "auth_response");
}

TEST_CASE("StreamSpan::extend: the first chunk sets, later ones widen") {
  StreamSpan span;
  CHECK(span.empty());
  span.extend(SegmentOrigin{0, 5, 500}, 10, 4);
  CHECK_FALSE(span.empty());
  CHECK(span.begin == 10);
  CHECK(span.end == 14);
  CHECK(span.first_packet == 5);
  CHECK(span.last_packet == 5);
  span.extend(SegmentOrigin{0, 8, 800}, 14, 6);
  CHECK(span.begin == 10);
  CHECK(span.end == 20);
  CHECK(span.first_packet == 5);
  CHECK(span.last_packet == 8);
  CHECK(span.first_time_ns == 500);
  CHECK(span.last_time_ns == 800);
  span.extend(SegmentOrigin{0, 6, 600}, 20, 0);  // an older packet does not move "last"
  CHECK(span.last_packet == 8);
  CHECK(span.last_time_ns == 800);
}

TEST_CASE("explain: exact rows in both languages") {
  CHECK(has_explanation("tls.client_hello"));
  CHECK(explain("tls.client_hello").find("ClientHello") == 0);
  CHECK(explain("tls.client_hello", Language::japanese).find("ClientHello") == 0);
  CHECK(explain("sasl.plain", Language::japanese).find("Base64") != std::string_view::npos);
  CHECK(explain_english("gap") == explain("gap", Language::english));
  CHECK(smtp_reply_key(354) == "smtp.reply.354");
}

TEST_CASE("explain: fallbacks to the family, then the key itself") {
  CHECK_FALSE(has_explanation("sasl.made-up"));
  CHECK(explain("sasl.made-up") == explain("sasl.unknown"));
  CHECK(explain("tls.something.deeper") == explain("tls.unknown"));
  CHECK(explain("no.such.family") == "no.such.family");
  CHECK(explain("") == "");
  CHECK(explain("nodots") == "nodots");
  // A three-digit last part tries "<parent>.Nxx" first: present once the SMTP table exists.
  std::string_view reply = explain("smtp.reply.451");
  if (has_explanation("smtp.reply.4xx") && !has_explanation("smtp.reply.451")) {
    CHECK(reply == explain("smtp.reply.4xx"));
  } else if (!has_explanation("smtp.reply.451") && !has_explanation("smtp.reply.unknown")) {
    CHECK(reply == "smtp.reply.451");
  }
}

TEST_CASE("the general table: unique keys, English and Japanese filled in") {
  ExplanationTable t = explanations_general();
  std::set<std::string> keys;
  for (size_t i = 0; i < t.count; ++i) {
    const ExplanationEntry& e = t.entries[i];
    INFO(e.key);
    CHECK(keys.insert(e.key).second);
    CHECK(std::string(e.english).size() > 10);
    CHECK(std::string(e.japanese).size() > 10);
    CHECK(explain(e.key, Language::japanese) == e.japanese);
  }
  for (const char* reason : {"open", "fin", "rst", "end_of_capture", "evicted", "port_reused"}) {
    CHECK(has_explanation(std::string("end.") + reason));
  }
  for (const char* mech : {"PLAIN", "LOGIN", "CRAM-MD5", "XOAUTH2"}) {
    CHECK(has_explanation(sasl_explain_key(mech)));
  }
  CHECK(has_explanation("session.midstream"));
}

TEST_CASE("redact_text: fixed mask, longest secret first, every occurrence") {
  const std::string mask(kRedactionMask);
  CHECK(redact_text("password \"wonderland\"", {"wonderland"}) == "password \"" + mask + "\"");
  CHECK(redact_text("AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=",
                    {"wonderland", "AGFsaWNlAHdvbmRlcmxhbmQ="}) == "AUTH PLAIN " + mask);
  CHECK(redact_text("pw pw pw", {"pw"}) == mask + " " + mask + " " + mask);
  CHECK(redact_text("a", {"a-much-longer-secret"}) == "a");
  CHECK(redact_text("x", {"x"}) == mask);  // one character and twenty give the same mask
  CHECK(redact_text("nothing here", {}) == "nothing here");
  CHECK(redact_text("nothing here", {""}) == "nothing here");
  CHECK(redact_text("abcabc", {"bca", "abc"}) == mask + mask);
}

TEST_CASE("redact: text, decoded and details; secrets cleared; across a dialogue") {
  DialogueEvent auth;
  auth.text = "AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=";
  auth.decoded = "user \"alice\", password \"wonderland\"";
  auth.details = {{"password", "wonderland"}, {"user", "alice"}};
  auth.secrets = {"AGFsaWNlAHdvbmRlcmxhbmQ=", "wonderland"};
  DialogueEvent echo;
  echo.text = "535 5.7.8 wonderland is wrong";
  std::vector<DialogueEvent> events = {auth, echo};

  const std::string mask(kRedactionMask);
  redact(auth);
  CHECK(auth.text == "AUTH PLAIN " + mask);
  CHECK(auth.decoded == "user \"alice\", password \"" + mask + "\"");
  CHECK(auth.details[0].second == mask);
  CHECK(auth.details[1].second == "alice");
  CHECK(auth.secrets.empty());

  redact_all(events);
  CHECK(events[0].text == "AUTH PLAIN " + mask);
  CHECK(events[1].text == "535 5.7.8 " + mask + " is wrong");
  CHECK(events[0].secrets.empty());
}
