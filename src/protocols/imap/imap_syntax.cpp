// protocols/imap/imap_syntax.cpp — atoms, quoted strings, literals and lists (RFC 3501 §4).
#include "protocols/imap/imap_syntax.h"

#include <algorithm>

#include "protocols/common/text.h"

namespace mailscope {
namespace {

constexpr size_t kMaxRawValue = 4096;  // skip_value keeps at most this much text

bool ends_atom(char c) { return c == ' ' || c == '(' || c == ')' || c == '"'; }

}  // namespace

bool ImapToken::is_nil() const { return kind == Kind::atom && iequals(value, "NIL"); }

void ImapReader::skip_spaces() {
  while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
}

bool ImapReader::at_end() {
  skip_spaces();
  return pos_ >= text_.size();
}

std::string_view ImapReader::rest() {
  skip_spaces();
  return text_.substr(std::min(pos_, text_.size()));
}

ImapToken ImapReader::peek() {
  size_t saved = pos_;
  ImapToken token = next();
  pos_ = saved;
  return token;
}

ImapToken ImapReader::next(bool literal_content) {
  ImapToken token;
  skip_spaces();
  token.begin = pos_;
  if (pos_ >= text_.size()) return token;
  char c = text_[pos_];
  if (c == '(' || c == ')') {
    token.kind = c == '(' ? ImapToken::Kind::list_open : ImapToken::Kind::list_close;
    token.raw.assign(1, c);
    ++pos_;
    return token;
  }
  if (c == '"') {
    // RFC 3501 §4.3: quoted = DQUOTE *QUOTED-CHAR DQUOTE, with \" and \\ escaped.
    token.kind = ImapToken::Kind::string;
    size_t i = pos_ + 1;
    while (i < text_.size() && text_[i] != '"') {
      if (text_[i] == '\\' && i + 1 < text_.size()) ++i;
      token.value.push_back(text_[i]);
      ++i;
    }
    size_t end = std::min(i + 1, text_.size());
    token.raw.assign(text_.substr(pos_, end - pos_));
    pos_ = end;
    return token;
  }
  if (c == '{') {
    // A literal only where the message really had one: its marker ends a fragment.
    size_t close = text_.find('}', pos_);
    if (close != std::string_view::npos) {
      const std::vector<size_t>& offsets = message_.literal_offsets();
      auto it = std::lower_bound(offsets.begin(), offsets.end(), close + 1);
      if (it != offsets.end() && *it == close + 1) {
        token.kind = ImapToken::Kind::literal;
        token.literal = static_cast<int>(it - offsets.begin());
        if (literal_content) {
          token.value = message_.literals()[static_cast<size_t>(token.literal)].content;
        }
        token.raw.assign(text_.substr(pos_, close + 1 - pos_));
        pos_ = close + 1;
        return token;
      }
    }
  }
  // Atom (also numbers, flags such as \Seen, sequence sets, BODY[...]<0.100>).
  token.kind = ImapToken::Kind::atom;
  size_t i = pos_;
  while (i < text_.size() && !ends_atom(text_[i])) {
    if (text_[i] == '[') {
      size_t close = text_.find(']', i);
      i = close == std::string_view::npos ? text_.size() : close + 1;
      continue;
    }
    ++i;
  }
  if (i == pos_) ++i;  // never stand still
  token.raw.assign(text_.substr(pos_, i - pos_));
  token.value = token.raw;
  pos_ = i;
  return token;
}

std::string ImapReader::skip_value() {
  ImapToken first = next();
  std::string raw = first.raw;
  if (first.kind != ImapToken::Kind::list_open) return raw;
  size_t depth = 1;
  while (depth > 0) {
    ImapToken token = next();
    if (token.kind == ImapToken::Kind::end) break;
    if (token.kind == ImapToken::Kind::list_open) ++depth;
    if (token.kind == ImapToken::Kind::list_close) --depth;
    if (raw.size() < kMaxRawValue) {
      if (!raw.empty() && raw.back() != '(' && token.kind != ImapToken::Kind::list_close) {
        raw.push_back(' ');
      }
      raw += token.raw;
    }
  }
  return raw;
}

bool split_response_code(std::string_view text, std::string& code, std::string_view& rest) {
  if (text.empty() || text.front() != '[') return false;
  // "]" ends the code unless it sits inside a quoted string (RFC 3501 §7.1 resp-text-code).
  bool quoted = false;
  size_t i = 1;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (quoted && c == '\\') {
      ++i;
      continue;
    }
    if (c == '"') quoted = !quoted;
    if (!quoted && c == ']') break;
  }
  code.assign(text.substr(1, std::min(i, text.size()) - 1));
  rest = i < text.size() ? trim(text.substr(i + 1)) : std::string_view();
  return true;
}

std::vector<std::string> split_list_words(std::string_view list) {
  std::vector<std::string> words;
  std::string word;
  for (char c : list) {
    if (c == '(' || c == ')' || c == ' ') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::string unquote(std::string_view s) {
  if (s.size() < 2 || s.front() != '"' || s.back() != '"') return std::string(s);
  std::string out;
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    if (s[i] == '\\' && i + 2 < s.size()) ++i;
    out.push_back(s[i]);
  }
  return out;
}

}  // namespace mailscope
