"""Reading stored values back: damage in a tour is found and named, never a traceback.

A tour file can be damaged under the program (a failing disk, a copy cut short, another program
writing into it). Every column type that parses what it reads does so leniently here
(:class:`LenientRead`): a stored value it cannot turn into its Python type becomes an
:class:`Unreadable` (the raw value and why), and :mod:`planner.model` checks every record it
loads, raising :class:`~planner.errors.DamagedRecord` with the table, row and column. Text is
decoded by :func:`read_text` (SQLite's text factory), which keeps a byte that is not UTF-8 for
the check to name instead of failing without saying where.
"""

from __future__ import annotations

import math
import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Dialect, Engine, ExceptionContext
from sqlalchemy.types import TypeDecorator

from planner.errors import DamagedTourFile

#: Instants and dates outside these years are damage when read back (the door refuses them).
FIRST_YEAR, LAST_YEAR = 1900, 2200
#: Whole numbers beyond this are damage (they could not be raised by one, nor written to JSON).
LARGEST_INTEGER = 2**53


class Unreadable:
    """What a column type gives for a stored value it cannot read: the value, and why."""

    __slots__ = ("raw", "reason")

    def __init__(self, raw: Any, reason: str) -> None:
        self.raw, self.reason = raw, reason

    def __repr__(self) -> str:
        return f"Unreadable({self.reason})"


def shown(raw: Any) -> str:
    """A stored value as a message shows it: short, and printable whatever its bytes."""
    if isinstance(raw, bytes):
        return f"bytes {raw[:16].hex(' ')}" + (" …" if len(raw) > 16 else "")
    if isinstance(raw, str):
        short = raw if len(raw) <= 40 else raw[:40] + "…"
        try:
            short.encode("utf-8")
        except UnicodeEncodeError:  # bytes that are not UTF-8, kept by read_text: as \xNN
            return f"'{_printable(short)}'"
        return repr(short)
    return repr(raw)


def _printable(text: str) -> str:
    """*text* with the bytes :func:`read_text` kept (not UTF-8) and control characters (a
    line break would cut a one-line message) written as ``\\xNN``."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                   for c in text)


def read_text(data: bytes) -> str:
    """SQLite's text factory for tours: UTF-8, a byte that is not kept as a lone surrogate
    (found and named by :func:`text_problem` when the record is checked)."""
    return data.decode("utf-8", "surrogateescape")


def text_problem(value: Any) -> str | None:
    """Why *value* is not text a tour can hold, or None."""
    if not isinstance(value, str):
        return f"{shown(value)} is not text"
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return f"{shown(value)} is not UTF-8 text"
    return None


def integer_problem(value: Any) -> str | None:
    """Why *value* is not a whole number a tour can hold, or None."""
    if isinstance(value, bool) or not isinstance(value, int):
        return f"{shown(value)} is not a whole number"
    if abs(value) > LARGEST_INTEGER:
        return f"{value} is too large"
    return None


def number_problem(value: Any) -> str | None:
    """Why *value* is not a finite number, or None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"{shown(value)} is not a number"
    if not math.isfinite(value):
        return f"{value} is not a finite number"
    return None


def moment_problem(value: Any, kind: type) -> str | None:
    """Why *value* is not a *kind* (date, time, datetime) in the years a tour can hold, or None."""
    if not isinstance(value, kind) or (kind is date and isinstance(value, datetime)):
        return f"{shown(value)} is not a {kind.__name__}"
    if isinstance(value, date | datetime) and not FIRST_YEAR <= value.year <= LAST_YEAR:
        return f"{value.isoformat()} is outside the years {FIRST_YEAR} to {LAST_YEAR}"
    return None


class LenientRead(TypeDecorator[Any]):
    """A column type that never raises while reading: what it cannot read is
    :class:`Unreadable`. Subclasses set ``impl`` and may refuse raw values first
    (:meth:`raw_problem`); the impl's own reading and ``process_result_value`` run after."""

    cache_ok = True
    #: What the column holds, for messages ("is not a date").
    what = "a value"

    def raw_problem(self, raw: Any) -> str | None:
        """Why the stored *raw* value cannot be read, before parsing it; None if it may be."""
        return None

    def result_processor(self, dialect: Dialect, coltype: Any) -> Any:
        process = super().result_processor(dialect, coltype)
        what = self.what

        def read(raw: Any) -> Any:
            if raw is None:
                return None
            reason = self.raw_problem(raw)
            if reason is not None:
                return Unreadable(raw, reason)
            try:
                return process(raw) if process is not None else raw
            except Exception:
                return Unreadable(raw, f"{shown(raw)} is not {what}")

        return read


