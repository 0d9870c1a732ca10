#!/usr/bin/env bash
# Frame benchmark of the window on a large capture (figures, not a test: nothing fails on time).
#
#   scripts/bench-window.sh [SESSIONS]     default 100000 sessions (seed 7, ~2.6 GB)
#
# Generates the corpus with ../shared/corpus/gen_mail_pcap.py into $BENCH_DIR (default /tmp)
# unless it is there already (scripts/bench.sh writes the same names), builds the window like
# scripts/build.sh, then opens the corpus under Xvfb (1600x1000, Mesa's software renderer)
# with --benchmark-frames: the capture loads on its background thread, the first mail session
# is selected and plays on the stage beside the sessions table, and once the load (and the
# lessons) are done and half a second has played, $BENCH_FRAMES frames (default 300) are
# timed. Prints the window's figures: frame time median, 99th percentile and max (frame start
# to glFinish), the interval between frames (swap included), CPU time per frame over all
# threads (llvmpipe rasterises on its own threads; the steadier figure on a busy machine), the
# draw data, the memory held (VmRSS, VmHWM) with the whole capture open, and which frames
# took over 16 ms (a run of neighbours means another process had the CPU).
# Set LP_NUM_THREADS to try another number of llvmpipe threads.
set -euo pipefail
cd "$(dirname "$0")/.."
sessions="${1:-100000}"
seed=7
frames="${BENCH_FRAMES:-300}"
dir="${BENCH_DIR:-/tmp}"
corpus="$dir/mailscope-corpus-$sessions-$seed.pcap"
generator="../shared/corpus/gen_mail_pcap.py"

command -v xvfb-run >/dev/null || { echo "bench-window: xvfb-run not found (bash scripts/install-deps.sh installs it)"; exit 1; }
build_dir="${MAILSCOPE_BUILD_DIR:-build}"
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" -j"$(nproc)" --target mailscope >/dev/null
window="$build_dir/src/app/window/mailscope"

if [ ! -f "$corpus" ]; then
  [ -f "$generator" ] || { echo "bench-window: $generator not found (it lives in the project's shared folder)"; exit 1; }
  echo "generating $corpus ($sessions sessions, seed $seed; a few minutes)..."
  python3 "$generator" --out "$corpus" --sessions "$sessions" --seed "$seed"
fi
echo "corpus: $corpus, $(stat -c %s "$corpus") bytes"
if command -v glxinfo >/dev/null; then
  echo "renderer: $(xvfb-run -a -s '-screen 0 1600x1000x24' glxinfo -B 2>/dev/null | sed -n 's/.*OpenGL renderer string: //p')"
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$(date +%s.%N)
xvfb-run -a -s '-screen 0 1600x1000x24' "$window" "$corpus" --benchmark-frames "$frames" >"$log" 2>&1 || {
  cat "$log"
  echo "bench-window: the window failed"
  exit 1
}
end=$(date +%s.%N)
grep -E '^mailscope: .*(sessions|warning)' "$log" || true
grep -vE '^mailscope: ' "$log"
awk -v s="$start" -v e="$end" -v f="$frames" \
  'BEGIN { printf "whole run (start, load, %d frames, exit): %.1f s\n", f, e - s }'
