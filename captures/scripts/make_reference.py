#!/usr/bin/python3
"""Writes tshark's view of every capture in captures/ as reference files for mailscope's tests.

For captures/NAME.pcap (or .pcapng) it writes captures/reference/NAME/:
  streams.tsv              tcp.stream, client address/port, server address/port, packets
                           (the client is the side that sent the first SYN)
  commands.tsv             per mail packet: tshark's SMTP/POP3/IMAP command and reply fields,
                           with tshark's known misreadings taken out (see review_commands)
  commands-tshark.tsv      the same, exactly as tshark printed it
  commands-changes.tsv     what review_commands took out of commands-tshark.tsv, and why
  stream-N-client.bin      the bytes the client sent on stream N, in order, holes left out
  stream-N-server.bin      the same for the server
  gaps.tsv                 holes: stream, direction, offset in the .bin where bytes are missing,
                           how many (only written when there are holes)
and captures/reference/INDEX.tsv: one line per capture (format, link type, packets, streams).

The stream bytes come from `tshark -q -z follow,tcp,raw,N`. tshark marks lost data inside the
stream with the text "[N bytes missing in capture file]" and a NUL byte; that marker is taken
out and recorded in gaps.tsv. A .bin over MAX_BIN bytes is not written (noted in skipped.tsv).
tshark's own dissectors err on mail traffic; review_commands removes the misreadings that were
checked by eye on these captures (and lists each removal). What remains is still tshark's word:
e.g. SMTP STARTTLS stays "STAR", smtplib's lower-case "ehlo" stays lower-case.

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


# RFC 1939 §§5-7, RFC 2449 §5 (CAPA), RFC 2595 §4 (STLS), RFC 5034 §4 (AUTH), RFC 6856 (UTF8, LANG)
POP3_VERBS = {"USER", "PASS", "APOP", "STAT", "LIST", "RETR", "DELE", "NOOP", "RSET", "QUIT",
              "TOP", "UIDL", "CAPA", "STLS", "AUTH", "UTF8", "LANG"}
IMAP_STATUSES = {"OK", "NO", "BAD"}


def review_commands(text):
    """Takes tshark's known misreadings out of its field dump; returns (text, changes).

    - IMAP: tshark reads every client line as "tag command", so lines inside an APPEND literal,
      a SASL response and IDLE's DONE become "requests"; and every server line whose first word
      is not "*" becomes a "tagged reply" (the ")" closing a FETCH literal, the "+" of a
      continuation, whose text lands in imap.response.status). RFC 3501 §2.2.2: a command's tag
      comes back on its tagged reply, so a tag is kept only where it appears on both sides of the
      stream; a status is kept only when it is OK, NO or BAD on a kept tagged reply.
    - POP3: tshark reads a SASL response line (RFC 5034 §4) as a command; only POP3 verbs stay.
    """
    lines = text.splitlines()
    header, rows = lines[0], [l.split("\t") for l in lines[1:]]
    for r in rows:
        r += [""] * (10 - len(r))
    split = lambda v: v.split(",") if v else []
    req_tags, rsp_tags = {}, {}
    for r in rows:
        req_tags.setdefault(r[0], set()).update(split(r[6]))
        rsp_tags.setdefault(r[0], set()).update(split(r[8]))
    changes = []

    def drop(r, field, value, why):
        changes.append(f"{r[0]}\t{r[1]}\t{field}\t{value}\t{why}\n")

    for r in rows:
        valid = req_tags[r[0]] & rsp_tags[r[0]]
        tags, cmds = split(r[6]), split(r[7])
        keep_tags, keep_cmds = [], []
        for i, tag in enumerate(tags):
            cmd = cmds[i] if len(cmds) == len(tags) else ""
            if tag in valid:
                keep_tags.append(tag)
                keep_cmds.append(cmd)
            else:
                drop(r, "imap.request", f"{tag} {cmd}".strip(), "no tagged reply: not a command")
        if len(cmds) != len(tags) and not keep_tags and cmds:
            drop(r, "imap.request.command", r[7], "belongs to the dropped tags")
        elif len(cmds) != len(tags):
            keep_cmds = cmds
        r[6], r[7] = ",".join(keep_tags), ",".join(c for c in keep_cmds if c)
        tags, statuses = split(r[8]), split(r[9])
        keep_tags = [t for t in tags if t in req_tags[r[0]] and t in valid]
        for t in tags:
            if t not in keep_tags:
                drop(r, "imap.response_tag", t, "not a tagged reply (literal end or continuation)")
        keep_status = [x for x in statuses if x.upper() in IMAP_STATUSES] if keep_tags else []
        for x in statuses:
            if x not in keep_status:
                drop(r, "imap.response.status", x, "text of a continuation, not a status")
        r[8], r[9] = ",".join(keep_tags), ",".join(keep_status[:len(keep_tags)])
        verbs = split(r[4])
        keep = [v for v in verbs if v.upper() in POP3_VERBS]
        for v in verbs:
            if v not in keep:
                drop(r, "pop.request.command", v, "a SASL response line, not a command")
        r[4] = ",".join(keep)
    out = header + "\n" + "".join("\t".join(r) + "\n" for r in rows)
    return out, changes


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
    with open(os.path.join(refdir, "commands-tshark.tsv"), "w") as f:
        f.write(commands)
    reviewed, changes = review_commands(commands)
    with open(os.path.join(refdir, "commands.tsv"), "w") as f:
        f.write(reviewed)
    if changes:
        with open(os.path.join(refdir, "commands-changes.tsv"), "w") as f:
            f.write("stream\tframe\tfield\tremoved\twhy\n")
            f.writelines(changes)
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
