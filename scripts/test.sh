#!/usr/bin/env bash
# One command for the whole test suite: install what is missing, build, run every test, then run
# the core tests again under AddressSanitizer and UndefinedBehaviorSanitizer. .ci/run calls this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
jobs="$(nproc)"

echo "== build (RelWithDebInfo) =="
bash scripts/build.sh
echo "== tests =="
(cd build && ctest --output-on-failure -j"$jobs")

echo "== tests under AddressSanitizer + UndefinedBehaviorSanitizer (core, no window) =="
cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DMAILSCOPE_SANITIZE=ON \
  -DMAILSCOPE_WINDOW=OFF >/dev/null
cmake --build build-sanitize -j"$jobs"
(cd build-sanitize && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --output-on-failure -j"$jobs")
