"""A small SMTP server for tests that need a mail server that fails on purpose: it can
refuse the next few connections, or take a message and never answer (a send cut off
mid-way). It speaks just enough SMTP for Django's SMTP backend."""

from __future__ import annotations

import socketserver
import threading
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message


@dataclass
class Behaviour:
    refuse_next: int = 0  # Connections to answer "421, try later" and close.
    hang_on_data: bool = False  # Take the message, then never say it was accepted.
    delivered: list[Message] = field(default_factory=list)
    refused: int = 0
    data_arrived: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(socketserver.StreamRequestHandler):
    server: _Server

    def _say(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self) -> None:
        behaviour = self.server.behaviour
        with behaviour.lock:
            refuse = behaviour.refuse_next > 0
            if refuse:
                behaviour.refuse_next -= 1
                behaviour.refused += 1
        if refuse:
            self._say("421 Service not available, try again later")
            return
        self._say("220 test SMTP ready")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            verb = line.decode(errors="replace").strip().split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self._say("250 test")
            elif verb in ("MAIL", "RCPT", "RSET", "NOOP"):
                self._say("250 OK")
            elif verb == "DATA":
                self._say("354 End data with <CR><LF>.<CR><LF>")
                body = b""
                while not body.endswith(b"\r\n.\r\n"):
                    chunk = self.rfile.readline()
                    if not chunk:
                        return
                    body += chunk
                behaviour.data_arrived.set()
                if behaviour.hang_on_data:
                    # Hold the line open, never answering, until the client goes away.
                    while self.rfile.readline():
                        pass
                    return
                with behaviour.lock:
                    behaviour.delivered.append(message_from_bytes(body[: -len(b".\r\n")]))
                self._say("250 OK: queued")
            elif verb == "QUIT":
                self._say("221 Bye")
                return
            else:
                self._say("502 Not implemented")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    behaviour: Behaviour


class SMTPServer:
    """Start with `with SMTPServer() as smtp:`; `smtp.port`, `smtp.behaviour`."""

    def __init__(self) -> None:
        self.behaviour = Behaviour()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.behaviour = self.behaviour
        self.port = int(self._server.server_address[1])

    def __enter__(self) -> SMTPServer:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def recipients(self) -> list[str]:
        return [str(m["To"]) for m in self.behaviour.delivered]
