// dialogue/explanations.cpp — one lookup over all explanation tables, with family fallbacks.
//
// The four tables (general, smtp, pop3, imap) are merged once into an index sorted by key, so
// a lookup is a binary search (views call explain() for every visible row, every frame).
// When a key has no row, the chain is, for each dot-separated level from the right:
//   a 3-digit code "smtp.reply.451" -> "smtp.reply.4xx" (RFC 5321 §4.2.1: the first digit
//   says success, intermediate, transient or permanent failure), then "<parent>.unknown"
//   ("smtp.cmd.FOO" -> "smtp.cmd.unknown"), then the same one level up; finally the key itself.
// A missing Japanese text falls back to the English one.
#include "dialogue/explanations.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <vector>

namespace mailscope {
namespace {

struct IndexRow {
  std::string_view key;
  const ExplanationEntry* entry;
};

std::vector<IndexRow> build_index() {
  std::vector<IndexRow> rows;
  const ExplanationTable tables[] = {explanations_general(), explanations_smtp(),
                                     explanations_pop3(), explanations_imap()};
  for (const ExplanationTable& table : tables) {
    if (table.entries == nullptr) continue;
    for (size_t i = 0; i < table.count; ++i) {
      const ExplanationEntry& e = table.entries[i];
      if (e.key == nullptr || e.english == nullptr) continue;
      rows.push_back({e.key, &e});
    }
  }
  // Stable: when two tables define a key, the earlier table (general first) wins.
  std::stable_sort(rows.begin(), rows.end(),
                   [](const IndexRow& a, const IndexRow& b) { return a.key < b.key; });
  rows.erase(std::unique(rows.begin(), rows.end(),
                         [](const IndexRow& a, const IndexRow& b) { return a.key == b.key; }),
             rows.end());
  return rows;
}

const std::vector<IndexRow>& index() {
  static const std::vector<IndexRow> rows = build_index();  // thread-safe initialisation
  return rows;
}

const ExplanationEntry* find_exact(std::string_view key) {
  const std::vector<IndexRow>& rows = index();
  auto it = std::lower_bound(rows.begin(), rows.end(), key,
                             [](const IndexRow& row, std::string_view k) { return row.key < k; });
  if (it == rows.end() || it->key != key) return nullptr;
  return it->entry;
}

bool is_reply_code(std::string_view s) {
  return s.size() == 3 && s[0] >= '1' && s[0] <= '5' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' &&
         s[2] <= '9';
}

const ExplanationEntry* find_with_fallback(std::string_view key) {
  if (const ExplanationEntry* e = find_exact(key)) return e;
  std::string candidate;
  std::string_view level = key;
  for (size_t dot = level.rfind('.'); dot != std::string_view::npos && dot > 0;
       dot = level.rfind('.')) {
    std::string_view parent = level.substr(0, dot);
    std::string_view last = level.substr(dot + 1);
    if (is_reply_code(last)) {
      candidate.assign(parent).append(".").push_back(last[0]);
      candidate.append("xx");
      if (const ExplanationEntry* e = find_exact(candidate)) return e;
    }
    candidate.assign(parent).append(".unknown");
    if (candidate != key) {
      if (const ExplanationEntry* e = find_exact(candidate)) return e;
    }
    level = parent;
  }
  return nullptr;
}

}  // namespace

std::string_view explain(std::string_view key, Language language) {
  const ExplanationEntry* e = find_with_fallback(key);
  if (e == nullptr) return key;  // the caller's key: "never empty" as long as the key is not
  if (language == Language::japanese && e->japanese != nullptr && e->japanese[0] != '\0') {
    return e->japanese;
  }
  return e->english;
}

bool has_explanation(std::string_view key) { return find_exact(key) != nullptr; }

TranslationKey smtp_reply_key(int code) {
  // Every SMTP reply asks for its key: the three-digit ones (RFC 5321 §4.2: 2yz to 5yz) come
  // from a table written once, so the event points at it instead of holding its own string.
  static const auto table = [] {
    std::array<std::array<char, 16>, 400> keys{};
    for (int c = 200; c < 600; ++c) {
      std::snprintf(keys[c - 200].data(), keys[c - 200].size(), "smtp.reply.%d", c);
    }
    return keys;
  }();
  if (code >= 200 && code < 600) return TranslationKey::literal(table[code - 200].data());
  return TranslationKey("smtp.reply." + std::to_string(code));
}

}  // namespace mailscope
