// ui/model/layer_facts.cpp — what each OSI layer carries, from the dialogue and packet fields.
#include "ui/model/layer_facts.h"

#include <cstdio>
#include <ctime>

#include "dialogue/explanations.h"
#include "ui/model/stage_script.h"
#include "ui/model/ui_strings.h"

namespace mailscope {

namespace {

std::string str(std::string_view v) { return std::string(v); }

std::string hex16(uint16_t v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%04x", v);
  return buf;
}

const char* ether_type_name(uint16_t t) {
  switch (t) {
    case 0x0800: return "IPv4";
    case 0x86DD: return "IPv6";
    case 0x0806: return "ARP";
    case 0x8100: return "802.1Q VLAN";
    default: return "";
  }
}

void application_lines(const Dialogue& d, const DialogueEvent* e, Language lang, std::vector<std::string>& out) {
  out.push_back(std::string(protocol_name(d.protocol)));
  if (!e) return;
  std::string text = e->text;
  if (text.size() > 400) text = text.substr(0, 400) + " …";
  if (!text.empty()) out.push_back(text);
  if (!e->explain_key.empty())
    out.push_back(std::string(ui_text("inspector.meaning", lang)) + ": " + str(explain(e->explain_key, lang)));
  if (!e->decoded.empty())
    out.push_back(std::string(ui_text("inspector.decoded", lang)) + ": " + e->decoded);
  size_t shown = 0;
  for (const auto& [key, value] : e->details) {
    if (++shown > 8) break;
    out.push_back(key + ": " + value);
  }
}

void presentation_lines(const DialogueEvent* e, Language lang, std::vector<std::string>& out) {
  if (!e) return;
  if (e->type == EventType::tls) {
    out.push_back(ui_text("inspector.enc.tls", lang));
    return;
  }
  if (e->type == EventType::auth_response || e->type == EventType::continuation ||
      e->verb == "AUTH" || e->verb == "AUTHENTICATE")
    out.push_back(ui_text("inspector.enc.base64", lang));
  if (e->type == EventType::data) out.push_back(ui_text("inspector.enc.mime", lang));
  if (e->text.find('{') != std::string::npos && !e->text.empty() && e->text.back() == '}')
    out.push_back(ui_text("inspector.enc.literal", lang));
  // A decoded mailbox name differs from the argument only when it was encoded.
  if (!e->decoded.empty() && e->arguments.find('&') != std::string::npos)
    out.push_back(ui_text("inspector.enc.utf7", lang));
  out.push_back(ui_text("inspector.enc.lines", lang));
}

void session_lines(const Dialogue& d, const DialogueEvent* e, Language lang, std::vector<std::string>& out) {
  if (e && !e->state_key.empty()) {
    std::string line = str(explain(e->state_key, lang));
    if (!e->state_detail.empty()) line += " (" + e->state_detail + ")";
    out.push_back(line);
  }
  if (d.summary.tls) out.push_back(ui_text("sessions.tip.tls", lang));
}

void transport_lines(const Dialogue& d, const DialogueEvent* e, const DecodedPacket* p,
                     const LoadedCapture* capture, Language lang, std::vector<std::string>& out) {
  const TcpSession& s = d.session;
  out.push_back("TCP " + s.client.to_string() + " → " + s.server.to_string());
  // A port mapped with --port (2525=smtp) is where this server listens, not a well-known port.
  const bool well_known = protocol_for_well_known_port(s.server.port) != Protocol::other;
  out.push_back(ui_format(well_known ? "inspector.l4.service" : "inspector.l4.service_mapped", lang,
                          {std::to_string(s.server.port), protocol_name(d.protocol), std::to_string(s.client.port)}));
  if (p && p->is_tcp()) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "seq %u  ack %u  window %u  ", p->tcp.sequence, p->tcp.acknowledgement,
                  static_cast<unsigned>(p->tcp.window));
    out.push_back(std::string(buf) + "[" + tcp_flags_label(p->tcp.flags) + (p->tcp.flags & tcp_flag::psh ? " PSH" : "") +
                  "]  " + ui_format("inspector.l4.sizes", lang, {std::to_string(p->tcp.header_length),
                                                                std::to_string(p->tcp.payload_length_on_wire)}));
  }
  if (e && !e->span.empty()) {
    size_t segments = capture ? capture->count_payload_packets(s.id, e->direction, e->span.first_packet,
                                                               e->span.last_packet)
                              : 0;
    out.push_back(std::string(ui_text("inspector.l4.segments", lang)) + ": " + std::to_string(segments) +
                  " (#" + std::to_string(e->span.first_packet) + "–#" + std::to_string(e->span.last_packet) + ")");
    const DirectionStats& st = s.from(e->direction);
    if (st.retransmissions)
      out.push_back(std::string(ui_text("inspector.l4.retrans", lang)) + ": " + std::to_string(st.retransmissions));
    if (st.gap_bytes)
      out.push_back(std::string(ui_text("inspector.l4.gaps", lang)) + ": " + std::to_string(st.gap_bytes));
  }
}

