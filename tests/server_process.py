"""A server program run for the tests (a CalDAV server): started on 127.0.0.1 and a free port,
waited for until it says it listens and accepts a connection, its output read all along, stopped.

Its output is read by a thread from start to end: a server that logs every request would
otherwise fill the pipe's buffer (64 KiB) and hang in its next write, in the middle of a test.
Waiting is on that output (a queue) and on connections, never a sleep.
"""

from __future__ import annotations

import collections
import contextlib
import os
import queue
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from typing import IO

#: How long to wait for the server's next line before trying to connect again.
POLL = 0.05


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=POLL):
            return True
    except OSError:
        return False


class _Output:
    """The server's output (stdout and stderr together), read by a thread: its lines as they
    come, then ``None`` at the end; its last lines kept to say why a server did not start."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.last: collections.deque[str] = collections.deque(maxlen=20)
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        for line in self.stream:
            self.last.append(line)
            self.lines.put(line)
        self.lines.put(None)

    def close(self) -> None:
        self.thread.join(timeout=30)
        self.stream.close()  # no pipe left for the garbage collector to warn about


def _stop(process: subprocess.Popen[str], output: _Output) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)
    output.close()


def _start(name: str, command: list[str], ready: str, port: int,
           timeout: float) -> tuple[subprocess.Popen[str], _Output]:
    """The server running and accepting connections on *port*, or RuntimeError with its last
    words. *ready* is what it says once it is about to listen; then connections are tried."""
    environment = dict(os.environ, PYTHONUNBUFFERED="1")
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, env=environment)
    assert process.stdout is not None
    output = _Output(process.stdout)
    deadline = time.monotonic() + timeout
    said = False
    ended = False
    while time.monotonic() < deadline and not ended:
        if said and _accepts(port):
            return process, output
        try:
            line = output.lines.get(timeout=POLL if said else deadline - time.monotonic())
        except queue.Empty:
            continue
        if line is None:
            ended = True
        elif ready in line:
            said = True
    _stop(process, output)
    raise RuntimeError(f"{name} did not start: " + "".join(list(output.last)[-5:]))


@contextlib.contextmanager
def serve(name: str, command: Callable[[int], list[str]], ready: str,
          timeout: float = 30.0) -> Iterator[int]:
    """Run ``command(port)`` on a free port until the block ends; yield the port. A server that
    stops before it listens (the free port taken meanwhile by another program) is started again
    on another port, twice at most."""
    for attempt in range(3):
        port = free_port()
        try:
            process, output = _start(name, command(port), ready, port, timeout)
            break
        except RuntimeError:
            if attempt == 2:
                raise
    try:
        yield port
    finally:
        _stop(process, output)
