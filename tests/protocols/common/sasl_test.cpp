// tests/protocols/common/sasl_test.cpp — what SASL exchanges hid, and what --redact must mask.
#include "protocols/common/sasl.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "protocols/common/text.h"

using namespace mailscope;

namespace {
bool has_secret(const SaslDecoded& d, const std::string& s) {
  return std::find(d.secrets.begin(), d.secrets.end(), s) != d.secrets.end();
}
}  // namespace

TEST_CASE("PLAIN: user and password, both masked forms are secrets") {
  std::string wire = base64_encode(std::string("\0alice\0wonderland", 17));
  CHECK(wire == "AGFsaWNlAHdvbmRlcmxhbmQ=");
  SaslDecoded d = decode_sasl_plain(wire);
  CHECK(d.ok);
  CHECK(d.user == "alice");
  CHECK(d.description == "user \"alice\", password \"wonderland\"");
  CHECK(d.cleartext_password);
  CHECK(has_secret(d, wire));
  CHECK(has_secret(d, "wonderland"));
  CHECK_FALSE(has_secret(d, "alice"));
}

TEST_CASE("PLAIN: an authorization identity other than the user is shown") {
  SaslDecoded d = decode_sasl_plain(base64_encode(std::string("admin\0alice\0pw", 14)));
  CHECK(d.ok);
  CHECK(d.description == "user \"alice\", password \"pw\", acting as \"admin\"");
  SaslDecoded same = decode_sasl_plain(base64_encode(std::string("alice\0alice\0pw", 14)));
  CHECK(same.description == "user \"alice\", password \"pw\"");
}

TEST_CASE("PLAIN: control bytes in a password are shown escaped and both forms masked") {
  SaslDecoded d = decode_sasl_plain(base64_encode(std::string("\0bob\0a\x01z", 8)));
  CHECK(d.ok);
  CHECK(d.description == "user \"bob\", password \"a\\x01z\"");
  CHECK(has_secret(d, "a\\x01z"));
  CHECK(has_secret(d, std::string("a\x01z")));
}

TEST_CASE("PLAIN: malformed, invalid base64, cancel") {
  SaslDecoded one_nul = decode_sasl_plain(base64_encode(std::string("alice\0pw", 8)));
  CHECK_FALSE(one_nul.ok);
  CHECK(one_nul.description == "not a PLAIN message (expected authzid NUL user NUL password)");
  CHECK(has_secret(one_nul, base64_encode(std::string("alice\0pw", 8))));
  SaslDecoded three = decode_sasl_plain(base64_encode(std::string("\0a\0b\0c", 6)));
  CHECK_FALSE(three.ok);
  SaslDecoded bad = decode_sasl_plain("not base64!");
  CHECK_FALSE(bad.ok);
  CHECK(bad.description == "not valid base64");
  CHECK(has_secret(bad, "not base64!"));  // whatever the client typed may be a password
  SaslDecoded cancel = decode_sasl_plain("*");
  CHECK_FALSE(cancel.ok);
  CHECK(cancel.description == "cancelled by the client (\"*\")");
  CHECK(cancel.secrets.empty());
  CHECK(is_sasl_cancel(" * "));
  CHECK_FALSE(is_sasl_cancel("**"));
}

TEST_CASE("LOGIN: prompts and answers") {
  CHECK(decode_sasl_login_prompt("VXNlcm5hbWU6").description == "Username:");
  CHECK(decode_sasl_login_prompt("UGFzc3dvcmQ6").description == "Password:");
  CHECK(decode_sasl_login_prompt("VXNlcm5hbWU6").ok);
  CHECK(decode_sasl_login_prompt("VXNlcm5hbWU6").secrets.empty());
  CHECK_FALSE(decode_sasl_login_prompt("???").ok);

  SaslDecoded user = decode_sasl_login_answer("YWxpY2U=", false);
  CHECK(user.ok);
  CHECK(user.user == "alice");
  CHECK(user.description == "user \"alice\"");
  CHECK(user.secrets.empty());
  CHECK_FALSE(user.cleartext_password);

  SaslDecoded pass = decode_sasl_login_answer("d29uZGVybGFuZA==\r\n", true);
  CHECK(pass.ok);
  CHECK(pass.description == "password \"wonderland\"");
  CHECK(pass.cleartext_password);
  CHECK(has_secret(pass, "d29uZGVybGFuZA=="));
  CHECK(has_secret(pass, "wonderland"));
  CHECK_FALSE(decode_sasl_login_answer("*", true).ok);
}

