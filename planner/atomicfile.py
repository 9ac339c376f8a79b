"""Write files so that a failure never leaves a half-written file at the destination.

Everything is written to a temporary name in the destination's folder (same file system, so the
final :func:`os.replace` is atomic) and renamed only when complete. A failed run removes its
temporary file; a killed one cannot, so the temporary name carries the host and the process id
(``.NAME.~ecovisit-HOST-PID-TOKEN.part``) and the next run writing into that folder removes the
partial files of processes of this host that are gone (:func:`remove_stale_parts`), and nothing
else.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import socket
from collections.abc import Iterator
from pathlib import Path

from planner.errors import FileExistsRefused, InputError, NoSpaceLeft, storage_error

SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")

#: This host in temporary names: letters and digits only, so the name can be read back.
_HOST = re.sub(r"[^A-Za-z0-9]", "", socket.gethostname())[:40] or "host"
_OWNER = re.compile(r"\.~ecovisit-(?P<host>[A-Za-z0-9]*)-(?P<pid>\d+)-[0-9a-f]{8}")
_PART = re.compile(r"^\..*" + _OWNER.pattern + r"\.part(?:-wal|-shm|-journal)?$")


def owned_name(stem: str, suffix: str) -> str:
    """A new temporary file name ``STEM.~ecovisit-HOST-PID-TOKEN SUFFIX`` owned by this process."""
    return f"{stem}.~ecovisit-{_HOST}-{os.getpid()}-{secrets.token_hex(4)}{suffix}"


def is_stale(name: str) -> bool:
    """Whether *name* is a temporary name (:func:`owned_name`) of a process of this host that is
    gone, so nothing will finish or remove it."""
    found = _OWNER.search(name)
    return found is not None and found["host"] == _HOST and not _alive(int(found["pid"]))


def part_name(path: Path) -> Path:
    """A new temporary name beside *path*, owned by this process (:func:`remove_stale_parts`)."""
    path = Path(path)
    return path.with_name(owned_name(f".{path.name}", ".part"))


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def remove_stale_parts(folder: Path) -> list[Path]:
    """Remove the partial files in *folder* that a killed Ecovisit of this host left (its own
    temporary pattern, its process gone); return what was removed. Never raises."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _PART.match(entry.name) or not is_stale(entry.name):
            continue
        with contextlib.suppress(OSError):
            Path(entry.path).unlink()
            removed.append(Path(entry.path))
    return removed


def check_destination(path: Path, force: bool) -> None:
    """Refuse to overwrite *path* unless *force*; refuse a folder that does not exist."""
    if path.exists() and not force:
        raise FileExistsRefused(path)
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a file")
    if not path.parent.is_dir():
        raise InputError(f"{path.parent}: folder does not exist")


@contextlib.contextmanager
def atomic_destination(path: Path, *, force: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside *path*; on success rename it to *path*, else delete it.

    The caller writes the complete file to the yielded path and must have closed it (for SQLite:
    disposed of the engine, so no ``-wal`` file is left) before the block ends. A full disk is
    said as :class:`~planner.errors.NoSpaceLeft` naming *path*.
    """
    path = Path(path)
    check_destination(path, force)
    for side in SQLITE_SIDE_FILES:
        if Path(f"{path}{side}").exists():
            raise InputError(f"{path}: is open in another program ({path.name}{side} exists)")
    if not os.access(path.parent, os.W_OK):
        raise InputError(f"{path.parent}: folder is read-only (permission denied); "
                         "write to a folder you can write to")
    remove_stale_parts(path.parent)
    tmp = part_name(path)  # the writer creates it; SQLite wants to create the file itself
    try:
        yield tmp
        if not tmp.exists():
            raise InputError(f"{path}: nothing was written")
        tmp.replace(path)
    except Exception as exc:
        said = storage_error(exc, path)
        if isinstance(said, NoSpaceLeft):
            raise NoSpaceLeft(path, said.reason) from None
        raise
    finally:
        for leftover in [tmp, *(Path(f"{tmp}{side}") for side in SQLITE_SIDE_FILES)]:
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def write_text_atomically(path: Path, text: str, *, force: bool = False) -> None:
    """Write *text* (UTF-8) to *path* through a temporary file and a rename."""
    with atomic_destination(path, force=force) as tmp, \
            tmp.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
