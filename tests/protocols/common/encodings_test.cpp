// tests/protocols/common/encodings_test.cpp — base64, modified UTF-7, RFC 2047 encoded words.
#include <catch2/catch.hpp>

#include "protocols/common/text.h"

using namespace mailscope;

namespace {
std::string b64(std::string_view in) {
  std::string out;
  REQUIRE(base64_decode(in, out));
  return out;
}
bool b64_fails(std::string_view in) {
  std::string out;
  return !base64_decode(in, out);
}
std::string utf7(std::string_view in) {
  std::string out;
  REQUIRE(decode_modified_utf7(in, out));
  return out;
}
}  // namespace

TEST_CASE("base64 RFC 4648 §10 test vectors both ways") {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},
                                                         {"f", "Zg=="},
                                                         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},
                                                         {"foob", "Zm9vYg=="},
                                                         {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (auto [plain, encoded] : vectors) {
    CHECK(base64_encode(plain) == encoded);
    CHECK(b64(encoded) == plain);
  }
}

TEST_CASE("base64 of SASL examples and binary bytes") {
  CHECK(b64("VXNlcm5hbWU6") == "Username:");
  CHECK(b64("UGFzc3dvcmQ6") == "Password:");
  CHECK(b64("AGFsaWNlAHdvbmRlcmxhbmQ=") == std::string("\0alice\0wonderland", 17));
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  CHECK(b64(base64_encode(all)) == all);
  CHECK(base64_encode(std::string("\xFF\xFE", 2)) == "//4=");
}

TEST_CASE("base64 leniency: whitespace, missing padding, the lone '='") {
  CHECK(b64("Zm9v\r\nYmFy") == "foobar");
  CHECK(b64(" Zm 9v ") == "foo");
  CHECK(b64("Zg") == "f");  // padding omitted
  CHECK(b64("Zm8") == "fo");
  CHECK(b64("=") == "");  // RFC 4954: empty initial response
  CHECK(b64("") == "");
}

TEST_CASE("base64 rejects what cannot be right") {
  CHECK(b64_fails("Zm9v!"));   // outside the alphabet
  CHECK(b64_fails("Zm9v-_"));  // base64url is another alphabet
  CHECK(b64_fails("Z"));       // 6 bits are not a byte
  CHECK(b64_fails("Zm9vY"));
  CHECK(b64_fails("Zg==Zg=="));  // data after padding
  CHECK(b64_fails("Zg=g"));
  CHECK(b64_fails("Zg="));  // half padding
  CHECK(b64_fails("Zg==="));
  CHECK(b64_fails("\xE3\x81\x82"));
}

TEST_CASE("modified UTF-7: the lesson's mailbox names") {
  CHECK(utf7("&kAFP4W4IMH8wojCkMMYw4A-") == "送信済みアイテム");
  CHECK(utf7("&Tgtm+DBN-") == "下書き");
  CHECK(utf7("INBOX") == "INBOX");
  CHECK(utf7("&-") == "&");
  CHECK(utf7("Tom &- Jerry") == "Tom & Jerry");
  CHECK(utf7("INBOX.&Tgtm+DBN-.2024") == "INBOX.下書き.2024");
  CHECK(utf7("") == "");
  // RFC 3501 §5.1.3 example: "~peter/mail/&U,BTFw-/&ZeVnLIqe-" = 台北 / 日本語
  CHECK(utf7("~peter/mail/&U,BTFw-/&ZeVnLIqe-") == "~peter/mail/台北/日本語");
  CHECK(utf7("&2D3cAQ-") == "\U0001F401");  // a surrogate pair: U+1F401
  CHECK(utf7("&TgA-") == "一");             // 18 bits: one unit and two zero bits of padding
}

TEST_CASE("modified UTF-7: malformed input returns false and the input unchanged") {
  const char* bad[] = {
      "&Tgtm+DBN",    // shift never ends
      "&Tgt!-",       // outside the alphabet
      "&Tgtm/DBN-",   // '/' is ',' in modified base64
      "&TgB-",        // leftover bits not zero
      "&Tg-",         // 12 bits: not a whole UTF-16 unit
      "&2D0-",        // lone high surrogate (with leftover bits)
      "&2D3YPQ-",     // high surrogate followed by a high surrogate
      "&3AE-",        // lone low surrogate
      "tab\there",    // raw control character
      "caf\xC3\xA9",  // raw 8-bit byte
      "&",
  };
  for (const char* in : bad) {
    std::string out = "stale";
    CHECK_FALSE(decode_modified_utf7(in, out));
    CHECK(out == in);
  }
}

