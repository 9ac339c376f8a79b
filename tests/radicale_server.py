"""A real CalDAV server (Radicale) on 127.0.0.1 for the publishing tests."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

from tests.server_process import serve


@contextlib.contextmanager
def radicale_server(storage: Path, timeout: float = 30.0) -> Iterator[str]:
    """Start Radicale (no authentication, a temporary store); yield its base URL."""

    def command(port: int) -> list[str]:
        return [sys.executable, "-m", "radicale", "--server-hosts", f"127.0.0.1:{port}",
                "--storage-filesystem-folder", str(storage), "--auth-type", "none",
                "--logging-level", "info"]

    with serve("Radicale", command, "istening on", timeout) as port:
        yield f"http://127.0.0.1:{port}/"
