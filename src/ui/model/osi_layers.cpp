// ui/model/osi_layers.cpp — byte ranges per OSI layer and the layer texts.
#include "ui/model/osi_layers.h"

#include <algorithm>

namespace mailscope {

namespace {

struct LayerText {
  const char* title_en;
  const char* title_ja;
  const char* job_en;
  const char* job_ja;
};

// Index 0 is L1. The texts follow the usual teaching of the OSI reference model (ISO/IEC 7498-1).
const LayerText kLayerTexts[7] = {
    {"L1 Physical", "L1 物理層",
     "Sends the bits as signals on the cable or radio. A capture sees only the result: the frame's "
     "length, when it arrived and on which interface.",
     "ビットを電気・光・電波の信号として送ります。キャプチャで分かるのはフレームの長さ、到着時刻、"
     "受信したインタフェースだけです。"},
    {"L2 Data link", "L2 データリンク層",
     "Carries the frame to the next device on the same link, addressed by MAC addresses; the "
     "EtherType says which network protocol is inside.",
     "同じリンク上の隣の機器までフレームを届けます。宛先は MAC アドレスで、EtherType が中身の"
     "ネットワーク層プロトコルを示します。"},
    {"L3 Network", "L3 ネットワーク層",
     "Carries the packet from the sending host to the receiving host across routers, addressed by "
     "IP addresses; TTL (hop limit) stops packets that loop.",
     "IP アドレスを使い、ルータを越えて送信元ホストから宛先ホストまでパケットを届けます。TTL "
     "(ホップリミット) はループするパケットを止めます。"},
    {"L4 Transport", "L4 トランスポート層",
     "TCP connects two programs by port numbers and turns packets into a reliable byte stream: "
     "sequence and acknowledgement numbers, retransmission, flow control by the window.",
     "TCP はポート番号で 2 つのプログラムをつなぎ、パケットを信頼できるバイト列にします。"
     "シーケンス番号・確認応答番号、再送、ウィンドウによるフロー制御を行います。"},
    {"L5 Session", "L5 セッション層",
     "Keeps track of the conversation: who is logged in, which mailbox is open, where a mail "
     "transaction stands. Mail protocols do this themselves, inside the TCP connection.",
     "対話の状態を管理します。誰がログインしているか、どのメールボックスを開いているか、"
     "メール転送がどこまで進んだか。メールのプロトコルは TCP 接続の中でこれを自分で行います。"},
    {"L6 Presentation", "L6 プレゼンテーション層",
     "Decides how data is represented: text lines ending in CRLF, base64 in AUTH, MIME encodings, "
     "modified UTF-7 mailbox names, and encryption by TLS.",
     "データの表現形式を決めます。CRLF で終わるテキスト行、AUTH の base64、MIME エンコード、"
     "修正 UTF-7 のメールボックス名、TLS による暗号化などです。"},
    {"L7 Application", "L7 アプリケーション層",
     "The mail protocol itself: SMTP sends mail, POP3 and IMAP read it. Commands and replies are "
     "lines of text that people can read.",
     "メールのプロトコルそのものです。SMTP はメールを送り、POP3 と IMAP はメールを読みます。"
     "コマンドと応答は人が読めるテキスト行です。"},
};

const LayerText& text_of(OsiLayer layer) {
  int index = std::clamp(static_cast<int>(layer), 1, 7) - 1;
  return kLayerTexts[index];
}

}  // namespace

std::vector<LayerRange> layer_ranges(const DecodedPacket& packet) {
  std::vector<LayerRange> ranges;
  const uint32_t size = packet.captured_length;
  auto clip = [size](uint32_t v) { return std::min(v, size); };
  auto add = [&ranges](OsiLayer layer, uint32_t begin, uint32_t end) {
    if (end > begin) ranges.push_back({layer, begin, end});
  };
  // Offsets are only meaningful as far as decoding got; a later offset of 0 means "not reached".
  uint32_t l3 = clip(packet.l3_offset), l4 = clip(packet.l4_offset), pay = clip(packet.payload_offset);
  if (packet.status == DecodeStatus::unknown_link) {
    add(OsiLayer::data_link, 0, size);
    return ranges;
  }
  if (l3 < clip(packet.l2_offset)) l3 = size;
  add(OsiLayer::data_link, 0, l3);
  if (!packet.is_tcp()) {
    // Past the link layer we only know it is a network-layer packet (IP, ARP, a fragment, ...).
    add(OsiLayer::network, l3, size);
    return ranges;
  }
  l4 = std::max(l4, l3);
  pay = std::max(pay, l4);
  add(OsiLayer::network, l3, l4);
  add(OsiLayer::transport, l4, pay);
  uint32_t payload_end = clip(pay + packet.payload_length);
  add(OsiLayer::application, pay, payload_end);
  add(OsiLayer::data_link, payload_end, size);  // Ethernet padding / trailer
  return ranges;
}

OsiLayer layer_of_byte(const DecodedPacket& packet, uint32_t offset) {
  for (const LayerRange& r : layer_ranges(packet)) {
    if (offset >= r.begin && offset < r.end) return r.layer;
  }
  return OsiLayer::physical;  // beyond the captured bytes
}

int layer_number(OsiLayer layer) { return static_cast<int>(layer); }

std::string_view osi_layer_title(OsiLayer layer, Language language) {
  const LayerText& t = text_of(layer);
  return language == Language::japanese ? t.title_ja : t.title_en;
}

std::string_view osi_layer_explanation(OsiLayer layer, Language language) {
  const LayerText& t = text_of(layer);
  return language == Language::japanese ? t.job_ja : t.job_en;
}

}  // namespace mailscope
