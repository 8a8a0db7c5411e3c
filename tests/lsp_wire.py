"""A raw JSON-RPC client for ``fountainkit lsp``: Content-Length framed bytes over stdio.

No pygls on this side, so the tests see exactly what the server writes: an
error response with a null id, a notification pygls's client would swallow,
the process's exit code. A reader thread splits stdout into messages.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from typing import Any

Message = dict[str, Any]


def frame(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class WireClient:
    """One server process; ``send`` bytes or messages, ``next`` reads what came back."""

    def __init__(self, *args: str) -> None:
        # A file, not a pipe: nobody has to drain it for the server to go on writing.
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "fountainkit", "lsp", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
        )
        self.received: queue.Queue[Message | None] = queue.Queue()
        self.seen: list[Message] = []  # everything read so far, in order
        self._taken: set[int] = set()  # indices in ``seen`` already returned by ``next``
        self._ids = iter(range(1, 1 << 30))
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        while True:
            length = None
            while True:
                line = stdout.readline()
                if not line:
                    self.received.put(None)  # end of output
                    return
                if line == b"\r\n":
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None, "a message without Content-Length"
            self.received.put(json.loads(stdout.read(length)))

    # --- writing --------------------------------------------------------------------

    def send_bytes(self, body: bytes) -> None:
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(frame(body))
        stdin.flush()

    def send(self, message: Message) -> None:
        self.send_bytes(json.dumps(message).encode("utf-8"))

    def notify(self, method: str, params: Any = None) -> None:
        message: Message = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)

    def request(self, method: str, params: Any = None, timeout: float = 30) -> Message:
        """Send a request and wait for the response with its id (result or error)."""
        msg_id = next(self._ids)
        message: Message = {"jsonrpc": "2.0", "id": msg_id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        return self.next(lambda m: m.get("id") == msg_id and "method" not in m, timeout)

    # --- reading --------------------------------------------------------------------

    def next(self, wanted: Callable[[Message], bool], timeout: float = 30) -> Message:
        """The next message that ``wanted`` accepts (those before it are kept in ``seen``)."""
        deadline = time.monotonic() + timeout
        for index, message in enumerate(self.seen):
            if index not in self._taken and wanted(message):
                self._taken.add(index)
                return message
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no such message from the server")
            try:
                message = self.received.get(timeout=left)
            except queue.Empty:
                continue
            if message is None:
                raise EOFError("the server closed its output")
            self.seen.append(message)
            if wanted(message):
                self._taken.add(len(self.seen) - 1)
                return message

    def drain(self, quiet: float = 0.2) -> list[Message]:
        """Read whatever arrives until the server has been quiet for ``quiet`` seconds."""
        while True:
            try:
                message = self.received.get(timeout=quiet)
            except queue.Empty:
                return self.seen
            if message is None:
                return self.seen
            self.seen.append(message)

    # --- session --------------------------------------------------------------------

    def initialize(self, capabilities: Message | None = None) -> Message:
        reply = self.request(
            "initialize", {"processId": None, "rootUri": None, "capabilities": capabilities or {}}
        )
        self.notify("initialized", {})
        return reply

    def open(self, uri: str, text: str, version: int = 1) -> None:
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "fountain", "version": version,
                              "text": text}},
        )  # fmt: skip

    def wait_exit(self, timeout: float = 10) -> int:
        return self.process.wait(timeout)

    def stderr_text(self) -> str:
        self.stderr.seek(0)
        return self.stderr.read().decode("utf-8", "replace")

    def close(self) -> None:
        """Shut down politely when still running; kill only when it will not stop."""
        if self.process.poll() is None:
            try:
                self.request("shutdown", timeout=10)
                self.notify("exit")
                self.process.wait(10)
            except (OSError, TimeoutError, EOFError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait(10)
        self.stderr.close()
