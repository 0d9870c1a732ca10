// tests/protocols/pop3/md5_digest.h — MD5 (RFC 1321), only to check APOP digests in tests.
//
// APOP (RFC 1939 §7) sends MD5(timestamp + password) as 32 lower-case hex digits; the decoder
// cannot verify it (it never knows the password), but the tests can, for their own sessions.
#pragma once
#include <string>
#include <string_view>

namespace mailscope::test {

std::string md5_hex(std::string_view message);

}  // namespace mailscope::test
