// dialogue/redaction.h — --redact: mask secrets (passwords, tokens, SASL blobs) in events.
//
//   DialogueEvent e = ...;       // e.secrets = {"AGFsaWNlAHdvbmRlcmxhbmQ=", "wonderland"}
//   redact(e);                   // text, decoded and details values now show "••••••"
//
// Decoders put every secret substring in DialogueEvent::secrets; the front ends call redact()
// on a copy before showing or exporting. A secret of any length becomes the same six dots, so
// the mask does not tell how long the password was. Longer secrets are replaced first (a
// password may be a substring of the base64 around it, or of another secret).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "dialogue/event.h"

namespace mailscope {

inline constexpr std::string_view kRedactionMask = "\u2022\u2022\u2022\u2022\u2022\u2022";

// `text` with every occurrence of each (non-empty) secret replaced by kRedactionMask.
std::string redact_text(std::string_view text, const std::vector<std::string>& secrets);

// Masks the event's secrets in text, decoded and every details value, then clears `secrets`
// (they must not leave the program either).
void redact(DialogueEvent& event);

// Masks every event of a dialogue with the secrets of ALL its events: a password sent in one
// event (AUTH PLAIN) may be echoed in another (a server's error message).
void redact_all(std::vector<DialogueEvent>& events);

}  // namespace mailscope
