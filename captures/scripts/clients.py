#!/usr/bin/python3
"""Mail clients for captures/record.sh, built on Python's own smtplib, poplib and imaplib.

Each scenario is one sub-command: record.sh starts tcpdump, runs `clients.py NAME`, stops
tcpdump. Seeding (putting mail into a mailbox before a capture starts) is a separate
sub-command so its SMTP traffic stays out of the capture. All servers are on loopback; the
users and their throwaway passwords are the ones in scripts/servers.sh.

Usage:  clients.py seed USER COUNT      empty USER's INBOX, then put COUNT short messages in it
        clients.py clear USER...        empty these users' mailboxes
        clients.py SCENARIO             run one scenario (see SCENARIOS at the bottom)
"""

import base64
import imaplib
import os
import poplib
import shutil
import smtplib
import socket
import ssl
import sys
import threading
import time

BASE = os.environ.get("MAILSCOPE_RECORD_BASE", "/tmp/mailscope-record")
PASSWORDS = {"alice": "wonderland", "bob": "builder", "carol": "singer", "dave": "diver"}
HELO = "client.example.net"


def tls_context():
    # The servers use the self-signed certificate that record.sh made; trust exactly that one.
    ctx = ssl.create_default_context(cafile=os.path.join(BASE, "tls", "cert.pem"))
    ctx.check_hostname = False
    return ctx


def mailbox_count(user):
    n = 0
    for sub in ("new", "cur"):
        d = os.path.join(BASE, "mail", user, sub)
        if os.path.isdir(d):
            n += len(os.listdir(d))
    return n


def wait_for_mail(user, count, timeout=20.0):
    end = time.time() + timeout
    while time.time() < end:
        if mailbox_count(user) >= count:
            return
        time.sleep(0.1)
    sys.exit(f"clients.py: {user} has {mailbox_count(user)} messages, expected {count}; "
             f"see the Postfix and Dovecot logs under {BASE}")


