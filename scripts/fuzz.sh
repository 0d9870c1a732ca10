#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for SECONDS (default 60).
# Crashes are written to fuzz/; turn each into a regression test before fixing it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMAILSCOPE_FUZZ=ON \
  -DMAILSCOPE_WINDOW=OFF -DMAILSCOPE_TESTS=OFF >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target $(cd fuzz && ls fuzz_*.cpp | sed 's/\.cpp$//')
for target in build-fuzz/fuzz/fuzz_*; do
  [ -x "$target" ] || continue
  name="$(basename "$target")"
  mkdir -p "fuzz/corpus-$name"
  echo "== $name for ${seconds}s =="
  "$target" -max_total_time="$seconds" -max_len=65536 -artifact_prefix=fuzz/ "fuzz/corpus-$name" \
    2>&1 | tail -n 3
done
