"""The errors the core raises for the user to read: each says what is wrong and where.

The command line maps them to exit codes (:mod:`planner.cli`); the GUI shows their text.
"""

from __future__ import annotations

import errno
from pathlib import Path


class EcovisitError(Exception):
    """Base class: an error whose message is written for the user, not for a developer."""


class InputError(EcovisitError):
    """Input that cannot be read or does not make sense (exit code 2 on the command line)."""


class WorkFailed(EcovisitError):
    """The input was fine but the work could not be done or found errors (exit code 1)."""


class TourFileError(InputError):
    """A tour file or database that cannot be opened; the file is left exactly as it was."""

    def __init__(self, location: str | Path, reason: str) -> None:
        super().__init__(f"{location}: {reason}")
        self.location = str(location)
        self.reason = reason


class NotATourFile(TourFileError):
    """Not SQLite at all, or another program's SQLite database."""


class NewerSchemaError(TourFileError):
    """Written by a newer Ecovisit than this one."""


class DamagedTourFile(TourFileError):
    """Recognised as a tour file but damaged (truncated, corrupt pages, missing tables)."""


class DamagedRecord(DamagedTourFile):
    """A stored value that cannot be read as its column's type: names table, row and column."""

    def __init__(self, location: str | Path, table: str, row: str, column: str,
                 problem: str) -> None:
        super().__init__(location, f"is damaged: {table} row {row}, {column}: {problem}")
        self.table, self.row, self.column, self.problem = table, row, column, problem


class FileExistsRefused(InputError):
    """A command would overwrite an existing file without ``--force``."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: already exists (use --force to replace it)")
        self.path = path


class NameNotFound(InputError):
    """A name given on the command line (``--traveller``, ``--host``) matches nothing or several."""

    def __init__(self, what: str, query: str, candidates: list[str], ambiguous: bool) -> None:
        listing = ", ".join(candidates) if candidates else "(none)"
        if ambiguous:
            message = f"{what} {query!r} is ambiguous; it matches: {listing}"
        else:
            message = f"no {what} matches {query!r}; known: {listing}"
        super().__init__(message)
        self.query = query
        self.candidates = candidates
        self.ambiguous = ambiguous


class TourReadOnly(TourFileError):
    """A tour that cannot be written: a read-only file or folder, or one opened for reading."""


class StorageFailed(WorkFailed):
    """The machine refused the work (a disk, a lock); nothing was changed (exit code 1)."""

    def __init__(self, location: str | Path, reason: str) -> None:
        super().__init__(f"{location}: {reason}")
        self.location = str(location)
        self.reason = reason


class TourBusy(StorageFailed):
    """Another program holds the tour's write lock for longer than we wait."""

    def __init__(self, location: str | Path) -> None:
        super().__init__(location, "is busy in another program (it is being written); "
                                   "nothing was changed: try again in a moment")


class NoSpaceLeft(StorageFailed):
    """The disk (or the user's quota) is full."""

    def __init__(self, location: str | Path, what: str = "no space left on device") -> None:
        super().__init__(location, what)


#: The one line a writing command says for a tour it may not write.
READ_ONLY_REASON = "is read-only (permission denied): copy it to a folder you can write to"
#: ... and for a tour this program opened for reading only.
OPENED_FOR_READING = "was opened for reading only; nothing was changed"


def storage_error(exc: BaseException, location: str | Path) -> EcovisitError | None:
    """The user's error for a failure of the machine under *location*, or None if *exc* is not one.

    Understands :class:`OSError` (a full disk), :mod:`sqlite3` errors (locked, read-only, full,
    I/O) and SQLAlchemy's wrappers of them (through ``.orig``, without importing SQLAlchemy). Every
    layer that touches files (the store, :mod:`planner.atomicfile`, the command line's ``main``)
    asks this one function, so a user never sees a driver's text or a link to its documentation.
    """
    import sqlite3

    if isinstance(exc, EcovisitError):
        return exc
    orig = getattr(exc, "orig", None)
    if isinstance(orig, BaseException):
        exc = orig
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return NoSpaceLeft(exc.filename or location)
        if exc.errno == errno.EDQUOT:
            return NoSpaceLeft(exc.filename or location, "disk quota exceeded")
        return None
    if not isinstance(exc, sqlite3.Error):
        return None
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in str(exc):
        return TourBusy(location)
    if name == "SQLITE_FULL" or "disk is full" in str(exc):
        return NoSpaceLeft(location)
    if name.startswith(("SQLITE_READONLY", "SQLITE_PERM")):
        return TourReadOnly(location, READ_ONLY_REASON)
    if name.startswith("SQLITE_IOERR"):
        if _almost_full(location):  # SQLite says "disk I/O error" when the -shm cannot grow
            return NoSpaceLeft(location)
        return StorageFailed(location, "could not be read or written (a disk error); "
                                       "check the disk and try again")
    if name.startswith("SQLITE_CANTOPEN"):
        return TourFileError(location, "cannot be opened (its folder is missing or unreadable)")
    return None


def _almost_full(location: str | Path) -> bool:
    """Whether the disk holding the file *location* has less than a megabyte left."""
    import shutil

    if "://" in str(location):
        return False
    folder = Path(location).parent
    try:
        return shutil.disk_usage(folder).free < 1 << 20
    except OSError:
        return False