void network_lines(const DecodedPacket* p, Language lang, std::vector<std::string>& out) {
  if (!p || p->ip.version == 0) return;
  out.push_back("IPv" + std::to_string(p->ip.version) + "  " + p->ip.source.to_string() + " → " +
                p->ip.destination.to_string());
  std::string line = (p->ip.version == 4 ? "TTL " : "Hop limit ") + std::to_string(p->ip.ttl) + "  " +
                     ui_format("inspector.l3.sizes", lang, {std::to_string(p->ip.header_length),
                                                            std::to_string(p->ip.total_length)});
  if (p->ip.version == 4) line += "  id " + hex16(p->ip.identification) + (p->ip.dont_fragment ? "  DF" : "");
  out.push_back(line);
}

void link_lines(const DecodedPacket* p, Language lang, std::vector<std::string>& out) {
  if (!p) return;
  const LinkInfo& l = p->link;
  out.push_back(link_type_name(l.link_type));
  switch (static_cast<LinkType>(l.link_type)) {
    case LinkType::null_loopback:
    case LinkType::loop: out.push_back(ui_text("inspector.l2.loopback", lang)); break;
    case LinkType::linux_sll:
    case LinkType::linux_sll2: out.push_back(ui_text("inspector.l2.cooked", lang)); break;
    case LinkType::raw:
    case LinkType::ipv4:
    case LinkType::ipv6: out.push_back(ui_text("inspector.l2.raw", lang)); break;
    case LinkType::ethernet: break;
  }
  if (l.has_macs) {
    bool zero = true;
    for (uint8_t b : l.source_mac) zero = zero && b == 0;
    out.push_back(format_mac(l.source_mac) + " → " + format_mac(l.destination_mac));
    if (zero) out.push_back(ui_text("inspector.l2.loopback", lang));
  }
  if (l.ether_type) {
    std::string name = ether_type_name(l.ether_type);
    out.push_back("EtherType " + hex16(l.ether_type) + (name.empty() ? "" : " (" + name + ")"));
  }
  for (int i = 0; i < l.vlan_count && i < 2; ++i) out.push_back("VLAN " + std::to_string(l.vlan_ids[i]));
}

void physical_lines(const DecodedPacket* p, Language lang, std::vector<std::string>& out) {
  if (!p) {
    out.push_back(ui_text("inspector.no_packet", lang));
    return;
  }
  out.push_back(std::string(ui_text("inspector.l1.length", lang)) + ": " +
                ui_format("inspector.bytes", lang,
                          {std::to_string(p->original_length), std::to_string(p->captured_length)}));
  out.push_back(std::string(ui_text("inspector.l1.time", lang)) + ": " + format_clock_time(p->time_ns) +
                "  (#" + std::to_string(p->number) + ")");
  out.push_back(std::string(ui_text("inspector.l1.interface", lang)) + ": " + std::to_string(p->interface_id));
}

}  // namespace

std::string format_clock_time(int64_t time_ns) {
  std::time_t seconds = static_cast<std::time_t>(time_ns / 1000000000);
  long micros = static_cast<long>((time_ns % 1000000000) / 1000);
  if (micros < 0) micros = 0;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02d:%02d:%02d.%06ld", tm.tm_hour, tm.tm_min, tm.tm_sec, micros);
  return buf;
}

std::string format_duration(int64_t ns) {
  char buf[32];
  if (ns < 0) ns = 0;
  if (ns >= 1000000000) std::snprintf(buf, sizeof buf, "%.3f s", static_cast<double>(ns) / 1e9);
  else if (ns >= 1000000) std::snprintf(buf, sizeof buf, "%.1f ms", static_cast<double>(ns) / 1e6);
  else std::snprintf(buf, sizeof buf, "%lld µs", static_cast<long long>(ns / 1000));
  return buf;
}

std::string format_mac(const std::array<uint8_t, 6>& mac) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
  return buf;
}

LayerFacts describe_layers(const Dialogue& dialogue, const DialogueEvent* event, const DecodedPacket* packet,
                           const LoadedCapture* capture, Language language) {
  LayerFacts facts;
  for (int i = 0; i < 7; ++i) facts.layers[i].layer = static_cast<OsiLayer>(7 - i);
  application_lines(dialogue, event, language, facts.layers[0].lines);
  presentation_lines(event, language, facts.layers[1].lines);
  session_lines(dialogue, event, language, facts.layers[2].lines);
  transport_lines(dialogue, event, packet, capture, language, facts.layers[3].lines);
  network_lines(packet, language, facts.layers[4].lines);
  link_lines(packet, language, facts.layers[5].lines);
  physical_lines(packet, language, facts.layers[6].lines);
  return facts;
}

}  // namespace mailscope
