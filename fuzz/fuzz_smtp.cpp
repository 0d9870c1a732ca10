// fuzz/fuzz_smtp.cpp — libFuzzer target for SmtpDecoder (input scheme and checks in
// decoder_fuzzing.h). Small limits make the caps and the held-bytes release reachable.
//
//   bash scripts/fuzz.sh 60          (builds every target with clang and runs each)
#include <cstddef>
#include <cstdint>

#include "decoder_fuzzing.h"
#include "protocols/smtp/smtp_decoder.h"

using namespace mailscope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  constexpr DecoderLimits kLimits{96, 256, 8};
  fuzzing::FuzzChecks checks;
  checks.max_text = 4 * kLimits.max_text_bytes + 8 * 1024 + 64;  // a multi-line reply's lines
  fuzzing::fuzz_decoder<SmtpDecoder>(data, size, kLimits, checks);
  return 0;
}
