"""Write files so that a failure never leaves a half-written file at the destination.

Everything is written to a temporary name in the destination's folder (same file system, so the
final :func:`os.replace` is atomic) and renamed only when complete.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from planner.errors import FileExistsRefused, InputError

SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


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
    disposed of the engine, so no ``-wal`` file is left) before the block ends.
    """
    path = Path(path)
    check_destination(path, force)
    for side in SQLITE_SIDE_FILES:
        if Path(f"{path}{side}").exists():
            raise InputError(f"{path}: is open in another program ({path.name}{side} exists)")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # the writer creates it; SQLite wants to create the file itself
    try:
        yield tmp
        if not tmp.exists():
            raise InputError(f"{path}: nothing was written")
        tmp.replace(path)
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
