// protocols/imap/imap_untagged.cpp — server data in untagged responses (RFC 3501 §7.2-§7.4):
// CAPABILITY, LIST/LSUB, STATUS, SEARCH/ESEARCH, FLAGS, NAMESPACE, ENABLED, ID, and FETCH
// with its message literals.
#include <iterator>
#include <string>
#include <vector>

#include "protocols/common/message_body.h"
#include "protocols/common/text.h"
#include "protocols/imap/imap_decoder.h"
#include "protocols/imap/imap_syntax.h"

namespace mailscope {
namespace {

using Details = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kKnownData[] = {
    "CAPABILITY", "LIST",    "LSUB", "XLIST", "STATUS", "SEARCH", "ESEARCH",   "FLAGS",
    "NAMESPACE",  "ENABLED", "ID",   "SORT",  "THREAD", "QUOTA",  "QUOTAROOT", "VANISHED"};

// "imap.untagged." + a known name, "imap.untagged.unknown" for others. The keys are built once,
// so an untagged event's key costs it no allocation (see TranslationKey).
TranslationKey untagged_data_key(const std::string& name) {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> built;
    for (const char* known : kKnownData) built.push_back(std::string("imap.untagged.") + known);
    return built;
  }();
  for (size_t i = 0; i < std::size(kKnownData); ++i) {
    if (name == kKnownData[i]) return TranslationKey::literal(keys[i].c_str());
  }
  return "imap.untagged.unknown";
}

// Reads "(a b c)" word by word; false when the next token is not a list.
bool read_word_list(ImapReader& reader, const char* label, Details& details) {
  if (reader.next().kind != ImapToken::Kind::list_open) return false;
  while (true) {
    ImapToken word = reader.next();
    if (word.kind == ImapToken::Kind::end || word.kind == ImapToken::Kind::list_close) break;
    if (word.kind == ImapToken::Kind::list_open) {
      reader.skip_value();  // not expected inside a flag list; keep going
      continue;
    }
    details.emplace_back(label, printable_text(word.value));
  }
  return true;
}

// RFC 3501 §5.1.3: a mailbox name in modified UTF-7, decoded for people.
std::string mailbox_for_people(const std::string& raw, bool& was_encoded) {
  std::string decoded;
  was_encoded =
      raw.find('&') != std::string::npos && decode_modified_utf7(raw, decoded) && decoded != raw;
  return printable_text(was_encoded ? decoded : raw);
}

// Skips the rest of a list whose "(" was already read.
void skip_rest_of_list(ImapReader& reader) {
  size_t depth = 1;
  while (depth > 0) {
    ImapToken token = reader.next();
    if (token.kind == ImapToken::Kind::end) return;
    if (token.kind == ImapToken::Kind::list_open) ++depth;
    if (token.kind == ImapToken::Kind::list_close) --depth;
  }
}

// RFC 2342 §5: NAMESPACE personal other shared, each NIL or (("prefix" "delim")...).
void read_namespaces(ImapReader& reader, Details& details) {
  const char* kinds[] = {"personal namespace", "other users' namespace", "shared namespace"};
  for (const char* kind : kinds) {
    ImapToken open = reader.next();
    if (open.kind != ImapToken::Kind::list_open) continue;  // NIL: none of this kind
    while (reader.next().kind == ImapToken::Kind::list_open) {
      ImapToken prefix = reader.next();
      ImapToken delimiter = reader.next();
      std::string value = "\"" + printable_text(prefix.value) + "\"";
      value += delimiter.is_nil() ? " (no delimiter)"
                                  : " (delimiter \"" + printable_text(delimiter.value) + "\")";
      details.emplace_back(kind, value);
      skip_rest_of_list(reader);  // extensions, then ")"
    }
  }
}

}  // namespace

