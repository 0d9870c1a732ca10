// ui/sessions_panel.cpp — the session table.
#include "ui/sessions_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "ui/model/layer_facts.h"
#include "ui/model/ui_strings.h"
#include "ui/theme.h"

namespace mailscope {

namespace {

enum Column { kProtocol, kEndpoints, kStart, kDuration, kCommands, kBytes, kBadges };

struct SessionsCache {
  uint64_t generation = ~0ull;
  std::string filter;
  int protocol = -1;               // -1 all, else a Protocol value
  int sort_column = kStart;
  bool ascending = true;
  std::vector<uint32_t> rows;      // stream numbers, filtered and sorted
  char filter_input[128] = "";
};

uint64_t total_bytes(const Dialogue& d) {
  return d.session.stats[0].delivered_bytes + d.session.stats[1].delivered_bytes;
}

bool has_gaps(const Dialogue& d) { return d.session.stats[0].gaps + d.session.stats[1].gaps > 0; }
bool has_retrans(const Dialogue& d) {
  return d.session.stats[0].retransmissions + d.session.stats[1].retransmissions > 0;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool matches(const Dialogue& d, const std::string& needle) {
  if (needle.empty()) return true;
  std::string hay = lower(std::string(protocol_name(d.protocol)) + " " + d.session.client.to_string() + " " +
                          d.session.server.to_string() + " " + d.summary.auth_user + " " + d.summary.auth_mechanism);
  return hay.find(needle) != std::string::npos;
}

void rebuild(SessionsCache& c, const LoadedCapture& capture) {
  c.rows.clear();
  std::string needle = lower(c.filter);
  for (uint32_t stream : capture.streams) {
    const Dialogue* d = capture.dialogue(stream);
    if (!d) continue;
    if (c.protocol >= 0 && static_cast<int>(d->protocol) != c.protocol) continue;
    if (!matches(*d, needle)) continue;
    c.rows.push_back(stream);
  }
  auto key = [&](const Dialogue& d) -> int64_t {
    switch (c.sort_column) {
      case kProtocol: return static_cast<int64_t>(d.protocol);
      case kDuration: return d.session.last_time_ns - d.session.first_time_ns;
      case kCommands: return d.summary.commands;
      case kBytes: return static_cast<int64_t>(total_bytes(d));
      case kBadges: return d.summary.cleartext_password_seen * 8 + d.summary.auth_seen * 4 + d.summary.tls * 2 + has_gaps(d);
      default: return d.session.first_time_ns;
    }
  };
  std::stable_sort(c.rows.begin(), c.rows.end(), [&](uint32_t a, uint32_t b) {
    const Dialogue& da = *capture.dialogue(a);
    const Dialogue& db = *capture.dialogue(b);
    if (c.sort_column == kEndpoints) {
      std::string sa = da.session.client.to_string(), sb = db.session.client.to_string();
      return c.ascending ? sa < sb : sb < sa;
    }
    int64_t ka = key(da), kb = key(db);
    if (ka == kb) return a < b;
    return c.ascending ? ka < kb : kb < ka;
  });
}

void badge(const char* text, ImU32 colour, const char* tip) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
  ImGui::SameLine();
}

const Protocol kProtocols[] = {Protocol::smtp, Protocol::submission, Protocol::pop3, Protocol::imap,
                               Protocol::smtps, Protocol::pop3s, Protocol::imaps, Protocol::other};

}  // namespace

void draw_sessions_panel(ViewState& s) {
  static SessionsCache cache;
  const Language lang = s.language;
  if (!s.capture) {
    ImGui::TextWrapped("%s", ui_text("status.ready", lang));
    return;
  }
  const LoadedCapture& capture = *s.capture;

  // Filters.
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.55f);
  ImGui::InputTextWithHint("##filter", ui_text("sessions.filter_hint", lang), cache.filter_input,
                           sizeof cache.filter_input);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  const char* current = cache.protocol < 0 ? ui_text("sessions.all_protocols", lang)
                                           : protocol_name(static_cast<Protocol>(cache.protocol)).data();
  int protocol = cache.protocol;
  if (ImGui::BeginCombo("##protocol", current)) {
    if (ImGui::Selectable(ui_text("sessions.all_protocols", lang), protocol < 0)) protocol = -1;
    for (Protocol p : kProtocols)
      if (ImGui::Selectable(protocol_name(p).data(), protocol == static_cast<int>(p))) protocol = static_cast<int>(p);
    ImGui::EndCombo();
  }
  bool dirty = cache.generation != s.capture_generation || cache.filter != cache.filter_input || cache.protocol != protocol;
  cache.filter = cache.filter_input;
  cache.protocol = protocol;

