#!/usr/bin/env bash
# One command for a new user: install what is missing, build, and open mailscope on its built-in
# default (the first lesson and its capture). Extra arguments are passed to the program,
# e.g. `scripts/run.sh captures/imap-basic.pcap`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
if [ -x build/src/app/window/mailscope ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
  exec build/src/app/window/mailscope "$@"
fi
if [ -x build/src/app/window/mailscope ]; then
  echo "mailscope: no display found (DISPLAY is not set), so the window cannot open here."
  echo "Showing the default capture in the terminal instead; on a desktop, run: build/src/app/window/mailscope"
  echo
fi
default_capture="captures/lesson-mail-journey.pcap"
[ -f "$default_capture" ] || default_capture="$(ls captures/*.pcap | head -n 1)"
exec build/src/app/mailscope-cli dialogues "${1:-$default_capture}"
