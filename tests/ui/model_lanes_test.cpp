// tests/ui/model_lanes_test.cpp — hosts → lanes, labelled by role, ordered along the mail flow.
#include <catch2/catch.hpp>

#include "synthetic_capture.h"
#include "ui/model/lane_layout.h"

using namespace mailscope;
using test::ipv4;

TEST_CASE("one submission session: the sender left of the MSA") {
  LaneLayout l = layout_lanes({{{ipv4(10, 0, 0, 2), 50000}, {ipv4(10, 0, 0, 1), 587}, Protocol::submission, 0}});
  REQUIRE(l.lanes.size() == 2);
  CHECK(l.lanes[0].role == LaneRole::sender);
  CHECK(l.lanes[1].role == LaneRole::msa);
  CHECK(l.lanes[1].address_text == "10.0.0.1:587");
  CHECK(l.session_lanes[0].client_lane == 0);
  CHECK(l.session_lanes[0].server_lane == 1);
}

TEST_CASE("a reader stands right of its mailbox server") {
  LaneLayout l = layout_lanes({{{ipv4(10, 0, 0, 3), 50000}, {ipv4(10, 0, 0, 1), 110}, Protocol::pop3, 0}});
  REQUIRE(l.lanes.size() == 2);
  CHECK(l.lanes[0].role == LaneRole::pop3_server);
  CHECK(l.lanes[1].role == LaneRole::reader);
}

TEST_CASE("a whole journey: sender → MSA → MTA → IMAP server → reader") {
  const IpAddress pc = ipv4(192, 168, 1, 10), relay = ipv4(192, 168, 1, 1), mx = ipv4(203, 0, 113, 5),
                  phone = ipv4(198, 51, 100, 7);
  std::vector<LaneSession> sessions = {
      {{phone, 40000}, {mx, 143}, Protocol::imap, 300},   // listed first on purpose: order comes from the flow
      {{pc, 50000}, {relay, 587}, Protocol::submission, 100},
      {{relay, 50001}, {mx, 25}, Protocol::smtp, 200},
  };
  LaneLayout l = layout_lanes(sessions);
  REQUIRE(l.lanes.size() == 5);
  CHECK(l.lanes[0].role == LaneRole::sender);
  CHECK(l.lanes[1].role == LaneRole::msa);
  CHECK(l.lanes[1].also_relays);  // the MSA's host is also the SMTP client of the relay
  CHECK(l.lanes[2].role == LaneRole::mta);
  CHECK(l.lanes[3].role == LaneRole::imap_server);
  CHECK(l.lanes[4].role == LaneRole::reader);
  CHECK(l.session_lanes[2].client_lane == 1);   // relay session starts at the MSA lane
  CHECK(l.session_lanes[2].server_lane == 2);
  CHECK(l.session_lanes[0].server_lane == 3);
  CHECK(l.session_lanes[0].client_lane == 4);
}

TEST_CASE("loopback: every program on 127.0.0.1 still gets its own lane") {
  const IpAddress lo = ipv4(127, 0, 0, 1);
  LaneLayout l = layout_lanes({{{lo, 50000}, {lo, 587}, Protocol::submission, 1},
                               {{lo, 50001}, {lo, 25}, Protocol::smtp, 2},
                               {{lo, 50002}, {lo, 143}, Protocol::imap, 3}});
  REQUIRE(l.lanes.size() == 5);
  CHECK(l.lanes.front().role == LaneRole::sender);
  CHECK(l.lanes.back().role == LaneRole::reader);
  for (const SessionLanes& s : l.session_lanes) CHECK(s.client_lane != s.server_lane);
}

TEST_CASE("lanes of a cycle stay bounded and every role has a name key") {
  const IpAddress a = ipv4(10, 0, 0, 1), b = ipv4(10, 0, 0, 2);
  LaneLayout l = layout_lanes({{{a, 1000}, {b, 25}, Protocol::smtp, 0}, {{b, 1001}, {a, 25}, Protocol::smtp, 1}});
  for (const Lane& lane : l.lanes) CHECK(lane.rank <= static_cast<int>(l.lanes.size()));
  for (LaneRole r : {LaneRole::sender, LaneRole::reader, LaneRole::client, LaneRole::msa, LaneRole::mta,
                     LaneRole::pop3_server, LaneRole::imap_server, LaneRole::server})
    CHECK(std::string(lane_role_key(r)).rfind("lane.", 0) == 0);
  CHECK(layout_lanes({}).lanes.empty());
}