void ImapDecoder::read_untagged_data(const std::string& name, ImapReader& reader,
                                     DialogueEvent& event) {
  event.explain_key = untagged_data_key(name);
  event.unknown = event.explain_key == "imap.untagged.unknown";
  Details& details = event.details;
  if (name == "CAPABILITY" || name == "ENABLED") {
    // RFC 3501 §7.2.1 / RFC 5161 §3.2: a list of capability names.
    while (!reader.at_end())
      details.emplace_back("capability", printable_text(reader.next().value));
  } else if (name == "LIST" || name == "LSUB" || name == "XLIST") {
    // RFC 3501 §7.2.2: LIST (attributes) delimiter mailbox
    read_word_list(reader, "flag", details);
    ImapToken delimiter = reader.next();
    details.emplace_back("delimiter", delimiter.is_nil() ? "NIL" : printable_text(delimiter.value));
    ImapToken mailbox = reader.next();
    if (mailbox.is_string()) {
      bool encoded = false;
      std::string shown = mailbox_for_people(mailbox.value, encoded);
      details.emplace_back("mailbox", shown);
      if (encoded) event.decoded = shown;
    } else {
      event.malformed = true;
    }
  } else if (name == "STATUS") {
    // RFC 3501 §7.2.4: STATUS mailbox (name value ...)
    ImapToken mailbox = reader.next();
    bool encoded = false;
    std::string shown = mailbox_for_people(mailbox.value, encoded);
    details.emplace_back("mailbox", shown);
    if (encoded) event.decoded = shown;
    if (reader.next().kind == ImapToken::Kind::list_open) {
      while (true) {
        ImapToken item = reader.next();
        if (item.kind != ImapToken::Kind::atom) break;
        details.emplace_back(to_upper_ascii(item.value), printable_text(reader.next().value));
      }
    }
  } else if (name == "SEARCH" || name == "SORT") {
    // RFC 3501 §7.2.5: the numbers of the messages that match.
    size_t count = 0;
    while (!reader.at_end()) {
      ImapToken token = reader.next();
      if (token.kind == ImapToken::Kind::list_open) {
        details.emplace_back("modseq", reader.skip_value());  // RFC 7162 (MODSEQ n)
        skip_rest_of_list(reader);
        continue;
      }
      if (token.kind == ImapToken::Kind::atom) ++count;
    }
    details.emplace_back("count", std::to_string(count));
  } else if (name == "ESEARCH") {
    // RFC 4731 §3.1: ESEARCH [(TAG "A1")] [UID] name value ...
    while (!reader.at_end()) {
      ImapToken token = reader.next();
      if (token.kind == ImapToken::Kind::list_open) {
        ImapToken key = reader.next();
        ImapToken value = reader.next();
        details.emplace_back(to_upper_ascii(key.value), printable_text(value.value));
        skip_rest_of_list(reader);
      } else if (iequals(token.value, "UID")) {
        details.emplace_back("UID", "numbers are UIDs");
      } else if (token.kind != ImapToken::Kind::end) {
        details.emplace_back(to_upper_ascii(token.value), printable_text(reader.skip_value()));
      }
    }
  } else if (name == "FLAGS") {
    read_word_list(reader, "flag", details);  // RFC 3501 §7.2.6
  } else if (name == "NAMESPACE") {
    read_namespaces(reader, details);
  } else if (name == "ID") {
    // RFC 2971 §3.2: ID ("name" "value" ...) or ID NIL
    if (reader.next().kind == ImapToken::Kind::list_open) {
      while (true) {
        ImapToken key = reader.next();
        if (!key.is_string()) break;
        ImapToken value = reader.next();
        details.emplace_back(printable_text(key.value),
                             value.is_nil() ? "NIL" : printable_text(value.value));
      }
    }
  }
}

// RFC 3501 §7.4.2: n FETCH (name value ...). Message content (BODY[...], RFC822, BINARY[...])
// usually comes as a literal; its header fields become details, its size is counted.
void ImapDecoder::read_fetch(ImapReader& reader, DialogueEvent& event) {
  Details& details = event.details;
  if (reader.next().kind != ImapToken::Kind::list_open) {
    event.malformed = true;
    return;
  }
  const ImapMessage& message = side(Direction::server_to_client).message;
  bool counted_message = false;
  while (true) {
    ImapToken item = reader.next();
    if (item.kind != ImapToken::Kind::atom) break;  // ")" or the end
    std::string name = to_upper_ascii(item.value);
    if (name == "FLAGS") {
      read_word_list(reader, "flag", details);
    } else if (name == "UID" || name == "RFC822.SIZE" || name == "INTERNALDATE") {
      details.emplace_back(name, printable_text(reader.next().value));
    } else if (name == "MODSEQ") {
      details.emplace_back(name, printable_text(reader.skip_value()));
    } else if (name == "ENVELOPE") {
      // RFC 3501 §7.4.2: (date subject from sender reply-to to cc bcc in-reply-to message-id)
      if (reader.next().kind == ImapToken::Kind::list_open) {
        ImapToken date = reader.next();
        ImapToken subject = reader.next();
        if (date.is_string() && !date.is_nil())
          details.emplace_back("Date", printable_text(date.value));
        if (subject.is_string() && !subject.is_nil()) {
          details.emplace_back("Subject", printable_text(decode_encoded_words(subject.value)));
        }
        skip_rest_of_list(reader);
      }
    } else if (name.rfind("BODY[", 0) == 0 || name.rfind("BINARY[", 0) == 0 ||
               name.rfind("BODY.PEEK[", 0) == 0 || name == "RFC822" || name == "RFC822.HEADER" ||
               name == "RFC822.TEXT") {
      ImapToken value = reader.next(false);  // a literal's content is read in place below
      if (value.kind == ImapToken::Kind::list_open) {
        skip_rest_of_list(reader);
        continue;
      }
      details.emplace_back("section", printable_text(item.value));
      if (value.is_nil()) continue;
      uint64_t size = value.value.size();
      std::string_view content = value.value;
      if (value.kind == ImapToken::Kind::literal) {
        const ImapLiteral& literal = message.literals()[static_cast<size_t>(value.literal)];
        size = literal.size;
        content = literal.content;
      }
      details.emplace_back("size", std::to_string(size) + " bytes");
      // The section holds header fields when it is the whole message or its header.
      size_t open = name.find('[');
      std::string section = open == std::string::npos ? "" : name.substr(open + 1);
      section = section.substr(0, section.find(']'));
      bool whole = (open != std::string::npos && section.empty()) || name == "RFC822";
      bool header = whole || section.rfind("HEADER", 0) == 0 || name == "RFC822.HEADER";
      if (header) {
        for (auto& field : parse_message_headers(content)) {
          details.emplace_back(printable_text(field.first), printable_text(field.second));
        }
      }
      if (whole && !counted_message) {
        out_.summary.messages++;  // a whole message retrieved
        counted_message = true;
      }
    } else {
      // BODYSTRUCTURE, BODY, X-GM-LABELS ...: named, value skipped.
      std::string value = reader.skip_value();
      details.emplace_back(name, printable_text(value.substr(0, 200)));
    }
  }
}

}  // namespace mailscope