def message(sender, rcpt, subject, body):
    return (f"From: {sender}\r\nTo: {rcpt}\r\nSubject: {subject}\r\n"
            f"Message-ID: <{subject.replace(' ', '-').lower()}@client.example.net>\r\n"
            f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n{body}\r\n")


def clear(users):
    for user in users:
        shutil.rmtree(os.path.join(BASE, "mail", user), ignore_errors=True)


def seed(user, count):
    """Empties USER's mailbox and delivers COUNT messages through Postfix (port 25)."""
    shutil.rmtree(os.path.join(BASE, "mail", user), ignore_errors=True)
    rcpt = f"{user}@example.org"
    with smtplib.SMTP("127.0.0.1", 25, local_hostname=HELO) as s:
        for i in range(1, count + 1):
            body = f"Hello {user},\r\n\r\nthis is message number {i}.\r\nSee you.\r\n"
            s.sendmail("alice@example.org", [rcpt],
                       message("alice@example.org", rcpt, f"Test message {i}", body))
    wait_for_mail(user, count)


# --- SMTP -------------------------------------------------------------------------------------

def smtp_rejected():
    """One valid, one unknown local (550) and one relay-denied (554) recipient."""
    s = smtplib.SMTP("127.0.0.1", 25, local_hostname=HELO)
    s.ehlo()
    s.mail("alice@example.org")
    for rcpt in ("bob@example.org", "nobody@example.org", "someone@example.net"):
        s.rcpt(rcpt)
    s.data(message("alice@example.org", "bob@example.org", "Partly rejected",
                   "Only bob should get this.").encode())
    s.quit()


def smtp_large():
    """A ~300 KB body with lines that start with '.', which smtplib dot-stuffs (RFC 5321 §4.5.2)."""
    lines = []
    i = 0
    while sum(len(l) + 2 for l in lines) < 300_000:
        i += 1
        if i % 10 == 0:
            lines.append(f".line {i} starts with a dot and must be sent as '..'")
        elif i % 97 == 0:
            lines.append(".")  # a lone dot inside the body: must not end DATA
        else:
            lines.append(f"line {i:05d} " + "abcdefghijklmnopqrstuvwxyz0123456789" * 2)
    body = "\r\n".join(lines)
    with smtplib.SMTP("127.0.0.1", 25, local_hostname=HELO) as s:
        s.sendmail("alice@example.org", ["bob@example.org"],
                   message("alice@example.org", "bob@example.org", "Large message", body))


# --- POP3 -------------------------------------------------------------------------------------

def pop3_user_pass():
    p = poplib.POP3("127.0.0.1", 110)
    p.capa()
    p.user("bob")
    p.pass_("builder")
    p.stat()
    p.list()
    p.uidl()
    p.retr(1)
    p.top(2, 3)
    p.dele(1)
    p.quit()


def pop3_apop():
    p = poplib.POP3("127.0.0.1", 110)
    p.apop("bob", "builder")  # RFC 1939 §7: MD5 of the greeting's <timestamp> and the secret
    p.stat()
    p.retr(1)
    p.quit()


def pop3_auth_plain():
    p = poplib.POP3("127.0.0.1", 110)
    p.capa()
    token = base64.b64encode(b"\0bob\0builder").decode()
    p._shortcmd("AUTH PLAIN")          # RFC 5034 §4: the server answers "+ " first
    p._shortcmd(token)
    p.stat()
    p.list()
    p.quit()


def pop3_stls():
    p = poplib.POP3("127.0.0.1", 110)
    p.capa()
    p.stls(context=tls_context())
    p.capa()
    p.user("bob")
    p.pass_("builder")
    p.stat()
    p.retr(1)
    p.quit()


# --- IMAP -------------------------------------------------------------------------------------

def mutf7(name):
    """RFC 3501 §5.1.3 modified UTF-7; imaplib does not encode mailbox names itself."""
    out, run = [], []

    def flush():
        if run:
            b64 = base64.b64encode("".join(run).encode("utf-16-be")).decode().rstrip("=")
            out.append("&" + b64.replace("/", ",") + "-")
            run.clear()

    for ch in name:
        if 0x20 <= ord(ch) <= 0x7E:
            flush()
            out.append("&-" if ch == "&" else ch)
        else:
            run.append(ch)
    flush()
    return "".join(out)


def imap_idle(m, during):
    """RFC 2177 IDLE: wait for '+', let `during` make mail arrive, read EXISTS, send DONE."""
    tag = m._new_tag()
    m.send(tag + b" IDLE\r\n")
    line = m.readline()
    if not line.startswith(b"+"):
        sys.exit(f"clients.py: IDLE was refused: {line!r}")
    during()
    while b"EXISTS" not in line:
        line = m.readline()
    time.sleep(0.3)  # let RECENT follow if the server sends it
    m.send(b"DONE\r\n")
    while not line.startswith(tag):
        line = m.readline()


def imap_session():
    m = imaplib.IMAP4("127.0.0.1", 143)
    m.capability()
    m.login("bob", "builder")
    m.capability()
    m.list()
    m.select("INBOX")
    m.fetch("1", "(FLAGS BODY[])")
    m.store("1", "+FLAGS", "\\Seen")
    m.fetch("1:*", "(UID FLAGS RFC822.SIZE)")
    m.append("INBOX", "(\\Flagged)", None,
             message("bob@example.org", "bob@example.org", "Appended note",
                     "A draft that the client uploaded itself.").encode())
    m.uid("SEARCH", "UNSEEN")
    m.uid("FETCH", "1:*", "(FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
    drafts, sent, child = mutf7("下書き"), mutf7("送信済み"), mutf7("送信済み/2024年")
    m.create(drafts)
    m.list('""', "*")
    m.rename(drafts, sent)
    m.create(child)
    m.list('""', mutf7("送信済み") + "*")
    m.delete(child)
    m.delete(sent)
    m.noop()

    def arrive():
        with smtplib.SMTP("127.0.0.1", 25, local_hostname=HELO) as s:
            s.sendmail("alice@example.org", ["bob@example.org"],
                       message("alice@example.org", "bob@example.org", "Arrives during IDLE",
                               "This one came while the client was idling."))

    imap_idle(m, arrive)
    m.fetch("*", "(FLAGS ENVELOPE)")
    m.close()
    m.logout()


def imap_authenticate():
    m = imaplib.IMAP4("127.0.0.1", 143)
    m.capability()
    m.authenticate("PLAIN", lambda _challenge: b"\0bob\0builder")
    m.select("INBOX", readonly=True)
    m.logout()
    m = imaplib.IMAP4("127.0.0.1", 143)
    m.login_cram_md5("bob", "builder")
    m.select("INBOX", readonly=True)  # imaplib sends EXAMINE
    m.fetch("1", "(FLAGS)")
    m.logout()


# --- several sessions at once -------------------------------------------------------------

def concurrent():
    """4 SMTP senders and 2 IMAP readers whose commands interleave on the wire."""
    start = threading.Barrier(6)
    pause = 0.05
    errors = []

    def smtp_worker(n):
        try:
            start.wait()
            s = smtplib.SMTP("127.0.0.1", 25, local_hostname=f"sender{n}.example.net")
            time.sleep(pause * n)
            s.ehlo(f"sender{n}.example.net")
            time.sleep(pause)
            s.mail(f"sender{n}@example.net")
            time.sleep(pause)
            s.rcpt("carol@example.org")
            time.sleep(pause)
            s.data(message(f"sender{n}@example.net", "carol@example.org",
                           f"Concurrent {n}", f"Message from sender {n}.").encode())
            time.sleep(pause)
            s.quit()
        except Exception as e:  # report, never hang the barrier
            errors.append(e)

    def imap_worker(n):
        try:
            start.wait()
            m = imaplib.IMAP4("127.0.0.1", 143)
            time.sleep(pause * n)
            m.login("dave", "diver")
            time.sleep(pause)
            m.select("INBOX")
            time.sleep(pause)
            m.fetch("1:*", "(FLAGS BODY.PEEK[HEADER])")
            time.sleep(pause)
            m.logout()
        except Exception as e:
            errors.append(e)

    threads = [threading.Thread(target=smtp_worker, args=(n,)) for n in range(1, 5)]
    threads += [threading.Thread(target=imap_worker, args=(n,)) for n in range(1, 3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        sys.exit(f"clients.py: concurrent sessions failed: {errors}")
    wait_for_mail("carol", 4)


# --- lessons ----------------------------------------------------------------------------------

def lesson_journey_readers():
    """After the relay chain delivered: bob reads with POP3, carol with IMAP (both at 127.0.0.20)."""
    wait_for_mail("bob", 1)
    wait_for_mail("carol", 1)
    p = poplib.POP3("127.0.0.20", 110)
    p.user("bob")
    p.pass_("builder")
    p.stat()
    p.retr(1)
    p.quit()
    m = imaplib.IMAP4("127.0.0.20", 143)
    m.login("carol", "singer")
    m.select("INBOX")
    m.fetch("1", "(FLAGS BODY[])")
    m.logout()


class ImapFrom(imaplib.IMAP4):
    """imaplib.IMAP4 connecting from a chosen loopback source address."""

    def __init__(self, source, host, port):
        self.source = source
        super().__init__(host, port)

    def _create_socket(self, timeout):
        return socket.create_connection((self.host, self.port), timeout,
                                        source_address=(self.source, 0))


def lesson_dmz_reader():
    """The internal user's PC (127.0.0.50) reads the mail from the internal server over IMAP."""
    wait_for_mail("bob", 1)
    m = ImapFrom("127.0.0.50", "127.0.0.20", 143)
    m.login("bob", "builder")
    m.select("INBOX")
    m.fetch("1", "(FLAGS BODY[])")
    m.logout()


def lesson_read_state():
    """IMAP keeps \\Seen on the server; a second client sees it. POP3 has no flags to show."""
    a = imaplib.IMAP4("127.0.0.1", 143)
    a.login("dave", "diver")
    a.select("INBOX")
    a.fetch("1:*", "(FLAGS)")
    a.fetch("1", "(BODY[])")          # RFC 3501 §6.4.5: BODY[] sets \Seen
    a.fetch("1", "(FLAGS)")
    a.logout()
    b = imaplib.IMAP4("127.0.0.1", 143)
    b.login("dave", "diver")
    b.select("INBOX")
    b.fetch("1:*", "(FLAGS)")         # message 1 now carries \Seen for every client
    b.logout()
    p = poplib.POP3("127.0.0.1", 110)
    p.user("dave")
    p.pass_("diver")
    p.stat()
    p.list()
    p.retr(2)
    p.quit()
    c = imaplib.IMAP4("127.0.0.1", 143)
    c.login("dave", "diver")
    c.select("INBOX", readonly=True)
    c.fetch("1:*", "(FLAGS)")         # what the POP3 RETR left behind (Dovecot marks it \Seen)
    c.logout()


SCENARIOS = {
    "smtp_rejected": smtp_rejected,
    "smtp_large": smtp_large,
    "pop3_user_pass": pop3_user_pass,
    "pop3_apop": pop3_apop,
    "pop3_auth_plain": pop3_auth_plain,
    "pop3_stls": pop3_stls,
    "imap_session": imap_session,
    "imap_authenticate": imap_authenticate,
    "concurrent": concurrent,
    "lesson_journey_readers": lesson_journey_readers,
    "lesson_dmz_reader": lesson_dmz_reader,
    "lesson_read_state": lesson_read_state,
}

if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "seed":
        seed(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) >= 3 and sys.argv[1] == "clear":
        clear(sys.argv[2:])
    elif len(sys.argv) == 2 and sys.argv[1] in SCENARIOS:
        SCENARIOS[sys.argv[1]]()
    else:
        sys.exit(__doc__)
