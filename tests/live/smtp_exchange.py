#!/usr/bin/env python3
"""Start a small SMTP server on 127.0.0.1:PORT and send it one mail with Python's smtplib.

Used by tests/live: mailscope sniffs lo while this runs. The server is a few lines of
socketserver (Python 3.12 removed the smtpd module); the client is the real smtplib.
"""
import smtplib
import socketserver
import sys
import threading
from email.message import EmailMessage


class SmtpHandler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 mx.example.org ESMTP test server")
        in_data = False
        while True:
            line = self.rfile.readline()
            if not line:
                return
            text = line.decode("utf-8", "replace").rstrip("\r\n")
            if in_data:
                if text == ".":
                    in_data = False
                    self.reply("250 2.0.0 Ok: queued as 4711")
                continue
            verb = text.split(" ", 1)[0].upper()
            if verb == "EHLO":
                self.reply("250-mx.example.org")
                self.reply("250-PIPELINING")
                self.reply("250 8BITMIME")
            elif verb in ("MAIL", "RCPT", "RSET", "NOOP"):
                self.reply("250 2.1.0 Ok")
            elif verb == "DATA":
                in_data = True
                self.reply("354 End data with <CR><LF>.<CR><LF>")
            elif verb == "QUIT":
                self.reply("221 2.0.0 Bye")
                return
            else:
                self.reply("502 5.5.2 Error: command not recognized")


def main():
    port = int(sys.argv[1])
    socketserver.TCPServer.allow_reuse_address = True
    with socketserver.TCPServer(("127.0.0.1", port), SmtpHandler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        message = EmailMessage()
        message["From"] = "alice@example.org"
        message["To"] = "bob@example.net"
        message["Subject"] = "Live capture test"
        message.set_content("Hello Bob,\n.this line starts with a dot\n")
        with smtplib.SMTP("127.0.0.1", port, local_hostname="pc.example.org") as client:
            client.send_message(message)
        server.shutdown()


if __name__ == "__main__":
    main()
