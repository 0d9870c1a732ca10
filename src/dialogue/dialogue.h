// dialogue/dialogue.h — a decoded session: its TCP facts and the ordered events.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "dialogue/event.h"
#include "dialogue/protocol.h"
#include "tcp/tcp_session.h"

namespace mailscope {

// Facts a session table shows as badges, kept up to date by the decoders.
struct DialogueSummary {
  uint32_t commands = 0;
  bool auth_seen = false;              // AUTH / AUTHENTICATE / APOP / USER+PASS / LOGIN tried
  bool auth_succeeded = false;
  bool cleartext_password_seen = false;  // a password readable on the wire (PLAIN, LOGIN, PASS)
  std::string auth_mechanism;          // "PLAIN", "LOGIN", "CRAM-MD5", "APOP", "USER/PASS", ...
  std::string auth_user;
  bool tls = false;                    // STARTTLS/STLS succeeded or implicit-TLS port
  uint32_t messages = 0;               // mails sent (SMTP) or retrieved (POP3 RETR, IMAP FETCH body)
  uint32_t errors = 0;                 // 4xx/5xx, -ERR, NO, BAD replies
};

struct Dialogue {
  Protocol protocol = Protocol::other;
  TcpSession session;                  // updated until the session closes
  std::vector<DialogueEvent> events;
  DialogueSummary summary;
  bool closed = false;

  uint32_t stream() const { return session.id; }
};

}  // namespace mailscope