  ImGui::TextDisabled("%s", ui_format("sessions.count", lang, {std::to_string(cache.rows.size()),
                                                              std::to_string(capture.session_count())}).c_str());
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollX;
  if (!begin_nested_table("sessions", 7, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(ui_text("sessions.col.protocol", lang));
  ImGui::TableSetupColumn(ui_text("sessions.col.endpoints", lang));
  ImGui::TableSetupColumn(ui_text("sessions.col.start", lang), ImGuiTableColumnFlags_DefaultSort);
  ImGui::TableSetupColumn(ui_text("sessions.col.duration", lang));
  ImGui::TableSetupColumn(ui_text("sessions.col.commands", lang));
  ImGui::TableSetupColumn(ui_text("sessions.col.bytes", lang));
  ImGui::TableSetupColumn(ui_text("sessions.col.badges", lang));
  ImGui::TableHeadersRow();
  if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && (specs->SpecsDirty || dirty)) {
    if (specs->SpecsCount > 0) {
      cache.sort_column = specs->Specs[0].ColumnIndex;
      cache.ascending = specs->Specs[0].SortDirection != ImGuiSortDirection_Descending;
    }
    specs->SpecsDirty = false;
    dirty = true;
  }
  if (dirty) {
    rebuild(cache, capture);
    cache.generation = s.capture_generation;
  }

  const int64_t origin = capture.streams.empty() ? 0 : capture.dialogue(capture.streams.front())->session.first_time_ns;
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(cache.rows.size()));
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const uint32_t stream = cache.rows[row];
      const Dialogue& d = *capture.dialogue(stream);
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(kProtocol);
      ImGui::PushID(static_cast<int>(stream));
      bool selected = s.has_stream && s.stream == stream;
      std::string proto(protocol_name(d.protocol));
      if (ImGui::Selectable(proto.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns)) select_session(s, stream);
      ImGui::PopID();
      ImGui::TableSetColumnIndex(kEndpoints);
      ImGui::Text("%s → %s", d.session.client.to_string().c_str(), d.session.server.to_string().c_str());
      ImGui::TableSetColumnIndex(kStart);
      ImGui::TextUnformatted(format_duration(d.session.first_time_ns - origin).c_str());
      ImGui::TableSetColumnIndex(kDuration);
      ImGui::TextUnformatted(format_duration(d.session.last_time_ns - d.session.first_time_ns).c_str());
      ImGui::TableSetColumnIndex(kCommands);
      ImGui::Text("%u", d.summary.commands);
      ImGui::TableSetColumnIndex(kBytes);
      ImGui::Text("%llu", static_cast<unsigned long long>(total_bytes(d)));
      ImGui::TableSetColumnIndex(kBadges);
      if (d.summary.auth_seen) badge(ui_text("sessions.badge.auth", lang), arrow_colour(ArrowMeaning::command), ui_text("sessions.tip.auth", lang));
      if (d.summary.cleartext_password_seen)
        badge(ui_text("sessions.badge.cleartext", lang), arrow_colour(ArrowMeaning::perm_failure), ui_text("sessions.tip.cleartext", lang));
      if (d.summary.tls) badge(ui_text("sessions.badge.tls", lang), arrow_colour(ArrowMeaning::success), ui_text("sessions.tip.tls", lang));
      if (has_gaps(d)) badge(ui_text("sessions.badge.gaps", lang), arrow_colour(ArrowMeaning::temp_failure), ui_text("sessions.tip.gaps", lang));
      if (has_retrans(d)) badge(ui_text("sessions.badge.retrans", lang), arrow_colour(ArrowMeaning::info), ui_text("sessions.tip.retrans", lang));
    }
  }
  ImGui::EndTable();
}

}  // namespace mailscope
