// protocols/imap/imap_message.cpp — fragments and literals of one IMAP line, capped.
#include "protocols/imap/imap_message.h"

#include <algorithm>

#include "protocols/common/text.h"

namespace mailscope {

// RFC 3501 §9 (literal = "{" number "}" CRLF), RFC 7888 §3 (literal+ = "{" number "+}").
bool parse_literal_marker(std::string_view line, uint64_t& size, bool& non_synchronizing) {
  if (line.size() < 3 || line.back() != '}') return false;
  size_t open = line.rfind('{');
  if (open == std::string_view::npos) return false;
  std::string_view inside = line.substr(open + 1, line.size() - open - 2);
  non_synchronizing = !inside.empty() && inside.back() == '+';
  if (non_synchronizing) inside.remove_suffix(1);
  // RFC 9051 §4.3: number64 for literals; 19 digits always fit in uint64_t.
  if (inside.empty() || inside.size() > 19) return false;
  uint64_t n = 0;
  for (char c : inside) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  size = n;
  return true;
}

void ImapMessage::add_fragment(std::string_view line, uint64_t dropped, uint64_t wire_bytes) {
  wire_bytes_ += wire_bytes;
  in_uncounted_literal_ = false;
  if (sealed_ || kept_ + line.size() > max_kept_ + 8192) {
    sealed_ = true;
    dropped_ += line.size() + dropped;
    return;
  }
  fragments_.emplace_back(line);
  fragment_dropped_.push_back(dropped);
  joined_.append(line);
  kept_ += line.size();
  dropped_ += dropped;
}

void ImapMessage::begin_literal(uint64_t size, bool non_synchronizing) {
  literal_bytes_ += size;
  // A literal belongs to the fragment just added; once sealed, it is only counted.
  if (sealed_ || literals_.size() >= kMaxLiterals || literals_.size() >= fragments_.size()) {
    sealed_ = true;
    in_uncounted_literal_ = true;
    return;
  }
  ImapLiteral literal;
  literal.size = size;
  literal.non_synchronizing = non_synchronizing;
  // The size is announced: one allocation for the part that will be kept.
  literal.content.reserve(static_cast<size_t>(std::min<uint64_t>(size, kept_ < max_kept_ ? max_kept_ - kept_ : 0)));
  literals_.push_back(std::move(literal));
  offsets_.push_back(joined_.size());
}

void ImapMessage::add_literal_bytes(const uint8_t* bytes, size_t length) {
  wire_bytes_ += length;
  if (in_uncounted_literal_ || literals_.empty()) {
    dropped_ += length;
    return;
  }
  ImapLiteral& literal = literals_.back();
  literal.received += length;
  size_t room = kept_ < max_kept_ ? max_kept_ - kept_ : 0;
  size_t take = std::min(room, length);
  literal.content.append(reinterpret_cast<const char*>(bytes), take);
  kept_ += take;
  dropped_ += length - take;
}

void ImapMessage::literal_gap(uint64_t length) {
  if (in_uncounted_literal_ || literals_.empty()) return;
  literals_.back().missing += length;
}

uint64_t ImapMessage::missing_bytes() const {
  uint64_t total = 0;
  for (const ImapLiteral& literal : literals_) total += literal.missing;
  return total;
}

void ImapMessage::clear() {
  fragments_.clear();
  fragment_dropped_.clear();
  literals_.clear();
  offsets_.clear();
  joined_.clear();
  kept_ = 0;
  dropped_ = 0;
  wire_bytes_ = 0;
  literal_bytes_ = 0;
  sealed_ = false;
  in_uncounted_literal_ = false;
}

namespace {

// Appends `source` made printable, cut so that `out` stays near `cap`; counts what was cut.
void append_capped(std::string& out, std::string_view source, size_t cap, uint64_t& omitted) {
  size_t room = out.size() < cap ? cap - out.size() : 0;
  if (source.size() > room) {
    omitted += source.size() - room;
    source = source.substr(0, room);
  }
  append_printable(out, source);
}

}  // namespace

bool ImapMessage::render_whole(size_t skip, size_t cap, std::string& out) const {
  // One allocation: plain text comes out no longer than it went in (CRs dropped), plus a line
  // break per literal and room for the truncation marker.
  size_t raw = 64;
  for (const std::string& fragment : fragments_) raw += fragment.size() + 1;
  for (const ImapLiteral& literal : literals_) raw += literal.content.size();
  out.reserve(out.size() + raw);
  for (size_t i = 0; i < fragments_.size(); ++i) {
    std::string_view fragment = fragments_[i];
    if (i == 0) fragment.remove_prefix(std::min(skip, fragment.size()));
    append_printable(out, fragment);
    if (i >= literals_.size()) continue;
    out.push_back('\n');
    append_printable_lines(out, literals_[i].content, true);
  }
  return out.size() <= cap;
}

std::string ImapMessage::render(size_t skip, size_t cap) const {
  // Usually nothing is cut: one pass per piece, the literal's lines all at once. Only a result
  // past the cap is rendered again line by line below, to cut where the cap falls. (When the
  // whole fits, no line was cut and every line break was written: the two agree.)
  std::string out;
  if (render_whole(skip, cap, out)) return with_truncation_marker(std::move(out), dropped_);

  out.clear();
  uint64_t omitted = dropped_;
  for (size_t i = 0; i < fragments_.size(); ++i) {
    std::string_view fragment = fragments_[i];
    if (i == 0) fragment.remove_prefix(std::min(skip, fragment.size()));
    append_capped(out, fragment, cap, omitted);
    if (i >= literals_.size()) continue;
    // The literal's lines, each CRLF shown as a line break (like a multi-line reply).
    std::string_view content = literals_[i].content;
    out.push_back('\n');
    while (!content.empty()) {
      size_t lf = content.find('\n');
      std::string_view line = content.substr(0, lf);
      size_t consumed = lf == std::string_view::npos ? content.size() : lf + 1;
      bool cr = !line.empty() && line.back() == '\r' && lf != std::string_view::npos;
      if (cr) line.remove_suffix(1);
      append_capped(out, line, cap, omitted);
      if (lf != std::string_view::npos) {
        if (out.size() < cap)
          out.push_back('\n');
        else
          omitted += cr ? 2 : 1;
      }
      content.remove_prefix(consumed);
    }
  }
  return with_truncation_marker(std::move(out), omitted);
}

std::string ImapMessage::render_trimmed(size_t skip, size_t cap) const {
  // Blanks right after `skip` go in the trim anyway: render from after them when the result,
  // with them, would still fit whole (so rendering them would not have moved the cut).
  size_t from = skip;
  if (!fragments_.empty()) {
    const std::string& first = fragments_[0];
    while (from < first.size() && (first[from] == ' ' || first[from] == '\t')) ++from;
  }
  std::string out;
  if (from - skip <= cap && render_whole(from, cap - (from - skip), out)) {
    out = with_truncation_marker(std::move(out), dropped_);
  } else {
    out = render(skip, cap);
  }
  std::string_view kept = trim(out);
  size_t front = static_cast<size_t>(kept.data() - out.data());
  out.resize(front + kept.size());
  out.erase(0, front);
  return out;
}

void ImapMessage::render_with_arguments(size_t skip, size_t cap, std::string& text,
                                        std::string& arguments) const {
  // A FETCH's text and its arguments hold the same message literal: render it once. The
  // arguments are the text after printable(first fragment up to `from`), when the cut at
  // `from` is clean (an ASCII byte there: no UTF-8 sequence spans it) and nothing was cut.
  size_t from = skip;
  std::string_view first = fragments_.empty() ? std::string_view{} : fragments_[0];
  while (from < first.size() && (first[from] == ' ' || first[from] == '\t')) ++from;
  if (!fragments_.empty() && skip <= first.size() &&
      (from == first.size() || static_cast<unsigned char>(first[from]) < 0x80)) {
    std::string out;
    append_printable(out, first.substr(0, from));
    size_t head = out.size();
    if (render_whole(from, cap, out)) {
      // render(skip) is blanks + this tail, shorter than the whole: it was not cut either.
      arguments.clear();
      arguments.reserve(out.size() - head + 64);  // and the marker
      arguments.append(out, head);
      arguments = with_truncation_marker(std::move(arguments), dropped_);
      std::string_view kept = trim(arguments);
      size_t front = static_cast<size_t>(kept.data() - arguments.data());
      arguments.resize(front + kept.size());
      arguments.erase(0, front);
      text = with_truncation_marker(std::move(out), dropped_);
      return;
    }
  }
  text = render(0, cap);
  arguments = render_trimmed(skip, cap);
}

}  // namespace mailscope
