// dialogue/explanations.h — the text behind every explanation and state key, in English and Japanese.
//
// Keys name a meaning, not words (STYLE.md convention 7). The families:
//   smtp.cmd.<VERB>      smtp.reply.<code> (e.g. smtp.reply.354)   smtp.state.<state>
//   pop3.cmd.<VERB>      pop3.status.ok / pop3.status.err          pop3.state.<state>
//   imap.cmd.<COMMAND>   imap.status.<OK|NO|BAD|PREAUTH|BYE>       imap.state.<state>
//   imap.code.<CODE>     (bracketed response codes)  imap.untagged.<NAME> (EXISTS, FLAGS, ...)
//   sasl.<mechanism>     tls.<what>     event.<type>     (and more as decoders need them)
// Each protocol keeps its rows in its own file (explanations_smtp.cpp, ...); lookup merges them.
// A key missing from the tables falls back to its family's generic row ("smtp.reply.2xx",
// "smtp.cmd.unknown"), finally to the key itself, so a view always has something to show.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "dialogue/event.h"  // TranslationKey

namespace mailscope {

enum class Language : unsigned char { english, japanese };

struct ExplanationEntry {
  const char* key;
  const char* english;
  const char* japanese;
};

// The explanation for `key` in `language`; never empty.
std::string_view explain(std::string_view key, Language language = Language::english);
inline std::string_view explain_english(std::string_view key) { return explain(key, Language::english); }
bool has_explanation(std::string_view key);   // true only for an exact row (no fallback)

// The key for an SMTP reply code, e.g. smtp_reply_key(354) == "smtp.reply.354".
TranslationKey smtp_reply_key(int code);

// The per-protocol tables, defined in explanations_<family>.cpp.
struct ExplanationTable {
  const ExplanationEntry* entries;
  size_t count;
};
ExplanationTable explanations_general();   // event.*, tls.*, sasl.*, gap, session/end reasons
ExplanationTable explanations_smtp();
ExplanationTable explanations_pop3();
ExplanationTable explanations_imap();

}  // namespace mailscope
