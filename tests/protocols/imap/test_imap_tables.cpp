// tests/protocols/imap/test_imap_tables.cpp — the command and response-code tables are complete:
// every row the decoder can name has an explanation in English and Japanese.
#include <catch2/catch.hpp>
#include <string>

#include "dialogue/explanations.h"
#include "protocols/imap/imap_commands.h"
#include "protocols/imap/imap_response_codes.h"

using namespace mailscope;

namespace {

void require_both_languages(const std::string& key) {
  INFO(key);
  REQUIRE(has_explanation(key));
  CHECK_FALSE(explain(key, Language::english).empty());
  CHECK(explain(key, Language::japanese) != explain(key, Language::english));
}

}  // namespace

TEST_CASE("imap tables: every command has an explanation", "[imap][tables]") {
  size_t count = 0;
  const ImapCommandInfo* rows = imap_commands(count);
  REQUIRE(count >= 40);
  for (size_t i = 0; i < count; ++i) {
    CHECK(find_imap_command(rows[i].verb) == &rows[i]);
    require_both_languages(imap_command_key(&rows[i]));
  }
  CHECK(imap_command_key(find_imap_command("UID FETCH")) == "imap.cmd.UID_FETCH");
  CHECK(find_imap_command("XYZZY") == nullptr);
  require_both_languages(imap_command_key(nullptr));
}

TEST_CASE("imap tables: every response code, status, untagged name and state", "[imap][tables]") {
  for (std::string_view code : known_response_codes()) {
    require_both_languages("imap.code." + std::string(code));
  }
  for (const char* key : {"imap.code.unknown",
                          "imap.status.OK",
                          "imap.status.NO",
                          "imap.status.BAD",
                          "imap.status.PREAUTH",
                          "imap.status.BYE",
                          "imap.status.unknown",
                          "imap.greeting.OK",
                          "imap.greeting.PREAUTH",
                          "imap.greeting.BYE",
                          "imap.untagged.OK",
                          "imap.untagged.NO",
                          "imap.untagged.BAD",
                          "imap.untagged.BYE",
                          "imap.untagged.PREAUTH",
                          "imap.untagged.CAPABILITY",
                          "imap.untagged.LIST",
                          "imap.untagged.LSUB",
                          "imap.untagged.XLIST",
                          "imap.untagged.STATUS",
                          "imap.untagged.SEARCH",
                          "imap.untagged.ESEARCH",
                          "imap.untagged.SORT",
                          "imap.untagged.THREAD",
                          "imap.untagged.FLAGS",
                          "imap.untagged.EXISTS",
                          "imap.untagged.RECENT",
                          "imap.untagged.EXPUNGE",
                          "imap.untagged.FETCH",
                          "imap.untagged.NAMESPACE",
                          "imap.untagged.ENABLED",
                          "imap.untagged.ID",
                          "imap.untagged.QUOTA",
                          "imap.untagged.QUOTAROOT",
                          "imap.untagged.VANISHED",
                          "imap.untagged.unknown",
                          "imap.continuation.literal",
                          "imap.continuation.sasl",
                          "imap.continuation.idle",
                          "imap.continuation.other",
                          "imap.auth_response",
                          "imap.partial",
                          "imap.state.not_authenticated",
                          "imap.state.authenticated",
                          "imap.state.selected",
                          "imap.state.logout",
                          "imap.state.tls",
                          "imap.flag.Seen"}) {
    require_both_languages(key);
  }
  // The \Seen row teaches that read state lives on the server, shared by every device.
  CHECK(std::string(explain("imap.flag.Seen")).find("every device") != std::string::npos);
  CHECK(response_code_name("uidnext 6") == "UIDNEXT");
  CHECK(is_known_response_code("TRYCREATE"));
  CHECK_FALSE(is_known_response_code("FROBNICATE"));
}
