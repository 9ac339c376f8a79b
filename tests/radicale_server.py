"""A real CalDAV server (Radicale) on 127.0.0.1 for the publishing tests."""

from __future__ import annotations

import contextlib
import selectors
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(storage: Path, timeout: float) -> tuple[subprocess.Popen[str], int]:
    """Radicale listening on a free port; RuntimeError with its last words if it stops."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--server-hosts", f"127.0.0.1:{port}",
         "--storage-filesystem-folder", str(storage), "--auth-type", "none",
         "--logging-level", "info"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    deadline = time.monotonic() + timeout
    seen: list[str] = []
    with selectors.DefaultSelector() as watcher:
        watcher.register(process.stderr, selectors.EVENT_READ)
        while True:  # wait for the server to say it listens (its log, not a sleep)
            remaining = deadline - time.monotonic()
            if remaining <= 0 or process.poll() is not None:
                _stop(process)
                seen += process.stderr.readlines()
                process.stderr.close()  # no pipe left for the garbage collector to warn about
                raise RuntimeError("Radicale did not start: " + "".join(seen[-5:]))
            if watcher.select(remaining):
                line = process.stderr.readline()
                seen.append(line)
                if "Listening on" in line or "listening on" in line:
                    return process, port


def _stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.terminate()
    process.wait(timeout=30)


@contextlib.contextmanager
def radicale_server(storage: Path, timeout: float = 30.0) -> Iterator[str]:
    """Start Radicale (no authentication, a temporary store); yield its base URL. A server
    that stops before it listens (the free port taken meanwhile by another program) is
    started again on another port, twice at most."""
    for attempt in range(3):
        try:
            process, port = _start(storage, timeout)
            break
        except RuntimeError:
            if attempt == 2:
                raise
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        _stop(process)
        if process.stderr is not None:
            process.stderr.close()
