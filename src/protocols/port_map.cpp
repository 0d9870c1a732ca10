// protocols/port_map.cpp — which server port means which protocol, and the capture filter.
//
// Starts with the IANA ports (RFC 5321, 6409, 1939, 3501, 8314); --port PORT=NAME adds more
// (a test server on 2525, IMAP on 10143, ...).
#include "protocols/port_map.h"

#include <charconv>

namespace mailscope {

namespace {
constexpr uint16_t kWellKnownPorts[] = {25, 587, 110, 143, 465, 993, 995};
constexpr const char* kNames = "smtp, submission, pop3, imap, smtps, pop3s, imaps";
}  // namespace

PortMap::PortMap() {
  for (uint16_t port : kWellKnownPorts) ports_[port] = protocol_for_well_known_port(port);
}

bool PortMap::add_mapping(std::string_view spec, std::string& error) {
  const std::string shown = "--port " + std::string(spec);
  size_t eq = spec.find('=');
  if (eq == std::string_view::npos) {
    error = shown + ": expected PORT=NAME, e.g. 2525=smtp";
    return false;
  }
  std::string_view port_text = spec.substr(0, eq);
  std::string_view name = spec.substr(eq + 1);
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() ||
      port == 0 || port > 65535) {
    error = shown + ": \"" + std::string(port_text) + "\" is not a port number (1-65535)";
    return false;
  }
  Protocol protocol = Protocol::other;
  if (!parse_protocol_name(name, protocol)) {
    error = shown + ": unknown protocol \"" + std::string(name) + "\"; use one of " + kNames;
    return false;
  }
  set(static_cast<uint16_t>(port), protocol);
  return true;
}

void PortMap::set(uint16_t port, Protocol protocol) {
  if (protocol == Protocol::other) {
    ports_.erase(port);
  } else {
    ports_[port] = protocol;
  }
}

Protocol PortMap::protocol_of(uint16_t port) const {
  auto it = ports_.find(port);
  return it == ports_.end() ? Protocol::other : it->second;
}

// An empty map gives an empty filter: capture everything.
std::string PortMap::capture_filter() const {
  std::string filter;
  for (const auto& [port, protocol] : ports_) {
    if (!filter.empty()) filter += " or ";
    filter += "tcp port " + std::to_string(port);
  }
  return filter;
}

}  // namespace mailscope
