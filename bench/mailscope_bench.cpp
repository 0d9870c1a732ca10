// bench/mailscope_bench.cpp — measures mailscope's passes over a capture; asserts nothing.
//
//   mailscope_bench streams FILE        TCP reassembly only (what `mailscope-cli streams` does)
//   mailscope_bench dialogues FILE [TEXT] reassembly + SMTP/POP3/IMAP decoding on a second thread
//                                       (what `mailscope-cli dialogues` does; TEXT: bytes of
//                                       text kept per event, to see what keeping it costs)
//   mailscope_bench dialogues-1 FILE [TEXT] the same on one thread
//   mailscope_bench kept FILE [TEXT]    the same, keeping every dialogue with all its events
//                                       (TEXT: bytes of text kept per event); the memory held
//   mailscope_bench check FILE MANIFEST compare every session's bytes with the corpus manifest
//                                       written by ../shared/corpus/gen_mail_pcap.py
// Prints one line of figures: bytes, wall seconds, CPU seconds (user + system, all threads; and
// the reading thread's alone), MB/s, sessions, events, sessions the reading thread decoded itself
// (dialogues with a second thread), peak resident memory.
// scripts/bench.sh runs it beside tcpdump, tcpflow and tshark on the same file.
#include <arpa/inet.h>
#include <malloc.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>
#include <vector>

#include "bench/sha256.h"
#include "capture/capture_file.h"
#include "protocols/mail_analyzer.h"

using namespace mailscope;

