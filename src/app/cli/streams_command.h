// app/cli/streams_command.h — `mailscope-cli streams FILE`: one row per TCP session.
#pragma once
#include "app/cli/cli_common.h"

namespace mailscope::cli {

struct StreamsOptions {
  CaptureOptions capture;
  bool json = false;
  bool all = false;   // also list sessions on no mail port (they are always numbered)
};

int run_streams(const StreamsOptions& options);

// The flags column: "midstream gap:1460 retrans:2 overlap:1 rst truncated".
std::string session_flags(const TcpSession& session);
nlohmann::json session_json(const Dialogue& dialogue);

}  // namespace mailscope::cli
