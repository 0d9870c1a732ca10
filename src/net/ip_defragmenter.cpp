// net/ip_defragmenter.cpp — reassembly of IPv4 (RFC 791 §3.2) and IPv6 (RFC 8200 §4.5)
// fragments into whole datagrams, with every buffer capped.
//
// Each pending datagram keeps its payload bytes and the sorted, merged list of byte ranges
// received. A fragment only fills bytes no earlier fragment filled (first data wins, as in
// tcp/), so overlapping fragments cannot rewrite what was already placed (RFC 5722 would drop
// the datagram for IPv6; keeping the first bytes shows the learner the same stream as the
// TCP layer would). A datagram is complete when the last fragment (MF = 0) fixed its length
// and the ranges cover [0, length).
#include "net/ip_defragmenter.h"

#include <algorithm>

#include "net/ip_layer.h"

namespace mailscope {
namespace {

// RFC 791: the total length is 16 bits, so no IPv4 datagram payload is longer than this;
// IPv6 fragments without jumbograms (RFC 2675 forbids fragmenting them) obey the same bound.
constexpr uint32_t kMaxDatagramPayload = 65535;

// Counted against max_bytes for each pending datagram besides its bytes, so that a flood of
// one-byte fragments with distinct ids is capped too.
constexpr uint64_t kPendingOverhead = 128;

// Expiry scans the table; doing it at most this often (capture time) keeps add() cheap.
constexpr int64_t kExpiryInterval = 1'000'000'000;

}  // namespace

IpDefragmenter::IpDefragmenter(DefragLimits limits) : limits_(limits) {}

void IpDefragmenter::expire(int64_t now_ns) {
  if (now_ns - last_expiry_ns_ < kExpiryInterval && now_ns >= last_expiry_ns_) return;
  last_expiry_ns_ = now_ns;
  for (auto it = pending_.begin(); it != pending_.end();) {
    if (now_ns - it->second.first_seen_ns > limits_.timeout_ns)
      it = drop(it);
    else
      ++it;
  }
}

std::map<IpDefragmenter::Key, IpDefragmenter::Pending>::iterator IpDefragmenter::drop(
    std::map<Key, Pending>::iterator it) {
  buffered_ -= it->second.bytes.size() + kPendingOverhead;
  ++stats_.datagrams_dropped;
  return pending_.erase(it);
}

void IpDefragmenter::make_room(uint64_t needed, bool new_datagram) {
  // The oldest datagram is the least likely to complete.
  while (!pending_.empty() && (buffered_ + needed > limits_.max_bytes ||
                               (new_datagram && pending_.size() >= limits_.max_datagrams))) {
    auto oldest = pending_.begin();
    for (auto it = pending_.begin(); it != pending_.end(); ++it)
      if (it->second.first_seen_ns < oldest->second.first_seen_ns) oldest = it;
    drop(oldest);
  }
}

bool IpDefragmenter::add(const Frame& frame, DecodedPacket& packet) {
  if (packet.status != DecodeStatus::ip_fragment) return false;
  ++stats_.fragments;
  expire(frame.time_ns);

  const IpInfo& ip = packet.ip;
  uint32_t begin = ip.fragment_offset;
  uint32_t length = packet.payload_length;  // what was captured of this fragment
  uint32_t end = begin + length;
  // What the sender sent: larger than `length` when the snap length cut the fragment, which
  // then leaves a hole that never fills.
  uint32_t end_on_wire = begin + (ip.total_length - ip.header_length);
  if (end_on_wire > kMaxDatagramPayload || end > end_on_wire) {
    ++stats_.datagrams_dropped;  // RFC 791: no datagram is this long; a forged offset
    return false;
  }

  Key key{ip.source, ip.destination, ip.fragment_id, ip.protocol};
  auto it = pending_.find(key);
  if (it == pending_.end()) {
    make_room(kPendingOverhead + end, true);
    if (buffered_ + kPendingOverhead + end > limits_.max_bytes) {
      ++stats_.datagrams_dropped;  // a single datagram larger than the whole budget
      return false;
    }
    it = pending_.emplace(key, Pending{}).first;
    it->second.first_seen_ns = frame.time_ns;
    buffered_ += kPendingOverhead;
  }
  Pending& pending = it->second;

  if (end > pending.bytes.size()) {
    uint64_t growth = end - pending.bytes.size();
    if (buffered_ + growth > limits_.max_bytes) {
      drop(it);
      return false;
    }
    pending.bytes.resize(end);
    buffered_ += growth;
  }

  // First data wins: copy only into the gaps between ranges already received.
  uint32_t cursor = begin;
  for (const auto& [have_begin, have_end] : pending.have) {
    if (have_end <= cursor) continue;
    if (have_begin >= end) break;
    if (have_begin > cursor)
      std::copy(packet.payload + (cursor - begin), packet.payload + (have_begin - begin),
                pending.bytes.begin() + cursor);
    cursor = std::max(cursor, have_end);
    if (cursor >= end) break;
  }
  if (cursor < end)
    std::copy(packet.payload + (cursor - begin), packet.payload + length,
              pending.bytes.begin() + cursor);
  if (length > 0) add_range(pending.have, begin, end);

  // RFC 791 §3.2: the fragment without MF tells the datagram's length (the first one seen
  // is kept if a later one disagrees).
  if (!ip.more_fragments && pending.total_length == 0) pending.total_length = end_on_wire;
  if (pending.total_length == 0 || pending.have.size() != 1 || pending.have[0].first != 0 ||
      pending.have[0].second < pending.total_length)
    return false;

  rebuilt_.assign(pending.bytes.begin(), pending.bytes.begin() + pending.total_length);
  uint8_t protocol = ip.protocol;
  buffered_ -= pending.bytes.size() + kPendingOverhead;
  pending_.erase(it);
  ++stats_.datagrams_rebuilt;
  return describe_rebuilt(protocol, packet);
}

void IpDefragmenter::add_range(std::vector<std::pair<uint32_t, uint32_t>>& have, uint32_t begin,
                               uint32_t end) {
  auto at = std::lower_bound(have.begin(), have.end(), std::make_pair(begin, end));
  at = have.insert(at, {begin, end});
  // Merge with neighbours that touch or overlap, keeping the list sorted and disjoint.
  size_t i = static_cast<size_t>(at - have.begin());
  if (i > 0 && have[i - 1].second >= have[i].first) --i;
  while (i + 1 < have.size() && have[i].second >= have[i + 1].first) {
    have[i].second = std::max(have[i].second, have[i + 1].second);
    have.erase(have.begin() + static_cast<std::ptrdiff_t>(i + 1));
  }
}

bool IpDefragmenter::describe_rebuilt(uint8_t protocol, DecodedPacket& packet) {
  uint32_t offset = 0;
  uint32_t size = static_cast<uint32_t>(rebuilt_.size());
  // RFC 8200 §4.5: headers after the Fragment header (e.g. Destination Options) are part of
  // the fragmentable part, so they are in the rebuilt bytes.
  if (packet.ip.version == 6 && skip_ipv6_extensions(rebuilt_.data(), size, protocol, offset))
    return false;
  packet.ip.protocol = protocol;
  packet.ip.more_fragments = false;
  packet.ip.fragment_offset = 0;
  uint32_t total = packet.ip.version == 4 ? packet.ip.header_length + size : 40u + size;
  packet.ip.total_length = static_cast<uint16_t>(std::min<uint32_t>(total, 0xffff));
  packet.reassembled_from_fragments = true;
  if (protocol != ip_protocol::tcp) {
    packet.status = DecodeStatus::not_tcp;
    return false;
  }
  const uint8_t* segment = rebuilt_.data() + offset;
  uint32_t segment_length = size - offset;
  if (const char* problem = read_tcp_header(segment, segment_length, segment_length, packet.tcp)) {
    packet.status = DecodeStatus::malformed;
    packet.problem = problem;
    return false;
  }
  packet.status = DecodeStatus::tcp;
  packet.problem = nullptr;
  packet.payload = segment + packet.tcp.header_length;
  packet.payload_length = segment_length - packet.tcp.header_length;
  return true;
}

}  // namespace mailscope
