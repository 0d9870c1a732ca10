// tests/ui/model_strings_test.cpp — the interface strings and OSI layer texts in both languages.
#include <catch2/catch.hpp>

#include <cstring>
#include <set>
#include <string>

#include "ui/model/osi_layers.h"
#include "ui/model/ui_strings.h"

using namespace mailscope;

namespace {
bool has_non_ascii(const char* s) {
  for (; *s; ++s)
    if (static_cast<unsigned char>(*s) >= 0x80) return true;
  return false;
}
}  // namespace

TEST_CASE("every UI string has English and Japanese, and keys are unique") {
  size_t count = 0;
  const UiStringEntry* table = ui_strings_table(count);
  REQUIRE(count > 100);
  std::set<std::string> keys;
  size_t japanese_differs = 0;
  for (size_t i = 0; i < count; ++i) {
    INFO(table[i].key);
    CHECK(keys.insert(table[i].key).second);
    CHECK(std::strlen(table[i].english) > 0);
    CHECK(std::strlen(table[i].japanese) > 0);
    japanese_differs += std::strcmp(table[i].english, table[i].japanese) != 0;
  }
  CHECK(japanese_differs > count * 3 / 4);  // translated, not copied
}

TEST_CASE("the keys the panels use exist") {
  for (const char* key : {"menu.file", "menu.file.open", "menu.file.recent", "menu.view", "menu.view.language",
                          "sessions.col.protocol", "sessions.badge.cleartext", "stage.empty", "play.play", "play.pause",
                          "play.timing_real", "play.timing_even", "inspector.title", "hex.title", "error.open",
                          "status.loaded", "load.cancel", "browser.title", "lang.en", "lang.ja", "tcp.SYN",
                          "tcp.SYN/ACK", "tcp.FIN/ACK", "tcp.RST"}) {
    INFO(key);
    CHECK(has_ui_text(key));
  }
}

TEST_CASE("ui_text falls back to the key, ui_format fills placeholders") {
  CHECK(std::string(ui_text("no.such.key", Language::english)) == "no.such.key");
  CHECK(std::string(ui_text("menu.file", Language::japanese)) == "ファイル");
  CHECK(ui_format("status.loaded", Language::english, {"a.pcap", "3", "42"}) == "a.pcap: 3 sessions, 42 packets.");
  CHECK(ui_format("sessions.count", Language::japanese, {"1", "9"}) == "9 件中 1 件");
  // Missing arguments leave the placeholder visible rather than reading past the list.
  CHECK(ui_format("status.loaded", Language::english, {"a.pcap"}) == "a.pcap: {1} sessions, {2} packets.");
}

TEST_CASE("the seven OSI layers have titles and explanations in both languages") {
  std::set<std::string> titles;
  for (int n = 1; n <= 7; ++n) {
    OsiLayer layer = static_cast<OsiLayer>(n);
    std::string en(osi_layer_title(layer, Language::english)), ja(osi_layer_title(layer, Language::japanese));
    CHECK(en.rfind("L" + std::to_string(n), 0) == 0);
    CHECK(ja.rfind("L" + std::to_string(n), 0) == 0);
    CHECK(has_non_ascii(ja.c_str()));
    CHECK(titles.insert(en).second);
    CHECK(osi_layer_explanation(layer, Language::english).size() > 40);
    CHECK(has_non_ascii(std::string(osi_layer_explanation(layer, Language::japanese)).c_str()));
  }
  CHECK(osi_layer_title(OsiLayer::transport, Language::japanese) == "L4 トランスポート層");
}
