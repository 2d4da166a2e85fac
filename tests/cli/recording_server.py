"""A local HTTP server on 127.0.0.1 answering query-protocol requests from the CLI's recordings
(examples/replay/*.http: a request key line in form encoding, "HTTP <status>", then the body), matched
as examples/replay.hpp matches them: every parameter of the key present with its value, the request's
Marker the key's (none when the key has none), the most specific recording winning.
"""

from __future__ import annotations

import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def load_recordings(directory: str) -> list[tuple[list[tuple[str, str]], int, bytes]]:
    out = []
    for path in sorted(Path(directory).glob("*.http")):
        key_line, status_line, body = path.read_bytes().split(b"\n", 2)
        key = urllib.parse.parse_qsl(key_line.decode(), keep_blank_values=True)
        out.append((key, int(status_line.split()[1]), body))
    return out


class RecordingServer:
    """Start with start(), stop with stop(); `url` is http://127.0.0.1:<port>. `requests` lists each
    request's parameters as dicts, in the order received."""

    def __init__(self, directory: str) -> None:
        self.recordings = load_recordings(directory)
        self.requests: list[dict[str, str]] = []
        recordings, requests = self.recordings, self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length", "0"))
                sent = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode(), keep_blank_values=True))
                requests.append(sent)
                best = None
                for key, status, body in recordings:
                    keyed = dict(key)
                    if any(sent.get(k) != v for k, v in key):
                        continue
                    if ("Marker" in keyed) != bool(sent.get("Marker")):
                        continue
                    if best is None or len(key) > len(best[0]):
                        best = (key, status, body)
                if best is None:
                    status, body = 400, b"<ErrorResponse><Error><Code>NoRecording</Code><Message>no recording</Message></Error></ErrorResponse>"
                else:
                    status, body = best[1], best[2]
                self.send_response(status)
                self.send_header("Content-Type", "text/xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:  # quiet
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> "RecordingServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=30)
