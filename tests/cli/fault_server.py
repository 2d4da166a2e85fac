"""A scripted fault server on 127.0.0.1 for the CLI's retry tests: each request gets the next action, all are logged.

    with FaultServer([reset(), status(503), answer(200, BODY)]) as server:
        ... awsq --endpoint-url server.url ...
        server.log  # [(method, path, headers dict (lower-case names), body)], in order

Every answer closes its connection, so each attempt of a client is a new connection. After the
script, every request gets `then` (a 200 with an empty body unless given).
"""

from __future__ import annotations

import socket
import socketserver
import struct
import threading
from dataclasses import dataclass, field


@dataclass
class Action:
    kind: str  # "answer", "reset", "close"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""
    delay: float = 0.0  # seconds waited before acting


def answer(status: int, body: str = "", headers: dict[str, str] | None = None) -> Action:
    return Action("answer", status, headers or {}, body)


def error(status: int, code: str, message: str) -> Action:
    return answer(status, f"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}"
                          "</Message></Error><RequestId>req-fault</RequestId></ErrorResponse>")


def reset() -> Action:
    return Action("reset")


def close() -> Action:
    return Action("close")


def slow(seconds: float, then: Action) -> Action:
    return Action(then.kind, then.status, then.headers, then.body, seconds)


class FaultServer:
    def __init__(self, script: list[Action], then: Action | None = None) -> None:
        self.script = list(script)
        self.then = then or answer(200)
        self.log: list[tuple[str, str, dict[str, str], str]] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        outer = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                outer._serve(self.request)

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self._server = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> "FaultServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def _serve(self, sock: socket.socket) -> None:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                return
            data += chunk
        head, _, rest = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, path, _ = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        while len(rest) < length:
            chunk = sock.recv(65536)
            if not chunk:
                return
            rest += chunk
        with self._lock:
            index = len(self.log)
            self.log.append((method, path, headers, rest[:length].decode("utf-8")))
            action = self.script[index] if index < len(self.script) else self.then
        if action.delay and self._stopping.wait(action.delay):
            return
        if action.kind == "reset":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            return  # the server closes the socket: RST, not FIN
        if action.kind == "close":
            sock.shutdown(socket.SHUT_RDWR)
            return
        body = action.body.encode("utf-8")
        out = f"HTTP/1.1 {action.status} Fault\r\n"
        for name, value in action.headers.items():
            out += f"{name}: {value}\r\n"
        out += f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        sock.sendall(out.encode("latin-1") + body)
