"""The errors the core raises for the user to read: each says what is wrong and where.

The command line maps them to exit codes (:mod:`planner.cli`); the GUI shows their text.
"""

from __future__ import annotations

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
