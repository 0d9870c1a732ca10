#!/usr/bin/env bash
# Records mailscope's real mail captures: real Postfix, Dovecot, swaks, curl, aiosmtpd and
# Python's smtplib/poplib/imaplib talking over loopback, captured with tcpdump (and dumpcap for
# the pcapng one), then regenerates the tshark reference files under captures/reference/.
#
# Run as root on Debian 12:   sudo bash captures/record.sh [SCENARIO...]
# With no argument every capture is recorded again (idempotent: old files are replaced). CI never
# runs this; the captures are committed. See captures/README.md for what each capture shows.
#
# Servers and users: captures/scripts/servers.sh. Python clients: captures/scripts/clients.py.
# Scratch directory (configs, queues, maildirs, logs): $MAILSCOPE_RECORD_BASE, default
# /tmp/mailscope-record, wiped at the start of every run.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=$HERE
export BASE=${MAILSCOPE_RECORD_BASE:-/tmp/mailscope-record}
export MAILSCOPE_RECORD_BASE=$BASE
PY=/usr/bin/python3 # Debian's python3: python3-aiosmtpd is installed for it
CLIENTS="$PY $HERE/scripts/clients.py"
PORTS_FILTER="tcp and (port 25 or port 587 or port 110 or port 143)"

if [ "$(id -u)" -ne 0 ]; then
  echo "record.sh: run as root (it installs packages and starts mail servers on loopback)" >&2
  exit 1
fi

install_packages() {
  local pkgs=(postfix dovecot-core dovecot-imapd dovecot-pop3d dovecot-lmtpd swaks
    libnet-ssleay-perl curl tcpdump tshark python3 python3-aiosmtpd openssl util-linux)
  local missing=() p
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "record.sh: installing ${missing[*]}"
  # "No configuration": Debian's postfix leaves /etc/postfix/main.cf alone; we use our own.
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# shellcheck source=scripts/servers.sh
source "$HERE/scripts/servers.sh"

MOCK_PID=""
RECORDED=()
CAPTURE_PID=""
cleanup() {
  [ -n "$CAPTURE_PID" ] && kill -INT "$CAPTURE_PID" 2>/dev/null || true
  [ -n "$MOCK_PID" ] && kill "$MOCK_PID" 2>/dev/null || true
  stop_servers
}

# capture NAME TOOL IFACE FILTER -- COMMAND...
#   TOOL: tcpdump (pcap, microseconds), tcpdump-nano (pcap, nanoseconds) or dumpcap (pcapng).
#   --immediate-mode and -U: without them tcpdump loses the packets still in the kernel buffer
#   when it is stopped right after the traffic (see shared/PLATFORM.md).
capture() {
  local name=$1 tool=$2 iface=$3 filter=$4
  shift 5
  local file log pid
  log="$BASE/capture-$name.log"
  case $tool in
    dumpcap) file="$OUT/$name.pcapng" ;;
    *) file="$OUT/$name.pcap" ;;
  esac
  rm -f "$OUT/$name.pcap" "$OUT/$name.pcapng"
  case $tool in
    tcpdump) tcpdump -i "$iface" --immediate-mode -U -s 0 -B 8192 -w "$file" "$filter" 2>"$log" & ;;
    tcpdump-nano) tcpdump -i "$iface" --immediate-mode -U -s 0 --time-stamp-precision=nano \
      -w "$file" "$filter" 2>"$log" & ;;
    dumpcap) dumpcap -i "$iface" -s 0 -f "$filter" -w "$file" >"$log" 2>&1 & ;;
  esac
  pid=$!
  CAPTURE_PID=$pid
  local i
  for i in $(seq 1 50); do
    grep -qiE "listening on|Capturing on" "$log" && break
    sleep 0.1
  done
  sleep 0.5
  echo "== $name: $*"
  # The client's own transcript (swaks prints the whole dialogue) goes to the scratch directory.
  if ! "$@" >"$BASE/client-$name.log" 2>&1; then
    cat "$BASE/client-$name.log" >&2
    kill -INT "$pid"
    echo "record.sh: the client of $name failed (above)" >&2
    return 1
  fi
  sleep 1
  kill -INT "$pid"
  wait "$pid" || true
  CAPTURE_PID=""
  echo "   $(basename "$file"): $(stat -c %s "$file") bytes"
  RECORDED+=("$file")
}

