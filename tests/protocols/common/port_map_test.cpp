// tests/protocols/common/port_map_test.cpp — PortMap and the capture filter.
//
// port_map.cpp belongs to ms_protocols, which this test program does not link (it tests the
// common layer only); the one source file is compiled in here.
#include "protocols/port_map.cpp"  // NOLINT(bugprone-suspicious-include)

#include <catch2/catch.hpp>

using namespace mailscope;

TEST_CASE("PortMap: the IANA ports by default") {
  PortMap ports;
  CHECK(ports.protocol_of(25) == Protocol::smtp);
  CHECK(ports.protocol_of(587) == Protocol::submission);
  CHECK(ports.protocol_of(110) == Protocol::pop3);
  CHECK(ports.protocol_of(143) == Protocol::imap);
  CHECK(ports.protocol_of(465) == Protocol::smtps);
  CHECK(ports.protocol_of(993) == Protocol::imaps);
  CHECK(ports.protocol_of(995) == Protocol::pop3s);
  CHECK(ports.protocol_of(2525) == Protocol::other);
  CHECK(ports.is_service_port(143));
  CHECK_FALSE(ports.is_service_port(80));
  CHECK(ports.ports().size() == 7);
  CHECK(ports.capture_filter() ==
        "tcp port 25 or tcp port 110 or tcp port 143 or tcp port 465 or tcp port 587 or "
        "tcp port 993 or tcp port 995");
}

TEST_CASE("PortMap: add_mapping and its messages") {
  PortMap ports;
  std::string error;
  CHECK(ports.add_mapping("2525=smtp", error));
  CHECK(ports.protocol_of(2525) == Protocol::smtp);
  CHECK(ports.add_mapping("10143=IMAP", error));
  CHECK(ports.protocol_of(10143) == Protocol::imap);
  CHECK(ports.add_mapping("25=submission", error));  // overrides a default
  CHECK(ports.protocol_of(25) == Protocol::submission);

  CHECK_FALSE(ports.add_mapping("2525=smpt", error));
  CHECK(error ==
        "--port 2525=smpt: unknown protocol \"smpt\"; use one of smtp, submission, pop3, imap, "
        "smtps, pop3s, imaps");
  CHECK_FALSE(ports.add_mapping("2525", error));
  CHECK(error == "--port 2525: expected PORT=NAME, e.g. 2525=smtp");
  CHECK_FALSE(ports.add_mapping("0=smtp", error));
  CHECK(error == "--port 0=smtp: \"0\" is not a port number (1-65535)");
  CHECK_FALSE(ports.add_mapping("65536=smtp", error));
  CHECK_FALSE(ports.add_mapping("=smtp", error));
  CHECK_FALSE(ports.add_mapping("25x=smtp", error));
  CHECK_FALSE(ports.add_mapping("-1=smtp", error));
  CHECK_FALSE(ports.add_mapping("99999999999999999999=smtp", error));
  CHECK_FALSE(ports.add_mapping("2526=other", error));
}

TEST_CASE("PortMap: set other removes a port; an empty map captures everything") {
  PortMap ports;
  for (uint16_t port : {25, 587, 110, 143, 465, 993, 995}) ports.set(port, Protocol::other);
  CHECK(ports.ports().empty());
  CHECK(ports.capture_filter().empty());
  ports.set(2525, Protocol::smtp);
  CHECK(ports.capture_filter() == "tcp port 2525");
}
