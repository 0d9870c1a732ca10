// ui/model/arrow_style.cpp — event → meaning → drawing style.
#include "ui/model/arrow_style.h"

#include <cstddef>

namespace mailscope {

namespace {

// Okabe & Ito (2008), "Color Universal Design": colours distinguishable with the common
// colour-vision deficiencies. Dark-theme variants are the same hues, lightened.
const ArrowStyle kStyles[static_cast<size_t>(ArrowMeaning::count_)] = {
    {0x0060A0, 0x5AB4F0, ArrowHead::filled, LinePattern::solid, "", "legend.command"},
    {0x007A5A, 0x3CC8A0, ArrowHead::filled, LinePattern::solid, "OK", "legend.success"},
    {0x3A8AB8, 0x8AD0F5, ArrowHead::open, LinePattern::solid, "...", "legend.intermediate"},
    {0xB07800, 0xF0B030, ArrowHead::circle, LinePattern::solid, "4xx", "legend.temp_failure"},
    {0xC04A00, 0xFF8040, ArrowHead::cross, LinePattern::solid, "5xx", "legend.perm_failure"},
    {0xC04A00, 0xFF8040, ArrowHead::cross, LinePattern::solid, "-ERR", "legend.pop_err"},
    {0xC04A00, 0xFF8040, ArrowHead::cross, LinePattern::solid, "NO", "legend.imap_no"},
    {0xA0508A, 0xE090C8, ArrowHead::bar, LinePattern::solid, "BAD", "legend.imap_bad"},
    {0x707070, 0xA8A8A8, ArrowHead::open, LinePattern::dotted, "*", "legend.info"},
    {0x0060A0, 0x5AB4F0, ArrowHead::filled, LinePattern::dashed, "DATA", "legend.data"},
    {0x505050, 0xC0C0C0, ArrowHead::square, LinePattern::dashed, "TLS", "legend.encrypted"},
    {0x909090, 0x909090, ArrowHead::diamond, LinePattern::dotted, "GAP", "legend.gap"},
    {0x808080, 0x8A8A8A, ArrowHead::small, LinePattern::solid, "TCP", "legend.tcp"},
};

ArrowMeaning meaning_of_status(const DialogueEvent& e) {
  const std::string& s = e.status;
  if (e.code >= 200 && e.code < 300) return ArrowMeaning::success;
  if (e.code >= 300 && e.code < 400) return ArrowMeaning::intermediate;
  if (e.code >= 400 && e.code < 500) return ArrowMeaning::temp_failure;  // RFC 5321 §4.2.1
  if (e.code >= 500 && e.code < 600) return ArrowMeaning::perm_failure;
  if (s == "+OK" || s == "OK" || s == "PREAUTH") return ArrowMeaning::success;
  if (s == "-ERR") return ArrowMeaning::pop_err;                          // RFC 1939 §3
  if (s == "NO") return ArrowMeaning::imap_no;                            // RFC 3501 §7.1.2
  if (s == "BAD") return ArrowMeaning::imap_bad;                          // RFC 3501 §7.1.3
  if (s == "BYE") return ArrowMeaning::info;
  return e.type == EventType::untagged ? ArrowMeaning::info : ArrowMeaning::success;
}

}  // namespace

ArrowMeaning arrow_meaning(const DialogueEvent& event) {
  switch (event.type) {
    case EventType::command:
    case EventType::auth_response: return ArrowMeaning::command;
    case EventType::greeting:
    case EventType::reply: return meaning_of_status(event);
    case EventType::untagged:
      // An untagged NO/BAD is a warning or an error (RFC 3501 §7.1); other data is information.
      if (event.status == "NO") return ArrowMeaning::imap_no;
      if (event.status == "BAD") return ArrowMeaning::imap_bad;
      return ArrowMeaning::info;
    case EventType::continuation: return ArrowMeaning::intermediate;
    case EventType::data: return ArrowMeaning::data;
    case EventType::tls: return ArrowMeaning::encrypted;
    case EventType::gap: return ArrowMeaning::gap;
    case EventType::connection_open:
    case EventType::connection_close: return ArrowMeaning::tcp_control;
  }
  return ArrowMeaning::info;
}

const ArrowStyle& arrow_style(ArrowMeaning meaning) {
  size_t index = static_cast<size_t>(meaning);
  if (index >= static_cast<size_t>(ArrowMeaning::count_)) index = static_cast<size_t>(ArrowMeaning::info);
  return kStyles[index];
}

}  // namespace mailscope
