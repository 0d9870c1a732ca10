// app/cli/follow_command.h — `mailscope-cli follow FILE --stream N`: one session's conversation.
#pragma once
#include "app/cli/cli_common.h"

namespace mailscope::cli {

struct FollowOptions {
  CaptureOptions capture;
  uint32_t stream = 0;
  bool raw = false;                 // exact bytes of one direction to stdout
  std::string direction = "client"; // with --raw: client (client → server) or server
};

int run_follow(const FollowOptions& options);

}  // namespace mailscope::cli
