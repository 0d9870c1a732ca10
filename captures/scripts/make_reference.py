#!/usr/bin/python3
"""Writes tshark's view of every capture in captures/ as reference files for mailscope's tests.

For captures/NAME.pcap (or .pcapng) it writes captures/reference/NAME/:
  streams.tsv              tcp.stream, client address/port, server address/port, packets
                           (the client is the side that sent the first SYN)
  commands.tsv             per mail packet: tshark's SMTP/POP3/IMAP command and reply fields
  stream-N-client.bin      the bytes the client sent on stream N, in order, holes left out
  stream-N-server.bin      the same for the server
  gaps.tsv                 holes: stream, direction, offset in the .bin where bytes are missing,
                           how many (only written when there are holes)
and captures/reference/INDEX.tsv: one line per capture (format, link type, packets, streams).

The stream bytes come from `tshark -q -z follow,tcp,raw,N`. tshark marks lost data inside the
stream with the text "[N bytes missing in capture file]" and a NUL byte; that marker is taken
out and recorded in gaps.tsv. A .bin over MAX_BIN bytes is not written (noted in skipped.tsv).
tshark's own dissectors err on mail traffic (e.g. STARTTLS read as "STAR"); commands.tsv is
what tshark says, not a verdict.

Usage: make_reference.py CAPTURES_DIR
"""

import os
import re
import shutil
import subprocess
import sys

MAX_BIN = 2 * 1024 * 1024
FIELDS = ["tcp.stream", "frame.number",
          "smtp.req.command", "smtp.response.code",
          "pop.request.command", "pop.response.indicator",
          "imap.request_tag", "imap.request.command",
          "imap.response_tag", "imap.response.status"]
MISSING = re.compile(rb"\[(\d+) bytes missing in capture file\]\x00?")


def tshark(*args):
    out = subprocess.run(["tshark", *args], check=True, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL)
    return out.stdout.decode("utf-8", "replace")


def endpoint(addr, port):
    return f"[{addr}]:{port}" if ":" in addr else f"{addr}:{port}"


MAIL_PORTS = {"25", "587", "110", "143"}
FRAME_COUNT = {}


def streams_total_frames(cap):
    return FRAME_COUNT[cap]


def read_streams(cap):
    """Returns {stream: (client, server, packets)} with endpoints as "addr:port".

    The client sent the SYN. When the capture lost the handshake (it happens, e.g. on -i any),
    the side on a mail port is the server; failing that, the first packet's sender is the client.
    """
    rows = tshark("-r", cap, "-T", "fields", "-E", "separator=\t",
                  "-e", "tcp.stream", "-e", "ip.src", "-e", "ipv6.src", "-e", "tcp.srcport",
                  "-e", "ip.dst", "-e", "ipv6.dst", "-e", "tcp.dstport",
                  "-e", "tcp.flags.syn", "-e", "tcp.flags.ack")
    streams = {}
    FRAME_COUNT[cap] = len(rows.splitlines())
    for line in rows.splitlines():
        f = line.split("\t")
        if len(f) < 9 or not f[0]:
            continue
        n = int(f[0])
        src = endpoint(f[1] or f[2], f[3])
        dst = endpoint(f[4] or f[5], f[6])
        syn_only = f[7] in ("1", "True") and f[8] in ("0", "False")
        if n not in streams:
            streams[n] = {"pair": (src, dst), "ports": (f[3], f[6]), "syn": None, "packets": 0}
        if syn_only and streams[n]["syn"] is None:
            streams[n]["syn"] = (src, dst)
        streams[n]["packets"] += 1
    result = {}
    for n, st in streams.items():
        if st["syn"]:
            client, server = st["syn"]
        elif st["ports"][0] in MAIL_PORTS and st["ports"][1] not in MAIL_PORTS:
            server, client = st["pair"]
        else:
            client, server = st["pair"]
        result[n] = (client, server, st["packets"])
    return result


