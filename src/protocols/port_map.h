// protocols/port_map.h — which server port means which protocol.
//
//   PortMap ports;                       // 25 smtp, 587 submission, 110 pop3, 143 imap,
//                                        // 465 smtps, 993 imaps, 995 pop3s
//   std::string error;
//   if (!ports.add_mapping("2525=smtp", error)) { report(error); }
//   Protocol p = ports.protocol_of(server_port);
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "dialogue/protocol.h"

namespace mailscope {

class PortMap {
 public:
  PortMap();
  // "PORT=NAME", NAME one of smtp submission pop3 imap smtps pop3s imaps. False with a message.
  bool add_mapping(std::string_view spec, std::string& error);
  void set(uint16_t port, Protocol protocol);
  Protocol protocol_of(uint16_t port) const;
  bool is_service_port(uint16_t port) const { return protocol_of(port) != Protocol::other; }
  const std::map<uint16_t, Protocol>& ports() const { return ports_; }
  // "tcp port 25 or tcp port 587 ..." for a libpcap capture filter.
  std::string capture_filter() const;

 private:
  std::map<uint16_t, Protocol> ports_;
};

}  // namespace mailscope
