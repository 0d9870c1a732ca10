// ui/model/layer_facts.h — the OSI inspector's content: for a selected event or packet, what
// each of the seven layers carries, as lines of text in the chosen language.
//
//   DecodedPacket packet;  // the packet that carried the event (read again from the file)
//   LayerFacts facts = describe_layers(dialogue, &event, &packet, capture, Language::japanese);
//   for (const LayerFact& f : facts.layers) draw(f.layer, f.lines);   // L7 first
//
// The texts come from the dialogue (event text, decoded fields, state), the decoded packet
// headers and the explanation tables; nothing here parses protocol bytes.
#pragma once
#include <array>
#include <string>
#include <vector>

#include "dialogue/dialogue.h"
#include "net/packet.h"
#include "ui/model/loaded_capture.h"
#include "ui/model/osi_layers.h"

namespace mailscope {

struct LayerFact {
  OsiLayer layer = OsiLayer::application;
  std::vector<std::string> lines;   // what this packet/event carries at the layer
};

struct LayerFacts {
  std::array<LayerFact, 7> layers;  // [0] = L7 ... [6] = L1, the order of the stack on screen
};

// `event` and `packet` may each be null (a packet selected in the list has no event; an event
// from a capture whose packet cannot be read has no packet). `dialogue` must not be null.
LayerFacts describe_layers(const Dialogue& dialogue, const DialogueEvent* event, const DecodedPacket* packet,
                           const LoadedCapture* capture, Language language);

// "12:34:56.789012" (UTC) for a capture time.
std::string format_clock_time(int64_t time_ns);
// "1.234 s", "12 ms", "850 µs" for a duration.
std::string format_duration(int64_t ns);
// "aa:bb:cc:dd:ee:ff"
std::string format_mac(const std::array<uint8_t, 6>& mac);

}  // namespace mailscope
