// fuzz/fuzz_imap.cpp — libFuzzer target for ImapDecoder (input scheme and checks in
// decoder_fuzzing.h). Small limits make the caps easy to reach. IMAP texts may be longer
// than the text cap: a FETCH renders its literal and its other items together.
//
//   bash scripts/fuzz.sh 60          (builds every target with clang and runs each)
#include <cstddef>
#include <cstdint>

#include "decoder_fuzzing.h"
#include "protocols/imap/imap_decoder.h"

using namespace mailscope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  constexpr DecoderLimits kLimits{64, 256, 8};
  fuzzing::FuzzChecks checks;
  checks.max_text = 4 * kLimits.max_text_bytes + 8 * 1024 + 64;
  checks.answers_backwards = false;  // a "+" continuation may precede its command's event
  fuzzing::fuzz_decoder<ImapDecoder>(data, size, kLimits, checks);
  return 0;
}
