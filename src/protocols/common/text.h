// protocols/common/text.h — turning wire bytes into text people can read, and small parsing aids.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mailscope {

// Valid UTF-8 is kept; every other byte becomes "\xNN"; control characters other than TAB
// become "\xNN" too (so a terminal or the window never receives raw control bytes).
std::string printable_text(std::string_view bytes);
// How many bytes from p[0] on are printable ASCII (0x20..0x7E): the bytes printable_text
// copies as they are. Fast (many bytes per step); decoders use it to find where a line of
// plain text ends.
size_t plain_run(const char* p, size_t n);
// plain_run that also copies the run to dst. It may write past the run, up to dst[n - 1]:
// dst must have room for n bytes, and what follows the run there is to be overwritten.
size_t copy_plain_run(char* dst, const char* src, size_t n);
// The decimal digits of n appended to `out` (std::to_chars: state details are built for most
// events, and snprintf's format parsing was a good part of that).
void append_decimal(std::string& out, uint64_t n);
// printable_text(bytes) appended to `out`, without a temporary string.
void append_printable(std::string& out, std::string_view bytes);
// s = printable_text(s), in place: a string that is already plain ASCII (nearly every header
// field and argument) is left alone, neither copied nor reallocated.
void make_printable(std::string& s);

// Lines made printable and joined by '\n', appended to `out`: `raw` is split at each LF, a CR
// right before an LF is dropped, the lines go through printable_text. With `final_break`
// false the text ends with its last line: a last LF is not written and a CR ending `raw` is
// dropped too ("a\r\n" gives "a"); with true both are kept as above ("a\r\n" gives "a\n").
// One pass over `raw`, however many lines: bodies of messages go through here.
void append_printable_lines(std::string& out, std::string_view raw, bool final_break);

// printable_text for several lines: LF is kept as the line separator, a CR before it dropped
// (so "a\r\nb" gives "a\nb"); every other control byte is escaped as above.
std::string printable_multiline(std::string_view bytes);

// Appends " …[N more bytes]" when `dropped` > 0: the marker for a capped line.
std::string with_truncation_marker(std::string text, uint64_t dropped);

std::string to_upper_ascii(std::string_view s);
std::string to_lower_ascii(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view s, std::string_view prefix);
std::string_view trim(std::string_view s);
// Splits off the first space-separated word: "MAIL FROM:<a>" -> {"MAIL", "FROM:<a>"}.
std::pair<std::string_view, std::string_view> split_word(std::string_view s);

// Appends the UTF-8 encoding of a Unicode code point (RFC 3629); invalid ones become U+FFFD.
void append_utf8(std::string& out, char32_t code_point);

// RFC 4648 §4 base64. Returns false on characters outside the alphabet (whitespace ignored),
// on "=" anywhere but at the end, and on a lone trailing character (not a whole byte).
// Missing padding is accepted (some clients omit it); "=" alone is the empty string
// (RFC 4954 §4: the empty initial response).
bool base64_decode(std::string_view in, std::string& out);
std::string base64_encode(std::string_view in);

// RFC 3501 §5.1.3 modified UTF-7 mailbox names: "&Tgtm+DBN-" -> "下書き". On malformed input,
// returns false and leaves `out` as the input.
bool decode_modified_utf7(std::string_view in, std::string& out);

// RFC 2047 encoded words in a header value: "=?UTF-8?B?5pel5pys?=" -> "日本". Charsets UTF-8,
// US-ASCII and ISO-8859-1 are decoded here; ISO-2022-JP (common in Japanese mail), Shift_JIS,
// EUC-JP and every other charset the C library's iconv(3) knows are converted to UTF-8;
// a word in an unknown charset, or whose bytes do not fit its charset, is left as it was.
// Whitespace between two adjacent encoded words is dropped (RFC 2047 §6.2).
std::string decode_encoded_words(std::string_view value);

}  // namespace mailscope