# lost_segments FILE: how many segments tshark sees missing. The packet socket sometimes drops
# packets on a burst (seen with -i any even with --immediate-mode), so a scenario is recorded
# again when one of its captures has a hole.
lost_segments() {
  tshark -r "$1" -Y "tcp.analysis.lost_segment || tcp.analysis.ack_lost_segment" 2>/dev/null | wc -l
}

# run_scenario NAME: runs sc_NAME, and again (up to 3 times in all) while a capture has holes.
run_scenario() {
  local try f lost
  for try in 1 2 3; do
    RECORDED=()
    "sc_$1"
    lost=0
    for f in "${RECORDED[@]}"; do
      lost=$((lost + $(lost_segments "$f")))
    done
    [ "$lost" -eq 0 ] && return 0
    echo "   $lost lost segment(s) in $1's capture(s), try $try of 3"
  done
  echo "record.sh: keeping $1 with holes; its reference has gaps.tsv" >&2
}

SWAKS=(swaks --helo client.example.net --timeout 20 --hide-informational)

sc_smtp_plain() {
  capture smtp-plain tcpdump lo "$PORTS_FILTER" -- \
    "${SWAKS[@]}" -s 127.0.0.1 -p 25 -f alice@example.org -t bob@example.org \
    --header "Subject: Plain SMTP" --body "Hello Bob, this went over plain SMTP on port 25."
}
sc_smtp_rejected() {
  capture smtp-rejected tcpdump lo "$PORTS_FILTER" -- $CLIENTS smtp_rejected
}
sc_smtp_pipelining() {
  capture smtp-pipelining tcpdump-nano lo "$PORTS_FILTER" -- \
    "${SWAKS[@]}" --pipeline -s 127.0.0.1 -p 25 -f alice@example.org \
    -t bob@example.org,carol@example.org,nobody@example.org,dave@example.org \
    --header "Subject: Pipelined" --body "MAIL, RCPT and DATA went out without waiting."
}
sc_submission_auth() {
  local mech
  for mech in PLAIN LOGIN CRAM-MD5; do
    capture "submission-auth-$(echo "$mech" | tr 'A-Z' 'a-z')" tcpdump lo "$PORTS_FILTER" -- \
      "${SWAKS[@]}" -s 127.0.0.1 -p 587 -a "$mech" -au alice -ap wonderland \
      -f alice@example.org -t bob@example.org \
      --header "Subject: AUTH $mech" --body "Submitted on 587 after AUTH $mech."
  done
  # A wrong password: Postfix answers 535 and swaks gives up (exit code 28 is expected).
  capture submission-auth-failed tcpdump lo "$PORTS_FILTER" -- \
    bash -c "${SWAKS[*]} -s 127.0.0.1 -p 587 -a LOGIN -au alice -ap looking-glass \
      -f alice@example.org -t bob@example.org || true"
}
sc_smtp_starttls() {
  capture smtp-starttls tcpdump lo "$PORTS_FILTER" -- \
    "${SWAKS[@]}" -s 127.0.0.1 -p 587 --tls -a PLAIN -au alice -ap wonderland \
    -f alice@example.org -t bob@example.org \
    --header "Subject: STARTTLS" --body "Everything after STARTTLS is encrypted."
}
sc_smtp_large() {
  capture smtp-large-dotstuffed tcpdump lo "$PORTS_FILTER" -- $CLIENTS smtp_large
}
sc_smtp_ipv6() {
  capture smtp-ipv6 tcpdump lo "$PORTS_FILTER" -- \
    "${SWAKS[@]}" -6 -s ::1 -p 25 -f alice@example.org -t bob@example.org \
    --header "Subject: Over IPv6" --body "Sent from ::1 to ::1."
}
sc_pop3() {
  $CLIENTS seed bob 3
  capture pop3-user-pass tcpdump lo "$PORTS_FILTER" -- $CLIENTS pop3_user_pass
  $CLIENTS seed bob 1
  capture pop3-apop tcpdump lo "$PORTS_FILTER" -- $CLIENTS pop3_apop
  $CLIENTS seed bob 2
  capture pop3-auth-plain tcpdump lo "$PORTS_FILTER" -- $CLIENTS pop3_auth_plain
  $CLIENTS seed bob 1
  capture pop3-stls tcpdump lo "$PORTS_FILTER" -- $CLIENTS pop3_stls
}
sc_imap() {
  $CLIENTS seed bob 2
  # Only port 143: the mail that arrives during IDLE is sent on port 25 and stays out.
  capture imap-session tcpdump lo "tcp port 143" -- $CLIENTS imap_session
  $CLIENTS seed bob 1
  capture imap-authenticate dumpcap lo "$PORTS_FILTER" -- $CLIENTS imap_authenticate
  $CLIENTS seed bob 1
  capture imap-starttls tcpdump lo "$PORTS_FILTER" -- \
    curl -sS --ssl-reqd --cacert "$BASE/tls/cert.pem" -o /dev/null -u bob:builder \
    "imap://127.0.0.1/INBOX;UID=1"
}
sc_concurrent() {
  $CLIENTS clear carol
  $CLIENTS seed dave 2
  # -i any: tcpdump writes LINUX_SLL2 link headers instead of the loopback's Ethernet ones.
  capture concurrent-sessions tcpdump any "$PORTS_FILTER" -- $CLIENTS concurrent
}
sc_lesson_journey() {
  $CLIENTS clear bob carol
  capture lesson-mail-journey tcpdump lo "$PORTS_FILTER" -- bash -c "
    ${SWAKS[*]} -s 127.0.0.10 -p 587 -a PLAIN -au alice -ap wonderland \
      -f alice@example.org -t bob@example.org,carol@example.org \
      --header 'Subject: Journey of a mail' \
      --body 'Submitted to the relay on 587, relayed to 127.0.0.20, read with POP3 and IMAP.' &&
    $CLIENTS lesson_journey_readers"
}
sc_lesson_mock() {
  /usr/bin/python3 -m aiosmtpd -n -l 127.0.0.30:25 -c aiosmtpd.handlers.Debugging \
    >"$BASE/aiosmtpd.log" 2>&1 &
  MOCK_PID=$!
  wait_port 127.0.0.30 25
  capture lesson-mock-smtp tcpdump lo "$PORTS_FILTER" -- \
    "${SWAKS[@]}" -s 127.0.0.30 -p 25 -f alice@example.org -t bob@example.org,carol@example.org \
    --header "Subject: To the mock server" --body "A mock server prints this and relays nothing."
  kill "$MOCK_PID"
  wait "$MOCK_PID" 2>/dev/null || true
  MOCK_PID=""
}
sc_lesson_dmz() {
  $CLIENTS clear bob
  capture lesson-dmz-relay tcpdump lo "$PORTS_FILTER" -- bash -c "
    ${SWAKS[*]} -s 127.0.0.10 -p 25 --local-interface 127.0.0.99 \
      -f someone@example.net -t bob@example.org \
      --header 'Subject: Through the DMZ' \
      --body 'From the Internet to the DMZ relay to the internal server.' &&
    $CLIENTS lesson_dmz_reader"
}
sc_lesson_read_state() {
  $CLIENTS seed dave 2
  capture lesson-read-state tcpdump lo "$PORTS_FILTER" -- $CLIENTS lesson_read_state
}

ALL=(smtp_plain smtp_rejected smtp_pipelining submission_auth smtp_starttls smtp_large smtp_ipv6
  pop3 imap concurrent lesson_journey lesson_mock lesson_dmz lesson_read_state)

main() {
  install_packages
  local todo=("$@")
  [ ${#todo[@]} -eq 0 ] && todo=("${ALL[@]}")
  stop_servers
  rm -rf "$BASE"
  mkdir -p "$BASE"
  chmod 0755 "$BASE"
  trap cleanup EXIT
  write_servers
  start_servers
  local s
  for s in "${todo[@]}"; do
    run_scenario "$s"
  done
  cleanup
  trap - EXIT
  echo "== reference files"
  $PY "$HERE/scripts/make_reference.py" "$OUT"
}

main "$@"