def parsed(value: Any, kind: type) -> Any:
    """*value* read as *kind*, or :class:`Unreadable` when it is not one in the tour's years
    (for ``process_result_value`` of date and time types)."""
    if value is None or isinstance(value, Unreadable):
        return value
    reason = moment_problem(value, kind)
    return value if reason is None else Unreadable(value, reason)


def text_raw_problem(raw: Any, what: str) -> str | None:
    """Why a stored value meant to be parsed from text (a date, JSON) is not even text."""
    if isinstance(raw, bytes):
        return f"{shown(raw)} is not {what}"
    if isinstance(raw, str):
        problem = text_problem(raw)
        return None if problem is None else f"is not {what}: {problem}"
    return None



# --- Ecovisit's engines: text read as above, damage said as damage ----------------------------

def watch(engine: Engine) -> Engine:
    """*engine*, reading text with :func:`read_text` and saying SQLite's damage as
    :class:`~planner.errors.DamagedTourFile`. Every engine on a tour is made through this (the
    store's, the backups' and the rescue's); it is listened to alone, so another library's
    engine in the same process reads and fails as SQLAlchemy alone would."""
    event.listen(engine, "connect", _read_text_leniently)
    event.listen(engine, "handle_error", _damage_is_damage)
    return engine


def _read_text_leniently(dbapi_connection: Any, _record: Any) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.text_factory = read_text


def _damage_is_damage(context: ExceptionContext) -> BaseException | None:
    """SQLite's "database disk image is malformed" (a page that does not add up, found only
    when a query reaches it) as the user's :class:`~planner.errors.DamagedTourFile`."""
    original = context.original_exception
    engine = context.engine
    url = engine.url if engine is not None else None
    location = (url.database if url is not None else None) or "the tour"
    if isinstance(original, UnicodeDecodeError):  # SQLite's message quoted damaged bytes
        return DamagedTourFile(location, f"is damaged ({sqlite_message(original)})")
    if not isinstance(original, sqlite3.DatabaseError):
        return None
    name = getattr(original, "sqlite_errorname", "") or ""
    if not name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return None
    return DamagedTourFile(location, f"is damaged ({original})")


def sqlite_message(exc: UnicodeDecodeError) -> str:
    """SQLite's error message that Python could not decode (it quotes a damaged schema's
    bytes: "malformed database schema ... near ..."), printable."""
    data = exc.object if isinstance(exc.object, bytes) else bytes(exc.object)
    return " ".join(data.decode("utf-8", "backslashreplace").split())


def stored_damage(connection: sqlite3.Connection) -> str | None:
    """What SQLite finds damaged in a tour file, in one line, or None: its pages
    (``quick_check``) and references to rows that are not there (``foreign_key_check``: a
    night at a hotel that was lost would break every command that shows it)."""
    connection.text_factory = read_text  # quick_check quotes damaged text as it finds it
    try:
        problems = [" ".join(_printable(str(row[0])).split()) for row in connection.execute(
            "PRAGMA quick_check(5)")]
    except UnicodeDecodeError as exc:
        return sqlite_message(exc)
    if problems != ["ok"]:
        return "; ".join(problems)
    lost = []
    for table, rowid, parent, number in connection.execute("PRAGMA foreign_key_check"):
        column = next((row[3] for row in connection.execute(
            f'PRAGMA foreign_key_list("{table}")') if row[0] == number), "?")
        lost.append(f"{table} row {rowid}, {column}: refers to a row of {parent} that is "
                    "not there")
        if len(lost) == 3:
            break
    return "; ".join(lost) or None


def reading_engine(path: Path) -> Engine:
    """An engine that reads the SQLite file *path* and cannot write a byte to it: immutable,
    unless a write-ahead log beside it holds committed pages still to be read (then read-only,
    through the log)."""
    resolved = Path(path).resolve()
    wal = Path(f"{resolved}-wal")
    uri = f"file:{quote(str(resolved))}?mode=ro" + ("" if wal.exists() else "&immutable=1")

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    return watch(create_engine("sqlite://", creator=connect))
