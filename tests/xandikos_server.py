"""A second real CalDAV server (Xandikos) on 127.0.0.1 for the publishing tests, beside
Radicale: another implementation's reading of WebDAV and CalDAV (RFC 4918, 4791)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

from tests.server_process import serve

#: The principal Xandikos serves (its default); calendars are made under ``calendars/``.
PRINCIPAL = "/user/"


@contextlib.contextmanager
def xandikos_server(storage: Path, timeout: float = 30.0) -> Iterator[str]:
    """Start Xandikos (no authentication, a temporary store, the principal created); yield its
    base URL."""

    def command(port: int) -> list[str]:
        return [sys.executable, "-m", "xandikos", "serve", "--directory", str(storage),
                "--autocreate", "--current-user-principal", PRINCIPAL,
                "--listen-address", "127.0.0.1", "--port", str(port),
                "--no-detect-systemd"]

    with serve("Xandikos", command, "Listening on", timeout) as port:
        yield f"http://127.0.0.1:{port}/"