TEST_CASE("RFC 2047: B and Q encoded words in UTF-8") {
  CHECK(decode_encoded_words("=?UTF-8?B?5pel5pys?=") == "日本");
  CHECK(decode_encoded_words("=?utf-8?b?5pel5pys?=") == "日本");
  CHECK(decode_encoded_words("=?UTF-8?Q?caf=C3=A9_au_lait?=") == "café au lait");
  CHECK(decode_encoded_words("=?UTF-8?q?a=3db?=") == "a=b");
  CHECK(decode_encoded_words("Re: =?UTF-8?B?5pel5pys?= meeting") == "Re: 日本 meeting");
  CHECK(decode_encoded_words("plain subject") == "plain subject");
  CHECK(decode_encoded_words("") == "");
}

TEST_CASE("RFC 2047 §6.2: whitespace between adjacent encoded words disappears") {
  CHECK(decode_encoded_words("=?UTF-8?B?5pel?= =?UTF-8?B?5pys?=") == "日本");
  CHECK(decode_encoded_words("=?UTF-8?B?5pel?=\r\n =?UTF-8?B?5pys?=") == "日本");
  CHECK(decode_encoded_words("=?UTF-8?Q?a?= b =?UTF-8?Q?c?=") == "a b c");
  CHECK(decode_encoded_words("=?UTF-8?Q?a?=  ") == "a  ");
  // RFC 2047 §8 examples
  CHECK(decode_encoded_words("(=?ISO-8859-1?Q?a?= b)") == "(a b)");
  CHECK(decode_encoded_words("(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)") == "(ab)");
  CHECK(decode_encoded_words("(=?ISO-8859-1?Q?a_b?=)") == "(a b)");
}

TEST_CASE("RFC 2047: US-ASCII, ISO-8859-1 and a language suffix") {
  CHECK(decode_encoded_words("=?US-ASCII?Q?Keith_Moore?=") == "Keith Moore");
  CHECK(decode_encoded_words("=?ISO-8859-1?Q?Andr=E9?= Pirard") == "André Pirard");
  CHECK(decode_encoded_words("=?iso-8859-1?b?Y2Fm6Q==?=") == "café");
  CHECK(decode_encoded_words("=?US-ASCII*EN?Q?Keith_Moore?=") == "Keith Moore");  // RFC 2231
}

TEST_CASE("RFC 2047: Japanese charsets through iconv") {
  CHECK(decode_encoded_words("=?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=") == "テスト");
  CHECK(decode_encoded_words("=?iso-2022-jp?B?GyRCJUYlOSVIGyhC?=") == "テスト");
  CHECK(decode_encoded_words("=?Shift_JIS?B?g2WDWINn?=") == "テスト");
  CHECK(decode_encoded_words("=?EUC-JP?B?pcaluaXI?=") == "テスト");
  CHECK(decode_encoded_words("Subject: =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?= 1") ==
        "Subject: テスト 1");
}

TEST_CASE("RFC 2047: what does not decode is left exactly as it was") {
  const char* kept[] = {
      "=?UTF-8?B?5pel5pys?",             // no "?=" at the end
      "=?UTF-8?X?abc?=",                 // unknown encoding
      "=?UTF-8?B?!!!?=",                 // bad base64
      "=?UTF-8?Q?a=ZZ?=",                // bad hex
      "=?UTF-8?Q?a=4?=",                 // cut hex
      "=?NO-SUCH-CHARSET-XYZ?B?YQ==?=",  // unknown charset
      "=?ISO-2022-JP?B?/w==?=",          // byte not valid in ISO-2022-JP
      "=??B?YQ==?=",                     // empty charset
      "=?UTF 8?B?YQ==?=",                // space in the charset
      "=?UTF-8?Q?a b?=",                 // space inside the encoded text
      "=?",
      "=?=",
      "a=?b",
  };
  for (const char* in : kept) CHECK(decode_encoded_words(in) == in);
}

TEST_CASE("RFC 2047: decoded bytes that are not valid UTF-8 are escaped") {
  CHECK(decode_encoded_words("=?UTF-8?Q?a=FFb?=") == "a\\xFFb");
  CHECK(decode_encoded_words("=?UTF-8?Q?a=0Db?=") == "a\\x0Db");
}
