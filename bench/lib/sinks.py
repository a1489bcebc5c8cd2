#!/usr/bin/env python3
"""What bench/cluster counts deliveries with: an SMTP sink and a webhook receiver.

    sinks.py smtp PORT LOG      accepts every message over plain SMTP and appends one JSON line
                                per message to LOG: {"message_id", "to", "subject"}
    sinks.py webhook PORT LOG   answers 200 to every POST and appends one JSON line per request:
                                {"webhook_id", "type", "path"}

Both listen on 127.0.0.1 only and run until killed. Written with asyncio and http.server, as
Python 3.12 no longer has smtpd.
"""
import asyncio
import json
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()


def append(log, record):
    with LOCK, open(log, "a", encoding="utf-8") as f:
        f.write(json.dumps(record) + "\n")


def header(data, name):
    """The first header `name` of a message's head (unfolded), or ""."""
    head = data.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace")
    head = re.sub(r"\r\n[ \t]+", " ", head)
    for line in head.split("\r\n"):
        key, _, value = line.partition(":")
        if key.strip().lower() == name:
            return value.strip()
    return ""


async def smtp_session(reader, writer, log):
    def say(line):
        writer.write(line.encode() + b"\r\n")

    say("220 sink.invalid ESMTP bench sink")
    to = []
    try:
        while True:
            line = await asyncio.wait_for(reader.readline(), 60)
            if not line:
                break
            verb = line.decode("utf-8", "replace").strip().split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                say("250-sink.invalid")
                say("250-8BITMIME")
                say("250-SMTPUTF8")
                say("250 SIZE 104857600")
            elif verb == "MAIL":
                to = []
                say("250 OK")
            elif verb == "RCPT":
                m = re.search(r"<([^>]*)>", line.decode("utf-8", "replace"))
                to.append(m.group(1) if m else "")
                say("250 OK")
            elif verb == "DATA":
                say("354 End data with <CR><LF>.<CR><LF>")
                await writer.drain()
                body = bytearray()
                while True:
                    chunk = await asyncio.wait_for(reader.readline(), 60)
                    if not chunk or chunk == b".\r\n":
                        break
                    body += chunk
                append(log, {
                    "message_id": header(bytes(body), "message-id"),
                    "to": to,
                    "subject": header(bytes(body), "subject"),
                })
                say("250 OK queued")
            elif verb == "QUIT":
                say("221 Bye")
                await writer.drain()
                break
            elif verb in ("RSET", "NOOP"):
                say("250 OK")
            else:
                say("502 Command not implemented")
            await writer.drain()
    except (asyncio.TimeoutError, ConnectionError):
        pass
    writer.close()


def smtp(port, log):
    async def main():
        server = await asyncio.start_server(
            lambda r, w: smtp_session(r, w, log), "127.0.0.1", port)
        async with server:
            await server.serve_forever()

    asyncio.run(main())


def webhook(port, log):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(length)
            try:
                kind = json.loads(body).get("type", "")
            except ValueError:
                kind = "?"
            append(log, {"webhook_id": self.headers.get("webhook-id", ""), "type": kind,
                         "path": self.path})
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    kind, port, log = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    open(log, "a").close()
    {"smtp": smtp, "webhook": webhook}[kind](port, log)