namespace {

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// CPU seconds (user + system) of the whole process, or of the calling thread alone: with the
// decoding thread, the two give how the work splits between the reading and the decoding side.
double cpu_seconds(int who = RUSAGE_SELF) {
  rusage usage{};
  getrusage(who, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

int run_pass(const char* name, const std::string& path, bool decode, bool on_thread, bool keep = false,
             size_t max_text_bytes = 0) {
  AnalyzerOptions options;
  options.decode = decode;
  options.decode_on_thread = on_thread;
  options.keep_closed = keep;   // kept: hold every dialogue (what a view without replay would hold)
  if (max_text_bytes) options.decoder.max_text_bytes = max_text_bytes;
  MailAnalyzer analyzer(std::move(options));
  uint64_t sessions = 0, events = 0;
  analyzer.on_dialogue_closed = [&](Dialogue& d) {
    ++sessions;
    events += d.events.size();
  };
  auto start = std::chrono::steady_clock::now();
  double cpu_start = cpu_seconds(), reading_cpu_start = cpu_seconds(RUSAGE_THREAD);
  CaptureFile::Opened opened = CaptureFile::open(path);
  if (!opened.ok()) {
    std::fprintf(stderr, "%s\n", opened.error.c_str());
    return 1;
  }
  Frame frame;
  while (opened.file->next(frame)) analyzer.add_frame(frame);
  analyzer.finish();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double cpu = cpu_seconds() - cpu_start;
  double reading_cpu = cpu_seconds(RUSAGE_THREAD) - reading_cpu_start;
  uint64_t bytes = opened.file->size_bytes();
  std::printf("%-11s bytes=%llu seconds=%.3f cpu=%.3f reading_cpu=%.3f rate=%.1f MB/s sessions=%llu events=%llu"
              " decoded_by_reader=%llu peak_rss=%.1f MB\n",
              name, (unsigned long long)bytes, seconds, cpu, reading_cpu, bytes / 1e6 / seconds,
              (unsigned long long)sessions, (unsigned long long)events,
              (unsigned long long)analyzer.stats().sessions_decoded_here, peak_rss_kib() / 1024.0);
  return 0;
}

// Compares each session's delivered bytes (count and sha256 per direction) with the manifest.
// Sessions are matched by their 4-tuple, in order, since the generator may reuse ports.
int check_manifest(const std::string& path, const std::string& manifest_path) {
  std::ifstream in(manifest_path);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", manifest_path.c_str());
    return 1;
  }
  nlohmann::json manifest = nlohmann::json::parse(in);

  struct Seen {
    bench::Sha256 hash[2];
    uint64_t bytes[2] = {0, 0}, gaps[2] = {0, 0};
  };
  using Tuple = std::tuple<std::string, int, std::string, int>;
  // The manifest writes IPv6 addresses uncompressed (2001:db8:0:0:0:0:1:9); bring them to the
  // RFC 5952 form that IpAddress::to_string() uses.
  auto canonical = [](const std::string& address) {
    unsigned char bytes[16];
    char text[INET6_ADDRSTRLEN];
    if (address.find(':') != std::string::npos && inet_pton(AF_INET6, address.c_str(), bytes) == 1 &&
        inet_ntop(AF_INET6, bytes, text, sizeof text) != nullptr) {
      return std::string(text);
    }
    return address;
  };
  auto manifest_tuple = [&canonical](const nlohmann::json& m) {
    return Tuple{canonical(m["client"].get<std::string>()), m["client_port"].get<int>(),
                 canonical(m["server"].get<std::string>()), m["server_port"].get<int>()};
  };
  std::map<Tuple, std::vector<Seen>> seen;
  std::map<uint32_t, Seen*> by_stream;

  AnalyzerOptions options;
  options.decode = false;
  options.keep_closed = false;
  MailAnalyzer analyzer(std::move(options));
  analyzer.on_session_data = [&](const TcpSession& s, Direction d, const uint8_t* bytes,
                                 size_t length, const SegmentOrigin&) {
    Seen*& entry = by_stream[s.id];
    if (!entry) {
      auto& list = seen[Tuple{s.client.address.to_string(), s.client.port,
                              s.server.address.to_string(), s.server.port}];
      list.emplace_back();
      entry = &list.back();
    }
    entry->hash[index_of(d)].update(bytes, length);
    entry->bytes[index_of(d)] += length;
  };
  analyzer.on_session_gap = [&](const TcpSession& s, Direction d, uint64_t length,
                                const SegmentOrigin&) {
    auto it = by_stream.find(s.id);
    if (it != by_stream.end()) it->second->gaps[index_of(d)] += length;
  };
  // Vectors above must not reallocate while pointers are held: reserve per tuple generously.
  for (const auto& m : manifest["sessions"]) {
    seen[manifest_tuple(m)].reserve(64);
  }
  CaptureFile::Opened opened = CaptureFile::open(path);
  if (!opened.ok()) {
    std::fprintf(stderr, "%s\n", opened.error.c_str());
    return 1;
  }
  Frame frame;
  while (opened.file->next(frame)) analyzer.add_frame(frame);
  analyzer.finish();

  std::map<Tuple, size_t> next_of_tuple;
  uint64_t sessions = 0, exact = 0, lossy = 0, mismatched = 0;
  for (const auto& m : manifest["sessions"]) {
    ++sessions;
    Tuple key = manifest_tuple(m);
    auto& list = seen[key];
    size_t i = next_of_tuple[key]++;
    if (i >= list.size()) {
      ++mismatched;
      std::printf("session %d: not found\n", m["index"].get<int>());
      continue;
    }
    Seen& s = list[i];
    bool lost = m["lost_segments"].get<int>() > 0;
    uint64_t client_bytes = m["client_bytes"].get<uint64_t>();
    uint64_t server_bytes = m["server_bytes"].get<uint64_t>();
    bool counts_match = s.bytes[0] + s.gaps[0] == client_bytes && s.bytes[1] + s.gaps[1] == server_bytes;
    bool hashes_match = s.hash[0].hex_digest() == m["client_sha256"].get<std::string>() &&
                        s.hash[1].hex_digest() == m["server_sha256"].get<std::string>();
    if (lost) {
      ++lossy;
      if (!counts_match) {
        ++mismatched;
        std::printf("session %d (with loss): delivered+gaps %llu/%llu, manifest %llu/%llu\n",
                    m["index"].get<int>(), (unsigned long long)(s.bytes[0] + s.gaps[0]),
                    (unsigned long long)(s.bytes[1] + s.gaps[1]), (unsigned long long)client_bytes,
                    (unsigned long long)server_bytes);
      }
    } else if (counts_match && hashes_match && s.gaps[0] + s.gaps[1] == 0) {
      ++exact;
    } else {
      ++mismatched;
      std::printf("session %d: delivered %llu/%llu (gaps %llu/%llu), manifest %llu/%llu%s\n",
                  m["index"].get<int>(), (unsigned long long)s.bytes[0], (unsigned long long)s.bytes[1],
                  (unsigned long long)s.gaps[0], (unsigned long long)s.gaps[1],
                  (unsigned long long)client_bytes, (unsigned long long)server_bytes,
                  hashes_match ? "" : ", sha256 differs");
    }
  }
  std::printf("manifest check: %llu sessions, %llu byte-exact (sha256), %llu with loss "
              "(counts checked), %llu mismatched\n",
              (unsigned long long)sessions, (unsigned long long)exact, (unsigned long long)lossy,
              (unsigned long long)mismatched);
  return mismatched == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  // The same allocator settings as mailscope-cli's main (see there), so the figures are a user's.
  // A run streams through the capture and frees each dialogue as it closes, so the top of the
  // heap keeps shrinking and growing by a few hundred KB; glibc's default 128 KB trim threshold
  // gives that memory back to the kernel (brk/madvise) and faults fresh zeroed pages in again
  // right after: 10-40% of a dialogues pass on a loaded machine. Peak memory is the same
  // (measured), only what a run already used is kept for its next sessions. The mmap threshold
  // is pinned at glibc's own dynamic ceiling because setting one disables its adjustment.
  // (These settings are glibc's: a build linked with mimalloc, see CMakeLists.txt, ignores them.)
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  size_t text = argc >= 4 ? std::strtoull(argv[3], nullptr, 10) : 0;
  if (argc >= 3 && std::strcmp(argv[1], "streams") == 0) return run_pass("streams", argv[2], false, false);
  if (argc >= 3 && std::strcmp(argv[1], "dialogues") == 0)
    return run_pass("dialogues", argv[2], true, true, false, text);
  if (argc >= 3 && std::strcmp(argv[1], "dialogues-1") == 0)
    return run_pass("dialogues-1", argv[2], true, false, false, text);
  if (argc >= 3 && std::strcmp(argv[1], "kept") == 0) return run_pass("kept", argv[2], true, false, true, text);
  if (argc >= 4 && std::strcmp(argv[1], "check") == 0) return check_manifest(argv[2], argv[3]);
  std::fprintf(stderr,
               "usage: mailscope_bench streams FILE | dialogues FILE [TEXT] | dialogues-1 FILE [TEXT] | kept FILE [TEXT]"
               " | check FILE MANIFEST\n");
  return 2;
}
