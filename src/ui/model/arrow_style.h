// ui/model/arrow_style.h — what an arrow on the stage means, and how that is drawn so that it
// reads without colour too (colour-blind users): each meaning has a colour from the Okabe–Ito
// palette, an arrowhead shape, a line pattern and a short tag.
//
//   ArrowMeaning m = arrow_meaning(event);              // e.g. perm_failure for "550 ..."
//   const ArrowStyle& s = arrow_style(m);                // colour, head, dashes, tag "5xx"
#pragma once
#include <cstdint>
#include <string_view>

#include "dialogue/event.h"

namespace mailscope {

enum class ArrowMeaning : uint8_t {
  command,       // a client command, SASL response
  success,       // SMTP 2xx, +OK, OK, PREAUTH
  intermediate,  // SMTP 3xx, continuation "+", SASL challenge 334
  temp_failure,  // SMTP 4xx (try again later)
  perm_failure,  // SMTP 5xx (do not retry)
  pop_err,       // POP3 -ERR
  imap_no,       // IMAP NO: the command failed
  imap_bad,      // IMAP BAD: the command was not understood
  info,          // IMAP untagged data, BYE
  data,          // message content (DATA body, literal, RETR body)
  encrypted,     // TLS records: content not readable
  gap,           // bytes missing from the capture
  tcp_control,   // SYN, SYN/ACK, ACK, FIN, RST (L4 arrows)
  count_,
};

enum class ArrowHead : uint8_t { filled, open, circle, cross, bar, square, diamond, small };
enum class LinePattern : uint8_t { solid, dashed, dotted };

struct ArrowStyle {
  uint32_t colour_light;   // 0xRRGGBB on a light background
  uint32_t colour_dark;    // 0xRRGGBB on a dark background
  ArrowHead head;
  LinePattern pattern;
  const char* tag;         // short ASCII mark drawn beside the label ("5xx", "-ERR", "TLS")
  const char* legend_key;  // ui string key naming the meaning ("legend.success")
};

ArrowMeaning arrow_meaning(const DialogueEvent& event);
const ArrowStyle& arrow_style(ArrowMeaning meaning);

}  // namespace mailscope
