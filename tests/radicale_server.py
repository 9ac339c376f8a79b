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


@contextlib.contextmanager
def radicale_server(storage: Path, timeout: float = 30.0) -> Iterator[str]:
    """Start Radicale (no authentication, a temporary store); yield its base URL."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--server-hosts", f"127.0.0.1:{port}",
         "--storage-filesystem-folder", str(storage), "--auth-type", "none",
         "--logging-level", "info"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        watcher = selectors.DefaultSelector()
        watcher.register(process.stderr, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout
        seen = []
        while True:  # wait for the server to say it listens (its log, not a sleep)
            remaining = deadline - time.monotonic()
            if remaining <= 0 or process.poll() is not None:
                raise RuntimeError("Radicale did not start: " + "".join(seen[-5:]))
            if watcher.select(remaining):
                line = process.stderr.readline()
                seen.append(line)
                if "Listening on" in line or "listening on" in line:
                    break
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=30)
        if process.stderr is not None:
            process.stderr.close()
