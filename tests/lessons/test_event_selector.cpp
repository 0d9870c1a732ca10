// tests/lessons/test_event_selector.cpp — selectors against a small hand-built set of dialogues.
#include <catch2/catch.hpp>

#include "lessons/event_selector.h"

using namespace mailscope;

namespace {

DialogueEvent make(EventType type, Direction direction, std::string text) {
  DialogueEvent e;
  e.type = type;
  e.direction = direction;
  e.text = std::move(text);
  return e;
}

std::vector<std::unique_ptr<Dialogue>> sample() {
  std::vector<std::unique_ptr<Dialogue>> list;
  auto smtp = std::make_unique<Dialogue>();
  smtp->protocol = Protocol::submission;
  smtp->session.id = 0;
  smtp->events.push_back(make(EventType::greeting, Direction::server_to_client, "220 hi"));
  DialogueEvent auth = make(EventType::command, Direction::client_to_server, "auth PLAIN AAAA");
  auth.verb = "AUTH";
  smtp->events.push_back(auth);
  DialogueEvent ok = make(EventType::reply, Direction::server_to_client, "235 ok");
  ok.code = 235;
  ok.answers = 1;
  smtp->events.push_back(ok);
  list.push_back(std::move(smtp));
  auto imap = std::make_unique<Dialogue>();
  imap->protocol = Protocol::imap;
  imap->session.id = 1;
  DialogueEvent select = make(EventType::command, Direction::client_to_server, "0014 SELECT INBOX");
  select.verb = "SELECT";
  select.tag = "0014";
  imap->events.push_back(select);
  for (const char* line : {"* 5 EXISTS", "* 0 RECENT", "* 6 EXISTS"}) {
    DialogueEvent u = make(EventType::untagged, Direction::server_to_client, line);
    u.answers = 0;
    imap->events.push_back(u);
  }
  DialogueEvent done = make(EventType::reply, Direction::server_to_client, "0014 OK done");
  done.tag = "0014";
  done.status = "OK";
  done.answers = 0;
  imap->events.push_back(done);
  list.push_back(std::move(imap));
  list.push_back(nullptr);  // a released session
  return list;
}

}  // namespace

TEST_CASE("selectors match by field and count matches in capture order", "[lessons][selector]") {
  auto dialogues = sample();
  EventSelector verb;
  verb.verb = "auth";  // case-insensitive
  SelectedEvent s = select_event(verb, dialogues, "x.pcap");
  REQUIRE(s.event);
  CHECK(*s.event == EventRef{0, 1});
  CHECK(verb.describe() == "{verb=\"auth\"}");

  EventSelector answered;
  answered.type = EventType::reply;
  answered.answers = "AUTH";
  CHECK(*select_event(answered, dialogues, "x.pcap").event == EventRef{0, 2});

  EventSelector tag;
  tag.tag = "0014";
  tag.type = EventType::reply;
  CHECK(*select_event(tag, dialogues, "x.pcap").event == EventRef{1, 4});

  EventSelector exists;
  exists.type = EventType::untagged;
  exists.contains = "EXISTS";
  SelectedEvent ambiguous = select_event(exists, dialogues, "x.pcap");
  CHECK_FALSE(ambiguous.event);
  CHECK(ambiguous.error.find("matches 2 events in x.pcap; add nth = 1..2") != std::string::npos);
  exists.nth = 2;
  CHECK(*select_event(exists, dialogues, "x.pcap").event == EventRef{1, 3});
  exists.nth = 3;
  SelectedEvent too_far = select_event(exists, dialogues, "x.pcap");
  CHECK_FALSE(too_far.event);
  CHECK(too_far.error.find("only 2 events match") != std::string::npos);

  EventSelector none;
  none.protocol = Protocol::pop3;
  none.verb = "RETR";
  SelectedEvent nothing = select_event(none, dialogues, "x.pcap");
  CHECK_FALSE(nothing.event);
  CHECK(nothing.error == "selector {protocol=\"pop3\", verb=\"RETR\"} matches no event in x.pcap");

  EventSelector empty;
  CHECK(empty.empty());
  CHECK_FALSE(select_event(empty, dialogues, "x.pcap").event);
}

TEST_CASE("event type names parse back", "[lessons][selector]") {
  for (int i = 0; i <= static_cast<int>(EventType::connection_close); ++i) {
    EventType t = static_cast<EventType>(i);
    EventType back = EventType::gap;
    REQUIRE(parse_event_type(event_type_name(t), back));
    CHECK(back == t);
  }
  EventType ignored;
  CHECK_FALSE(parse_event_type("replies", ignored));
}
