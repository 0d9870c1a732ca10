// ui/model/osi_layers.h — the seven OSI layers: which bytes of a packet belong to which layer,
// and the short explanation of each layer's job (English and Japanese).
//
//   DecodedPacket packet;  decode_frame(frame, packet);
//   for (const LayerRange& r : layer_ranges(packet)) tint(r.begin, r.end, layer_colour(r.layer));
//   std::string_view job = osi_layer_explanation(OsiLayer::transport, Language::japanese);
//
// L1 (the physical signal, preamble, FCS) has no bytes in a capture; L5–L7 share the TCP
// payload, which mail protocols use for all three. Bytes after the IP datagram (Ethernet
// padding, trailers) belong to L2 again.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "dialogue/explanations.h"
#include "net/packet.h"

namespace mailscope {

enum class OsiLayer : uint8_t {
  physical = 1,
  data_link = 2,
  network = 3,
  transport = 4,
  session = 5,
  presentation = 6,
  application = 7,
};

struct LayerRange {
  OsiLayer layer = OsiLayer::data_link;
  uint32_t begin = 0, end = 0;  // byte offsets in the frame, [begin, end)
};

// The frame's captured bytes split into layer ranges, in byte order, covering
// [0, captured_length) without overlap. Malformed or non-TCP packets get what was decoded.
std::vector<LayerRange> layer_ranges(const DecodedPacket& packet);

// The layer of the byte at `offset` (same rules as layer_ranges).
OsiLayer layer_of_byte(const DecodedPacket& packet, uint32_t offset);

int layer_number(OsiLayer layer);
// "L4 Transport" / "L4 トランスポート層"
std::string_view osi_layer_title(OsiLayer layer, Language language);
// What the layer does, in one or two sentences for a student.
std::string_view osi_layer_explanation(OsiLayer layer, Language language);

}  // namespace mailscope
