// tests/support/tshark_follow.h — read the text of `tshark -q -z follow,tcp,raw,N` back into bytes.
//
// The output names the two nodes ("Node 0: 10.0.0.1:12345"), then one hex line per chunk: lines
// of node 0 start at column 0, lines of node 1 start with a TAB. Where the capture lost data,
// tshark inserts the text "[N bytes missing in capture file]" and a NUL byte into the stream;
// we take those out and add N to the gap count, since mailscope reports gaps apart from bytes.
// Several -z follow options in one tshark run print several such blocks.
#pragma once
#include <cstdint>
#include <cstdio>
#include <map>
#include <regex>
#include <sstream>
#include <string>

namespace mailscope::testing {

struct TsharkFollow {
  std::string node[2];        // "10.0.0.1:12345" ("[::1]:25" for IPv6 as tshark prints it)
  std::string bytes[2];
  uint64_t missing[2] = {0, 0};
};

inline std::string hex_to_bytes(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

// Parses every follow block in `text`, keyed by stream number.
inline std::map<uint32_t, TsharkFollow> parse_tshark_follow(const std::string& text) {
  std::map<uint32_t, TsharkFollow> result;
  std::istringstream in(text);
  TsharkFollow* current = nullptr;
  static const std::regex marker(R"(\[(\d+) bytes missing in capture file\]\x00)");
  auto strip_markers = [](TsharkFollow& f) {
    for (int side = 0; side < 2; ++side) {
      std::string cleaned;
      std::string& b = f.bytes[side];
      auto begin = std::sregex_iterator(b.begin(), b.end(), marker);
      size_t last = 0;
      for (auto it = begin; it != std::sregex_iterator(); ++it) {
        cleaned.append(b, last, it->position() - last);
        f.missing[side] += std::stoull((*it)[1]);
        last = it->position() + it->length();
      }
      cleaned.append(b, last, std::string::npos);
      b = cleaned;
    }
  };
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("Filter: tcp.stream eq ", 0) == 0) {
      current = &result[static_cast<uint32_t>(std::stoul(line.substr(22)))];
    } else if (!current || line.empty() || line[0] == '=') {
      continue;
    } else if (line.rfind("Node 0: ", 0) == 0) {
      current->node[0] = line.substr(8);
    } else if (line.rfind("Node 1: ", 0) == 0) {
      current->node[1] = line.substr(8);
    } else if (line.rfind("Follow:", 0) == 0) {
      continue;
    } else if (line[0] == '\t') {
      current->bytes[1] += hex_to_bytes(line.substr(1));
    } else {
      current->bytes[0] += hex_to_bytes(line);
    }
  }
  for (auto& [stream, follow] : result) strip_markers(follow);
  return result;
}

// Runs a command and returns its standard output ("" when it cannot run).
inline std::string command_output(const std::string& command) {
  std::string out;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[65536];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
    pclose(pipe);
  }
  return out;
}

}  // namespace mailscope::testing
