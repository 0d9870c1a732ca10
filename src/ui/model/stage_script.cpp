// ui/model/stage_script.cpp — steps of the stage from dialogues and packet indexes.
#include "ui/model/stage_script.h"

#include <algorithm>
#include <set>

#include "net/packet.h"

namespace mailscope {

std::vector<int64_t> StageScript::times_ns() const {
  std::vector<int64_t> out;
  out.reserve(steps.size());
  for (const StageStep& s : steps) out.push_back(s.time_ns);
  return out;
}

size_t StageScript::find_event(uint32_t stream, uint32_t event) const {
  for (size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].kind == StageStep::Kind::event && steps[i].stream == stream && steps[i].index == event)
      return i;
  }
  return steps.size();
}

std::string tcp_flags_label(uint8_t flags) {
  using namespace tcp_flag;
  if (flags & rst) return (flags & ack) ? "RST/ACK" : "RST";
  if ((flags & syn) && (flags & ack)) return "SYN/ACK";
  if (flags & syn) return "SYN";
  if (flags & fin) return (flags & ack) ? "FIN/ACK" : "FIN";
  if (flags & ack) return "ACK";
  return "-";
}

bool is_control_segment(uint8_t flags) {
  return (flags & (tcp_flag::syn | tcp_flag::fin | tcp_flag::rst)) != 0;
}

StageScript build_stage_script(const LoadedCapture& capture, const std::vector<uint32_t>& streams,
                               const StageLimits& limits) {
  StageScript script;
  std::vector<LaneSession> lane_sessions;
  for (uint32_t stream : streams) {
    const Dialogue* d = capture.dialogue(stream);
    if (!d) continue;
    script.streams.push_back(stream);
    lane_sessions.push_back({d->session.client, d->session.server, d->protocol, d->session.first_time_ns});
  }
  script.layout = layout_lanes(lane_sessions);

  for (size_t s = 0; s < script.streams.size(); ++s) {
    const uint32_t stream = script.streams[s];
    const Dialogue& d = *capture.dialogue(stream);
    const SessionLanes lanes = script.layout.session_lanes[s];
    auto lane_from = [&](Direction dir) { return dir == Direction::client_to_server ? lanes.client_lane : lanes.server_lane; };
    auto lane_to = [&](Direction dir) { return dir == Direction::client_to_server ? lanes.server_lane : lanes.client_lane; };

    // L4 arrows: SYN, SYN/ACK, the ACK that completes the handshake (RFC 9293 §3.5), FIN, RST.
    const auto& packets = capture.packets(stream);
    bool have_control = false;
    bool synack_seen = false, handshake_ack_done = false;
    for (size_t p = 0; p < packets.size() && script.steps.size() < limits.max_steps; ++p) {
      const PacketRef& ref = packets[p];
      bool show = is_control_segment(ref.flags);
      if ((ref.flags & tcp_flag::syn) && (ref.flags & tcp_flag::ack)) synack_seen = true;
      else if (synack_seen && !handshake_ack_done && ref.direction == Direction::client_to_server &&
               (ref.flags & tcp_flag::ack) && !(ref.flags & tcp_flag::syn)) {
        handshake_ack_done = true;
        show = ref.payload_length == 0;
      }
      if (!show) continue;
      have_control = true;
      StageStep step;
      step.kind = StageStep::Kind::packet;
      step.stream = stream;
      step.index = static_cast<uint32_t>(p);
      step.time_ns = ref.time_ns;
      step.from_lane = lane_from(ref.direction);
      step.to_lane = lane_to(ref.direction);
      script.steps.push_back(step);
    }

    int64_t last_time = d.session.first_time_ns;
    for (size_t e = 0; e < d.events.size() && script.steps.size() < limits.max_steps; ++e) {
      const DialogueEvent& ev = d.events[e];
      if (have_control && (ev.type == EventType::connection_open || ev.type == EventType::connection_close))
        continue;  // the L4 arrows already show them
      StageStep step;
      step.kind = StageStep::Kind::event;
      step.stream = stream;
      step.index = static_cast<uint32_t>(e);
      step.time_ns = ev.span.first_time_ns != 0 ? ev.span.first_time_ns : last_time;
      if (ev.type == EventType::connection_close && ev.span.first_time_ns == 0) step.time_ns = d.session.last_time_ns;
      last_time = step.time_ns;
      step.from_lane = lane_from(ev.direction);
      step.to_lane = lane_to(ev.direction);
      step.is_exchange_start = ev.type == EventType::command || ev.type == EventType::greeting;
      script.steps.push_back(step);
    }
  }
  // Time order; at equal times L4 packets come first and events keep their dialogue order.
  std::stable_sort(script.steps.begin(), script.steps.end(), [](const StageStep& a, const StageStep& b) {
    if (a.time_ns != b.time_ns) return a.time_ns < b.time_ns;
    if (a.stream != b.stream) return a.stream < b.stream;
    return a.kind == StageStep::Kind::packet && b.kind == StageStep::Kind::event;
  });
  return script;
}

std::vector<uint32_t> chain_of(const LoadedCapture& capture, uint32_t stream, size_t max_streams) {
  const Dialogue* start = capture.dialogue(stream);
  if (!start) return {};
  std::set<uint32_t> chosen{stream};
  std::set<IpAddress> hosts{start->session.client.address, start->session.server.address};
  // Grow by shared hosts; only mail sessions take part in a mail journey.
  bool grew = true;
  while (grew && chosen.size() < max_streams) {
    grew = false;
    for (uint32_t other : capture.streams) {
      if (chosen.size() >= max_streams) break;
      if (chosen.count(other)) continue;
      const Dialogue* d = capture.dialogue(other);
      if (!d || d->protocol == Protocol::other) continue;
      if (hosts.count(d->session.client.address) || hosts.count(d->session.server.address)) {
        chosen.insert(other);
        hosts.insert(d->session.client.address);
        hosts.insert(d->session.server.address);
        grew = true;
      }
    }
  }
  std::vector<uint32_t> out(chosen.begin(), chosen.end());
  std::sort(out.begin(), out.end(), [&](uint32_t a, uint32_t b) {
    return capture.dialogue(a)->session.first_time_ns < capture.dialogue(b)->session.first_time_ns;
  });
  return out;
}

}  // namespace mailscope
