#!/usr/bin/env bash
# Benchmarks mailscope beside its peers on the same corpus file, in one go (figures, not tests).
#
#   scripts/bench.sh [SESSIONS] [SEED]     default 40000 sessions, seed 7 (~1 GB, like the README's)
#
# Generates the corpus with ../shared/corpus/gen_mail_pcap.py into $BENCH_DIR (default /tmp),
# warms the page cache, then runs each command 5 times and prints the median and the best wall
# time and the peak memory (the virtual machines this was measured on switch between a fast and
# a slow speed from run to run, so one figure alone misleads): tcpdump (libpcap's read floor),
# tcpflow (reassembly to files) when installed, mailscope's streams and dialogues passes (the
# dialogues pass decodes on a second thread, as mailscope-cli does; it is also run on one
# thread), and tshark dissecting SMTP/POP/IMAP (once: it is slow).
# Then the ratios the dialogues issue asks about (dialogues against streams, tshark against
# dialogues), and finally checks every session's reassembled bytes against the corpus manifest.
set -euo pipefail
cd "$(dirname "$0")/.."
sessions="${1:-40000}"
seed="${2:-7}"
dir="${BENCH_DIR:-/tmp}"
corpus="$dir/mailscope-corpus-$sessions-$seed.pcap"
generator="../shared/corpus/gen_mail_pcap.py"

build_dir="${MAILSCOPE_BUILD_DIR:-build}"
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" -j"$(nproc)" --target mailscope_bench mailscope-cli >/dev/null
bench="$build_dir/bench/mailscope_bench"
cli="$build_dir/src/app/mailscope-cli"
if [ ! -f "$corpus" ]; then
  [ -f "$generator" ] || { echo "bench: $generator not found (it lives in the project's shared folder)"; exit 1; }
  echo "generating $corpus ($sessions sessions, seed $seed)..."
  python3 "$generator" --out "$corpus" --sessions "$sessions" --seed "$seed"
fi
cat "$corpus" > /dev/null
size=$(stat -c %s "$corpus")
echo "corpus: $corpus, $size bytes"

timing=$(mktemp)
trap 'rm -f "$timing"' EXIT
# measure NAME COMMAND...: 5 runs; median and best wall seconds, median CPU seconds (user +
# system, every thread), max peak RSS (GNU time's %M). Sets last_median, last_best and last_cpu
# for the ratios below.
last_median=0
last_best=0
last_cpu=0
measure() {
  local name="$1"; shift
  local times=() cpus=() peak=0
  for _ in 1 2 3 4 5; do
    local out
    /usr/bin/time -o "$timing" -f '%e %U %S %M' "$@" >/dev/null 2>/dev/null || true
    out=$(tail -n 1 "$timing")
    read -r wall user system memory <<<"$out"
    times+=("$wall")
    cpus+=("$(awk -v u="$user" -v s="$system" 'BEGIN { print u + s }')")
    [ "$memory" -gt "$peak" ] && peak="$memory"
  done
  last_median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
  last_best=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 1p)
  last_cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n 3p)
  awk -v n="$name" -v t="$last_median" -v b="$last_best" -v c="$last_cpu" -v s="$size" -v m="$peak" \
    'BEGIN { printf "%-34s %6.2f s (best %5.2f s) cpu %6.2f s %8.1f MB/s %8.1f MB peak\n", n, t, b, c, (t > 0 ? s / 1e6 / t : 0), m / 1024 }'
}

command -v /usr/bin/time >/dev/null || apt-get install -y -qq time >/dev/null
printf "%-34s %-24s %10s %13s %13s\n" command "wall: median of 5" "cpu" rate memory
command -v tcpdump >/dev/null && measure "tcpdump -r -w /dev/null" tcpdump -r "$corpus" -w /dev/null
if command -v tcpflow >/dev/null; then
  flowdir=$(mktemp -d)
  measure "tcpflow (reassembly)" tcpflow -r "$corpus" -o "$flowdir"
  rm -rf "$flowdir"
fi
measure "mailscope streams" "$bench" streams "$corpus"
streams_median=$last_median streams_best=$last_best
measure "mailscope dialogues" "$bench" dialogues "$corpus"
dialogues_median=$last_median dialogues_best=$last_best
measure "mailscope dialogues, one thread" "$bench" dialogues-1 "$corpus"
one_median=$last_median one_best=$last_best
measure "mailscope-cli streams --json" "$cli" streams --json "$corpus"
measure "mailscope-cli dialogues --json" "$cli" dialogues --json "$corpus"
if command -v tshark >/dev/null; then
  /usr/bin/time -o "$timing" -f '%e %M' tshark -r "$corpus" -Y 'smtp || pop || imap' -T fields \
      -e tcp.stream -e smtp.req.command -e pop.request.command -e imap.request >/dev/null 2>/dev/null || true
  out=$(tail -n 1 "$timing")
  tshark_seconds="${out% *}"
  awk -v t="$tshark_seconds" -v s="$size" -v m="${out#* }" \
    'BEGIN { printf "%-34s %6.2f s (one run)                    %8.1f MB/s %8.1f MB peak\n", "tshark smtp||pop||imap", t, s / 1e6 / t, m / 1024 }'
fi
awk -v sm="$streams_median" -v sb="$streams_best" -v dm="$dialogues_median" -v db="$dialogues_best" \
    -v om="$one_median" -v ob="$one_best" \
  'BEGIN { printf "dialogues / streams: %.2fx (medians), %.2fx (best runs); the aim is at most 1.30x\n", dm / sm, db / sb
           printf "  on one thread:     %.2fx (medians), %.2fx (best runs)\n", om / sm, ob / sb }'
if [ -n "${tshark_seconds:-}" ]; then
  awk -v t="$tshark_seconds" -v dm="$dialogues_median" -v db="$dialogues_best" \
    'BEGIN { printf "tshark / dialogues: %.1fx (median), %.1fx (best run); the aim is at least 30x\n", t / dm, t / db }'
fi
"$bench" check "$corpus" "$corpus.manifest.json" | tail -n 1
