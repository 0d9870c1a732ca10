// ui/model/lane_layout.h — the lanes (vertical lines) of the ladder diagram: one per host role,
// ordered the way mail flows, each labelled with its role and address.
//
//   std::vector<LaneSession> sessions = {{client, server, Protocol::submission, first_time}, ...};
//   LaneLayout layout = layout_lanes(sessions);
//   int from = layout.session_lanes[i].client_lane, to = layout.session_lanes[i].server_lane;
//
// A server is a lane per (address, port): MSA on 587, MTA on 25, POP3 / IMAP server. A client
// is a lane per (address, kind): a sender (SMTP/submission) or a reader (POP3/IMAP); an SMTP
// client on the host of an MSA is that MSA relaying, so it shares the MSA's lane. This keeps
// a loopback capture, where every program has the address 127.0.0.1, readable.
//
// Order: mail flows sender → MSA → MTA, and from the MTA's (or a lone MSA's) host into its mailbox server, then
// out to the reader (POP3/IMAP sessions carry mail server → client). Lanes are ranked by the
// longest path along that flow (cycles ignored), ties broken by first appearance.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "dialogue/protocol.h"
#include "net/address.h"

namespace mailscope {

struct LaneSession {
  Endpoint client, server;
  Protocol protocol = Protocol::other;
  int64_t first_time_ns = 0;
};

enum class LaneRole : uint8_t {
  sender,        // mail client submitting or sending mail
  reader,        // mail client reading mail (POP3/IMAP)
  client,        // client of a non-mail service
  msa,           // submission server, 587 (RFC 6409) or 465 (RFC 8314)
  mta,           // SMTP relay, 25 (RFC 5321)
  pop3_server,   // 110 / 995
  imap_server,   // 143 / 993
  server,        // another service
};

struct Lane {
  LaneRole role = LaneRole::client;
  IpAddress address;
  uint16_t port = 0;             // servers: the service port; clients: 0
  bool also_relays = false;      // an MSA lane that also sends on to an MTA
  int rank = 0;                  // position along the mail flow
  std::string address_text;      // "192.0.2.1:587" / "192.0.2.10"
};

struct SessionLanes {
  int client_lane = 0, server_lane = 0;
};

struct LaneLayout {
  std::vector<Lane> lanes;                 // left to right
  std::vector<SessionLanes> session_lanes;  // parallel to the input sessions
};

LaneLayout layout_lanes(const std::vector<LaneSession>& sessions);

// Key of the role's name in the UI strings table ("lane.msa", ...).
const char* lane_role_key(LaneRole role);

}  // namespace mailscope