def follow_all(cap, numbers):
    """Runs one tshark for all streams; returns {stream: {"client"/"server": (bytes, gaps)}}."""
    args = ["-r", cap, "-q"]
    for n in numbers:
        args += ["-z", f"follow,tcp,raw,{n}"]
    text = tshark(*args)
    result = {}
    for block in text.split("=" * 67):
        m = re.search(r"^Filter: tcp\.stream eq (\d+)$", block, re.M)
        if not m:
            continue
        nodes = dict(re.findall(r"^Node (\d): (.*)$", block, re.M))
        data = {"0": bytearray(), "1": bytearray()}
        gaps = {"0": [], "1": []}
        for line in block.splitlines():
            if not line or line.startswith(("Follow:", "Filter:", "Node ")):
                continue
            node = "1" if line.startswith("\t") else "0"
            payload = line.strip()
            raw = None
            if re.fullmatch(r"[0-9a-fA-F]*", payload) and len(payload) % 2 == 0:
                raw = bytes.fromhex(payload)
            else:
                raw = payload.encode()
            pos = 0
            for gap in MISSING.finditer(raw):
                data[node] += raw[pos:gap.start()]
                gaps[node].append((len(data[node]), int(gap.group(1))))
                pos = gap.end()
            data[node] += raw[pos:]
        result[int(m.group(1))] = (nodes, data, gaps)
    return result


def write_reference(cap, refdir, index, skipped):
    name = os.path.splitext(os.path.basename(cap))[0]
    streams = read_streams(cap)
    with open(os.path.join(refdir, "streams.tsv"), "w") as f:
        f.write("stream\tclient\tserver\tpackets\n")
        for n in sorted(streams):
            c, s, p = streams[n]
            f.write(f"{n}\t{c}\t{s}\t{p}\n")
    commands = tshark("-r", cap, "-Y", "smtp || pop || imap", "-T", "fields", "-E", "header=y",
                      "-E", "separator=\t", "-E", "occurrence=a", "-E", "aggregator=,",
                      *sum((["-e", f] for f in FIELDS), []))
    with open(os.path.join(refdir, "commands.tsv"), "w") as f:
        f.write(commands)
    followed = follow_all(cap, sorted(streams))
    gap_rows = []
    for n in sorted(streams):
        client, _server, _p = streams[n]
        nodes, data, gaps = followed[n]
        client_node = "0" if nodes.get("0") == client else "1"
        for node in ("0", "1"):
            side = "client" if node == client_node else "server"
            path = os.path.join(refdir, f"stream-{n}-{side}.bin")
            if len(data[node]) > MAX_BIN:
                skipped.append(f"{name}\tstream-{n}-{side}.bin\t{len(data[node])}\n")
                continue
            with open(path, "wb") as f:
                f.write(data[node])
            gap_rows += [f"{n}\t{side}\t{off}\t{count}\n" for off, count in gaps[node]]
    if gap_rows:
        with open(os.path.join(refdir, "gaps.tsv"), "w") as f:
            f.write("stream\tdirection\toffset\tmissing\n")
            f.writelines(gap_rows)
    encap = subprocess.run(["capinfos", "-T", "-r", "-E", cap], check=True, text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    encap = encap.strip().split("\t")[-1]
    packets = sum(p for _c, _s, p in streams.values())
    fmt = "pcapng" if cap.endswith(".pcapng") else "pcap"
    with open(cap, "rb") as f:
        magic = f.read(4)
    if magic in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d"):
        fmt += "-nanoseconds"
    total = streams_total_frames(cap)
    index.append(f"{os.path.basename(cap)}\t{fmt}\t{encap}\t{total}\t{packets}\t{len(streams)}"
                 f"\t{len(gap_rows)}\n")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    capdir = sys.argv[1]
    refroot = os.path.join(capdir, "reference")
    shutil.rmtree(refroot, ignore_errors=True)
    os.makedirs(refroot)
    index = ["capture\tformat\tencapsulation\tframes\ttcp_packets\ttcp_streams\tgaps\n"]
    skipped = ["capture\tfile\tbytes\n"]
    caps = sorted(f for f in os.listdir(capdir) if f.endswith((".pcap", ".pcapng")))
    for cap in caps:
        name = os.path.splitext(cap)[0]
        refdir = os.path.join(refroot, name)
        os.makedirs(refdir)
        write_reference(os.path.join(capdir, cap), refdir, index, skipped)
        print(f"   reference/{name}/")
    with open(os.path.join(refroot, "INDEX.tsv"), "w") as f:
        f.writelines(index)
    if len(skipped) > 1:
        with open(os.path.join(refroot, "skipped.tsv"), "w") as f:
            f.writelines(skipped)


if __name__ == "__main__":
    main()
