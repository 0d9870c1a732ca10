// fuzz/fuzz_pop3.cpp — libFuzzer target for Pop3Decoder (input scheme and checks in
// decoder_fuzzing.h). Small limits make the caps easy to reach; every reply answers a command.
//
//   bash scripts/fuzz.sh 60          (builds every target with clang and runs each)
#include <cstddef>
#include <cstdint>

#include "decoder_fuzzing.h"
#include "protocols/pop3/pop3_decoder.h"

using namespace mailscope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  constexpr DecoderLimits kLimits{64, 256, 8};
  fuzzing::FuzzChecks checks;
  checks.max_text = kLimits.max_text_bytes + 64;
  checks.answers_commands = true;
  fuzzing::fuzz_decoder<Pop3Decoder>(data, size, kLimits, checks);
  return 0;
}
