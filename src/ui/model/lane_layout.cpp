// ui/model/lane_layout.cpp — hosts → lanes, ordered along the mail flow.
#include "ui/model/lane_layout.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <tuple>

namespace mailscope {

namespace {

LaneRole server_role(Protocol p) {
  switch (p) {
    case Protocol::submission:
    case Protocol::smtps: return LaneRole::msa;         // RFC 6409 §1, RFC 8314 §3.3
    case Protocol::smtp: return LaneRole::mta;          // RFC 5321 §2.3.3
    case Protocol::pop3:
    case Protocol::pop3s: return LaneRole::pop3_server;
    case Protocol::imap:
    case Protocol::imaps: return LaneRole::imap_server;
    case Protocol::other: break;
  }
  return LaneRole::server;
}

bool is_retrieval(Protocol p) {
  return p == Protocol::pop3 || p == Protocol::pop3s || p == Protocol::imap || p == Protocol::imaps;
}

// Identity of a lane: (address, port, client kind). Servers have kind 0.
using LaneKey = std::tuple<IpAddress, uint16_t, int>;

}  // namespace

const char* lane_role_key(LaneRole role) {
  switch (role) {
    case LaneRole::sender: return "lane.sender";
    case LaneRole::reader: return "lane.reader";
    case LaneRole::client: return "lane.client";
    case LaneRole::msa: return "lane.msa";
    case LaneRole::mta: return "lane.mta";
    case LaneRole::pop3_server: return "lane.pop3_server";
    case LaneRole::imap_server: return "lane.imap_server";
    case LaneRole::server: return "lane.server";
  }
  return "lane.client";
}

LaneLayout layout_lanes(const std::vector<LaneSession>& sessions) {
  // Sessions in time order, so lanes are created in order of first appearance.
  std::vector<size_t> order(sessions.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return sessions[a].first_time_ns < sessions[b].first_time_ns;
  });

  std::vector<Lane> lanes;
  std::map<LaneKey, int> index;
  auto lane_for = [&](const LaneKey& key, Lane lane) {
    auto it = index.find(key);
    if (it != index.end()) return it->second;
    int id = static_cast<int>(lanes.size());
    index.emplace(key, id);
    lanes.push_back(std::move(lane));
    return id;
  };

  // Servers first, so that a relaying client can find the MSA on its host.
  std::vector<SessionLanes> result(sessions.size());
  for (size_t i : order) {
    const LaneSession& s = sessions[i];
    Lane lane;
    lane.role = server_role(s.protocol);
    lane.address = s.server.address;
    lane.port = s.server.port;
    lane.address_text = s.server.to_string();
    result[i].server_lane = lane_for({s.server.address, s.server.port, 0}, lane);
  }
  for (size_t i : order) {
    const LaneSession& s = sessions[i];
    int lane_id = -1;
    if (speaks_smtp(s.protocol) || s.protocol == Protocol::smtps) {
      // An SMTP client on a host that runs an MSA is the MSA passing the mail on.
      for (size_t l = 0; l < lanes.size(); ++l) {
        if (lanes[l].role == LaneRole::msa && lanes[l].address == s.client.address &&
            static_cast<int>(l) != result[i].server_lane && s.protocol == Protocol::smtp) {
          lane_id = static_cast<int>(l);
          lanes[l].also_relays = true;
          break;
        }
      }
    }
    if (lane_id < 0) {
      Lane lane;
      lane.role = s.protocol == Protocol::other ? LaneRole::client
                  : is_retrieval(s.protocol)    ? LaneRole::reader
                                                : LaneRole::sender;
      lane.address = s.client.address;
      lane.address_text = s.client.address.to_string();
      lane_id = lane_for({s.client.address, 0, 1 + static_cast<int>(lane.role)}, lane);
    }
    result[i].client_lane = lane_id;
  }

  // Mail-flow edges.
  const size_t n = lanes.size();
  std::vector<std::vector<int>> next(n);
  auto edge = [&](int from, int to) {
    if (from != to && std::find(next[from].begin(), next[from].end(), to) == next[from].end())
      next[from].push_back(to);
  };
  for (size_t i = 0; i < sessions.size(); ++i) {
    if (is_retrieval(sessions[i].protocol)) edge(result[i].server_lane, result[i].client_lane);
    else edge(result[i].client_lane, result[i].server_lane);
  }
  // Local delivery: an MTA hands mail to the mailbox server on the same host; so does an MSA
  // when no MTA of that host appears in the capture.
  auto has_mta_at = [&](const IpAddress& address) {
    for (const Lane& lane : lanes)
      if (lane.role == LaneRole::mta && lane.address == address) return true;
    return false;
  };
  for (size_t a = 0; a < n; ++a) {
    const bool delivers = lanes[a].role == LaneRole::mta || (lanes[a].role == LaneRole::msa && !has_mta_at(lanes[a].address));
    if (!delivers) continue;
    for (size_t b = 0; b < n; ++b) {
      if ((lanes[b].role == LaneRole::pop3_server || lanes[b].role == LaneRole::imap_server) &&
          lanes[b].address == lanes[a].address)
        edge(static_cast<int>(a), static_cast<int>(b));
    }
  }
  // Longest path from the sources, relaxed n times (Bellman-Ford style); a cycle just stops
  // growing after n rounds, so the result stays bounded.
  for (size_t round = 0; round < n; ++round) {
    bool changed = false;
    for (size_t a = 0; a < n; ++a) {
      for (int b : next[a]) {
        if (lanes[b].rank < lanes[a].rank + 1 && lanes[a].rank + 1 <= static_cast<int>(n)) {
          lanes[b].rank = lanes[a].rank + 1;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }

  std::vector<int> sorted(n);
  std::iota(sorted.begin(), sorted.end(), 0);
  std::stable_sort(sorted.begin(), sorted.end(), [&](int a, int b) { return lanes[a].rank < lanes[b].rank; });
  std::vector<int> new_index(n);
  LaneLayout layout;
  for (size_t pos = 0; pos < n; ++pos) {
    new_index[sorted[pos]] = static_cast<int>(pos);
    layout.lanes.push_back(lanes[sorted[pos]]);
  }
  for (SessionLanes& s : result) {
    s.client_lane = new_index[s.client_lane];
    s.server_lane = new_index[s.server_lane];
  }
  layout.session_lanes = std::move(result);
  return layout;
}

}  // namespace mailscope