TEST_CASE("CRAM-MD5: RFC 2195 §2 example") {
  SaslDecoded challenge =
      decode_cram_md5_challenge("PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+");
  CHECK(challenge.ok);
  CHECK(challenge.description == "<1896.697170952@postoffice.reston.mci.net>");
  CHECK(challenge.secrets.empty());
  CHECK_FALSE(decode_cram_md5_challenge(base64_encode("no brackets")).ok);

  SaslDecoded response =
      decode_cram_md5_response("dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw");
  CHECK(response.ok);
  CHECK(response.user == "tim");
  CHECK(response.description ==
        "user \"tim\", HMAC-MD5 digest b913a602c7eda7a495b4e6e7334d3890 (the password itself is "
        "not sent)");
  CHECK_FALSE(response.cleartext_password);
  CHECK(has_secret(response, "b913a602c7eda7a495b4e6e7334d3890"));
  CHECK(has_secret(response, "dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw"));

  CHECK(decode_cram_md5_response(base64_encode("John Doe 0123456789abcdef0123456789abcdef")).user ==
        "John Doe");
  CHECK_FALSE(decode_cram_md5_response(base64_encode("tim b913")).ok);
  CHECK_FALSE(decode_cram_md5_response(base64_encode("tim")).ok);
  CHECK_FALSE(decode_cram_md5_response(base64_encode(" b913a602c7eda7a495b4e6e7334d3890")).ok);
  CHECK_FALSE(decode_cram_md5_response(base64_encode("tim g913a602c7eda7a495b4e6e7334d3890")).ok);
}

TEST_CASE("XOAUTH2: user and token; the server's JSON error") {
  std::string wire = base64_encode(
      "user=alice@example.com\x01"
      "auth=Bearer ya29.vF9dft4qmT\x01\x01");
  SaslDecoded d = decode_xoauth2(wire);
  CHECK(d.ok);
  CHECK(d.user == "alice@example.com");
  CHECK(d.description == "user \"alice@example.com\", OAuth 2.0 access token \"ya29.vF9dft4qmT\"");
  CHECK(has_secret(d, "ya29.vF9dft4qmT"));
  CHECK(has_secret(d, wire));
  CHECK_FALSE(d.cleartext_password);

  SaslDecoded error = decode_xoauth2(base64_encode("{\"status\":\"401\",\"schemes\":\"Bearer\"}"));
  CHECK(error.ok);
  CHECK(error.description == "server error details {\"status\":\"401\",\"schemes\":\"Bearer\"}");
  CHECK(error.secrets.empty());

  CHECK_FALSE(decode_xoauth2(base64_encode("user=alice\x01\x01")).ok);
  CHECK_FALSE(decode_xoauth2(base64_encode("auth=Bearer x\x01\x01")).ok);
  CHECK_FALSE(decode_xoauth2(base64_encode("user=a\x01"
                                           "auth=Basic x\x01\x01"))
                  .ok);
}

TEST_CASE("sasl_explain_key lower-cases the mechanism") {
  CHECK(sasl_explain_key("PLAIN") == "sasl.plain");
  CHECK(sasl_explain_key("CRAM-MD5") == "sasl.cram-md5");
  CHECK(sasl_explain_key(" XOAUTH2 ") == "sasl.xoauth2");
}
