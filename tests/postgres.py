"""A throwaway PostgreSQL server for the team-database tests (real server, loopback only)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    return str(candidates[-1]) if candidates else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """Start a private PostgreSQL cluster on 127.0.0.1; yield the URL of its ``postgres`` db.

    PostgreSQL refuses to run as root, so as root the server runs as the ``postgres`` user.
    """
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if not initdb or not pg_ctl:
        raise FileNotFoundError("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    base = Path(tempfile.mkdtemp(prefix="ecovisit-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    data, port = base / "data", _free_port()

    def run(*args: str | Path) -> None:
        subprocess.run([*prefix, *map(str, args)], check=True, capture_output=True, timeout=120)

    run(initdb, "-D", data, "-A", "trust", "-U", "ecovisit", "-E", "UTF8", "--locale", "C",
        "--no-sync")
    run(pg_ctl, "-D", data, "-l", base / "server.log", "-w", "-t", "60", "start", "-o",
        f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off")
    try:
        yield f"postgresql://ecovisit@127.0.0.1:{port}/postgres"
    finally:
        run(pg_ctl, "-D", data, "-m", "immediate", "-w", "stop")
        shutil.rmtree(base, ignore_errors=True)
