// ui/packets_panel.cpp — packet list and hex view.
#include "ui/packets_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "ui/model/layer_facts.h"
#include "ui/model/ui_strings.h"
#include "ui/theme.h"

namespace mailscope {

void draw_packets_panel(ViewState& s) {
  const Language lang = s.language;
  const Dialogue* d = shown_dialogue(s);
  if (!d) return;
  const auto& packets = s.capture->packets(d->stream());
  const DialogueEvent* event = shown_event(s);
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_SizingFixedFit;
  if (!begin_nested_table("packets", 5, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(ui_text("packets.col.number", lang));
  ImGui::TableSetupColumn(ui_text("packets.col.time", lang));
  ImGui::TableSetupColumn(ui_text("packets.col.dir", lang));
  ImGui::TableSetupColumn(ui_text("packets.col.flags", lang));
  ImGui::TableSetupColumn(ui_text("packets.col.len", lang), ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  const int64_t origin = d->session.first_time_ns;
  const size_t shown = s.packet.valid && s.packet.stream == d->stream() ? s.packet.index : ViewState::kNone;
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(packets.size()));
  // Keep the shown packet in view when the playback moves it.
  static size_t last_scrolled = ViewState::kNone;
  if (shown != last_scrolled && shown != ViewState::kNone) {
    clipper.ForceDisplayRangeByIndices(static_cast<int>(shown), static_cast<int>(shown) + 1);
  }
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const PacketRef& p = packets[i];
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      bool carries = event && !event->span.empty() && p.number >= event->span.first_packet &&
                     p.number <= event->span.last_packet && p.direction == event->direction;
      if (carries) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, arrow_colour(ArrowMeaning::command, 0.18f));
      char label[32];
      std::snprintf(label, sizeof label, "%llu", static_cast<unsigned long long>(p.number));
      if (ImGui::Selectable(label, static_cast<size_t>(i) == shown, ImGuiSelectableFlags_SpanAllColumns))
        choose_packet(s, static_cast<size_t>(i));
      if (static_cast<size_t>(i) == shown && shown != last_scrolled) {
        ImGui::SetScrollHereY(0.4f);
        last_scrolled = shown;
      }
      ImGui::TableSetColumnIndex(1);
      ImGui::TextUnformatted(format_duration(p.time_ns - origin).c_str());
      ImGui::TableSetColumnIndex(2);
      ImGui::TextUnformatted(ui_text(p.direction == Direction::client_to_server ? "packets.dir.c2s" : "packets.dir.s2c", lang));
      ImGui::TableSetColumnIndex(3);
      ImGui::TextUnformatted(tcp_flags_label(p.flags).c_str());
      ImGui::TableSetColumnIndex(4);
      ImGui::Text("%u", p.payload_length);
    }
  }
  ImGui::EndTable();
}

void draw_hex_panel(ViewState& s) {
  const Language lang = s.language;
  const ShownPacket& p = s.packet;
  if (!p.valid) {
    ImGui::TextWrapped("%s", ui_text(shown_dialogue(s) ? "hex.none" : "inspector.none", lang));
    return;
  }
  // Layer legend.
  for (int l = 2; l <= 7; l += (l == 4 ? 3 : 1)) {
    OsiLayer layer = static_cast<OsiLayer>(l);
    ImVec2 at = ImGui::GetCursorScreenPos();
    float h = ImGui::GetTextLineHeight();
    ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + h, at.y + h), layer_colour(layer, 0.55f), 2.0f);
    ImGui::Dummy(ImVec2(h, h));
    ImGui::SameLine();
    ImGui::TextUnformatted(std::string(osi_layer_title(layer, lang)).c_str());
    ImGui::SameLine();
  }
  ImGui::NewLine();

  ImGui::PushFont(s.fonts.mono);
  ImGui::BeginChild("hex", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_NoBackground);
  const float cw = ImGui::CalcTextSize("0").x;
  const float avail = ImGui::GetContentRegionAvail().x;
  // 16 bytes a line when it fits (offset 6 + 16*3 + 1 + 16 characters), else 8.
  const int per_line = avail >= cw * 72 ? 16 : 8;
  const size_t size = p.bytes.size();
  const int lines = static_cast<int>((size + per_line - 1) / per_line);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float lh = ImGui::GetTextLineHeightWithSpacing();
  auto colour_at = [&](size_t offset) {
    for (const LayerRange& r : p.ranges)
      if (offset >= r.begin && offset < r.end) return layer_colour(r.layer, 0.45f);
    return static_cast<ImU32>(0);
  };
  const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text);
  static const char kHex[] = "0123456789abcdef";
  ImGuiListClipper clipper;
  clipper.Begin(lines, lh);
  while (clipper.Step()) {
    for (int line = clipper.DisplayStart; line < clipper.DisplayEnd; ++line) {
      ImVec2 at = ImGui::GetCursorScreenPos();
      const size_t base = static_cast<size_t>(line) * per_line;
      const int count = static_cast<int>(std::min<size_t>(per_line, size - base));
      char offset[12];
      std::snprintf(offset, sizeof offset, "%04zx", base);
      dl->AddText(at, faint_text_colour(), offset);
      const float hex_x = at.x + cw * 6;
      const float ascii_x = hex_x + cw * (per_line * 3 + 1);
      // Tints first, one rectangle per run of bytes of the same layer (a rectangle per byte
      // would be hundreds of small triangles, each costly in a software renderer).
      for (int i = 0; i < count;) {
        const ImU32 bg = colour_at(base + i);
        int j = i + 1;
        while (j < count && colour_at(base + j) == bg) ++j;
        if (bg) {
          dl->AddRectFilled(ImVec2(hex_x + cw * (i * 3) - 1, at.y), ImVec2(hex_x + cw * ((j - 1) * 3 + 2) + 1, at.y + lh - 1), bg);
          dl->AddRectFilled(ImVec2(ascii_x + cw * i, at.y), ImVec2(ascii_x + cw * j, at.y + lh - 1), bg);
        }
        i = j;
      }
      // Then the line's hex and its characters as two strings (the font is monospaced).
      char hex[16 * 3 + 1], ascii[16 + 1];
      for (int i = 0; i < count; ++i) {
        const uint8_t b = p.bytes[base + i];
        hex[i * 3] = kHex[b >> 4];
        hex[i * 3 + 1] = kHex[b & 15];
        hex[i * 3 + 2] = ' ';
        ascii[i] = b >= 0x20 && b < 0x7F ? static_cast<char>(b) : '.';
      }
      dl->AddText(ImVec2(hex_x, at.y), text_col, hex, hex + std::max(0, count * 3 - 1));
      dl->AddText(ImVec2(ascii_x, at.y), text_col, ascii, ascii + count);
      ImGui::Dummy(ImVec2(cw * (6 + per_line * 4 + 1), lh - ImGui::GetStyle().ItemSpacing.y));
    }
  }
  ImGui::EndChild();
  ImGui::PopFont();
}

}  // namespace mailscope
