"""A real CalDAV server (Radicale) on 127.0.0.1 for the publishing tests."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

from tests.server_process import serve

#: Radicale as ``python -m radicale`` runs it, but with a setting its command line and files do
#: not take: no fsync after each write (a test's store is thrown away; the publishing tests ran
#: a third slower with it). Its own tests set it the same way. Ended by SIGTERM, like the CLI.
LAUNCH = """
import signal, socket, sys
from radicale import config, log, server
log.setup()
log.set_level("info", False)
configuration = config.load()
configuration.update({"server": {"hosts": sys.argv[1]}, "auth": {"type": "none"},
                      "storage": {"filesystem_folder": sys.argv[2], "_filesystem_fsync": "False"},
                      "logging": {"level": "info"}}, "tests", privileged=True)
stop, stopping = socket.socketpair()
signal.signal(signal.SIGTERM, lambda *_: stopping.send(b"."))
server.serve(configuration, stop)
"""


@contextlib.contextmanager
def radicale_server(storage: Path, timeout: float = 30.0) -> Iterator[str]:
    """Start Radicale (no authentication, a temporary store); yield its base URL."""

    def command(port: int) -> list[str]:
        return [sys.executable, "-c", LAUNCH, f"127.0.0.1:{port}", str(storage)]

    with serve("Radicale", command, "istening on", timeout) as port:
        yield f"http://127.0.0.1:{port}/"
