"""Open, create and migrate tours: a ``.ecovisit`` SQLite file, or a database URL for a team.

A file is *inspected* read-only first (header, ``PRAGMA application_id``, ``user_version``,
``quick_check``) through a read-only connection that cannot write a byte; only a recognised
tour file is then opened. Opened for editing, an older schema is backed up with SQLite's backup
API and migrated with Alembic, and a file or folder this user may not write is refused
(:class:`~planner.errors.TourReadOnly`). Opened for reading (``read_only=True``), nothing is ever
written: a read-only file or folder is read as it is, and an older schema is read through a
migrated private copy in the temporary folder, never beside the tour. A newer schema, another
program's database, a file that is not SQLite or a damaged file raises a
:class:`~planner.errors.TourFileError` and stays byte-identical.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, Integer, create_engine, event, inspect, make_url, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from planner.atomicfile import atomic_destination, is_stale, owned_name
from planner.errors import (
    OPENED_FOR_READING,
    READ_ONLY_REASON,
    DamagedTourFile,
    EcovisitError,
    FileExistsRefused,
    NewerSchemaError,
    NotATourFile,
    TourFileError,
    TourReadOnly,
    storage_error,
)
from planner.model import Base, TourSession
from planner.readback import stored_damage, watch

#: ``PRAGMA application_id`` of every tour file: the bytes "EcoV".
APPLICATION_ID = 0x45636F56
SUFFIX = ".ecovisit"


#: The schema this program writes: the newest migration's number. Kept here, not read from
#: Alembic at every start (importing Alembic costs a third of a second); a test checks the two
#: agree.
SCHEMA_VERSION = 7


def _alembic_config() -> Any:
    from alembic.config import Config  # only when migrating: it is slow to import

    config = Config()
    config.set_main_option("script_location", str(resources.files("planner") / "migrations"))
    return config


def schema_version() -> int:
    """The schema version this program writes (the newest migration's number)."""
    return SCHEMA_VERSION


def migrations_head() -> int:
    """The newest migration's number, as Alembic reads it from ``planner/migrations``."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return int(head)


def is_url(location: str | Path) -> bool:
    """Whether *location* is a database server URL (``postgresql://...``), not a file.

    A ``sqlite:///PATH`` URL names a file and is treated exactly like PATH.
    """
    return isinstance(location, str) and "://" in location and not location.startswith("sqlite")


def as_location(location: str | Path) -> str | Path:
    """A database URL unchanged; a file path, or a ``sqlite:///PATH`` URL, as a :class:`Path`."""
    if isinstance(location, str) and location.startswith("sqlite:"):
        database = make_url(location).database
        if not database or database == ":memory:":
            raise TourFileError(location, "a tour needs a file; in-memory databases are not kept")
        return Path(database)
    return location if is_url(location) else Path(location)


@dataclass(frozen=True)
class FileInspection:
    """What a read-only look at a tour file found."""

    path: Path
    schema: int
    size: int


_SQLITE_MAGIC = b"SQLite format 3\x00"


def _starts_like_sqlite(path: Path) -> bool:
    """Whether a file SQLite refused begins as SQLite files do (damaged, then, rather than
    another kind of file). Reading it directly is safe only because SQLite refused it: this
    process cannot be holding it open as a database."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        return os.read(descriptor, len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    finally:
        os.close(descriptor)


def _inspecting_uri(path: Path) -> str:
    """The read-only URI :func:`inspect_file` looks through.

    ``immutable=1`` (no locks, no ``-wal``/``-shm`` files, no writes of any kind) only while no
    write-ahead log exists, i.e. no program has the tour open: immutable ignores the log and
    other programs' locks, so a checkpoint rewriting pages during the look showed a healthy tour
    being written by a window as "malformed". With a log, an ordinary ``mode=ro`` connection
    reads it under SQLite's locks (its descriptors are SQLite's, so closing it drops no lock of
    this process), unless SQLite could not read the log in place (a read-only tour without its
    ``-shm``), which nobody can be writing.
    """
    resolved = path.resolve()
    uri = f"file:{quote(str(resolved))}?mode=ro"
    if Path(f"{resolved}-wal").exists() and (
            may_write(resolved) or Path(f"{resolved}-shm").exists()):
        return uri
    return f"{uri}&immutable=1"


def inspect_file(path: Path) -> FileInspection:
    """Look at *path* without changing it; raise a :class:`TourFileError` unless it is a tour."""
    path = Path(path)
    if not path.exists():
        raise TourFileError(path, "no such file")
    if path.is_dir():
        raise TourFileError(path, "is a folder, not a tour file")
    # Only SQLite reads the file, never Python's open(): closing any descriptor of a file drops
    # every POSIX lock this process holds on it, SQLite's included, and another program would
    # then take itself for the last user and delete the live write-ahead log. SQLite's own
    # descriptors are closed only once no connection of the process holds a lock on the file.
    size = path.stat().st_size
    if size == 0:
        raise NotATourFile(path, "is empty (0 bytes), not an Ecovisit tour file")
    if size < 100:  # no database, so none this process can have open: open() is safe here
        try:
            header = path.read_bytes()
        except OSError as exc:
            raise TourFileError(path, f"cannot be read ({exc.strerror})") from exc
        if header.startswith(_SQLITE_MAGIC):
            raise DamagedTourFile(path, "is damaged: the file ends inside its header")
        raise NotATourFile(path, "is not an Ecovisit tour file (not an SQLite database)")
    if not os.access(path, os.R_OK):
        raise TourFileError(path, "cannot be read (permission denied)")
    uri = _inspecting_uri(path)
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise NotATourFile(path, f"cannot be opened as SQLite ({exc})") from exc
    try:
        try:
            connection.execute("PRAGMA schema_version").fetchone()
        except sqlite3.DatabaseError as exc:
            if "not a database" in str(exc):
                if _starts_like_sqlite(path):
                    raise DamagedTourFile(path, "is damaged: SQLite cannot read it") from exc
                raise NotATourFile(
                    path, "is not an Ecovisit tour file (not an SQLite database)") from exc
            raise
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        if application_id != APPLICATION_ID:
            raise NotATourFile(
                path, "is an SQLite database of another program, not an Ecovisit tour file")
        schema = int(connection.execute("PRAGMA user_version").fetchone()[0])
        if schema > schema_version():
            raise NewerSchemaError(
                path, f"was written by a newer Ecovisit (schema {schema}; this version reads "
                      f"schemas up to {schema_version()}); update Ecovisit to open it")
        damage = stored_damage(connection)
        if damage is not None:
            raise DamagedTourFile(path, f"is damaged: {damage}")
        tables = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = {"tour", "alembic_version", "agenda_items"} - tables
        if schema < 1 or missing:
            raise DamagedTourFile(path, "is damaged: its tables are incomplete")
    except sqlite3.DatabaseError as exc:
        raise DamagedTourFile(path, f"is damaged ({exc})") from exc
    finally:
        connection.close()
    return FileInspection(path=path, schema=schema, size=path.stat().st_size)


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.close()


def _configure_reading(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.execute("PRAGMA query_only = ON")  # a write is refused, never made
    cursor.close()


def _sqlite_engine(path: Path) -> Engine:
    engine = watch(create_engine(f"sqlite:///{path}"))
    event.listen(engine, "connect", _configure_sqlite)
    return engine


def may_write(path: Path) -> bool:
    """Whether this user may change the tour file *path*: the file and its folder (where SQLite
    keeps the ``-wal`` and ``-shm`` files) are writable."""
    path = Path(path).resolve()
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _reading_uri(path: Path) -> str:
    """The SQLite URI that reads the tour file *path* without writing a byte to it.

    A tour this user may write is opened as usual (with ``query_only`` on each connection): as
    the last one to close, SQLite then removes the ``-wal`` and ``-shm`` files it made, where a
    ``mode=ro`` connection would leave them beside the tour. A read-only file or folder is read
    with ``mode=ro``, and, when no write-ahead log is waiting to be read, ``immutable=1``: a WAL
    file needs a ``-shm`` file SQLite could not create there, and no one can be writing a file
    that no one may write.
    """
    path = Path(path).resolve()
    uri = f"file:{quote(str(path))}"
    if may_write(path):
        return f"{uri}?mode=rw"
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return f"{uri}?mode=ro"
    return f"{uri}?mode=ro&immutable=1"


def _log_unreadable_in_place(path: Path) -> bool:
    """Whether *path* has a write-ahead log that SQLite cannot read where it is: a read-only
    file or folder without the ``-shm`` file (which SQLite may not create there)."""
    wal = Path(f"{path}-wal")
    return (not may_write(path) and not Path(f"{path}-shm").exists() and wal.exists()
            and wal.stat().st_size > 0)


def _reading_engine(path: Path) -> Engine:
    uri = _reading_uri(path)
    engine = watch(create_engine(f"sqlite:///{path}", creator=lambda: sqlite3.connect(
        uri, uri=True, check_same_thread=False)))
    event.listen(engine, "connect", _configure_reading)
    return engine


def _url_engine(url: str) -> Engine:
    """An engine for a database URL; a malformed URL or missing driver is the user's input.

    ``postgresql://`` means the psycopg (3) driver that Ecovisit installs.
    """
    try:
        parsed = make_url(url)
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        engine = watch(create_engine(parsed))
        with engine.connect():
            pass
    except ImportError as exc:
        raise TourFileError(_redact(url), f"the database driver {exc.name!r} is not "
                                          "installed") from None
    except SQLAlchemyError as exc:
        reason = str(exc.orig) if isinstance(exc, DBAPIError) else str(exc)
        raise TourFileError(_redact(url), f"cannot connect ({reason.splitlines()[0]})") from None
    return engine


def _postgres_reading(dbapi_connection: Any, _record: Any) -> None:
    """Every transaction of a read-only PostgreSQL store is READ ONLY: a write is refused."""
    cursor = dbapi_connection.cursor()
    cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    cursor.close()
    dbapi_connection.commit()


@contextlib.contextmanager
def _in_words(location: str | Path, damaged: str = "",
              engine: Engine | None = None) -> Iterator[None]:
    """Say a failure inside the block in the user's words: a full disk, a lock or a read-only
    file as :func:`~planner.errors.storage_error` names it under *location*; with *damaged*,
    any other failure as a damaged tour (``LOCATION: DAMAGED (the driver's first line)``).
    *engine* is disposed of on any failure."""
    try:
        yield
    except Exception as exc:
        if engine is not None:
            engine.dispose()
        said = storage_error(exc, location)
        if said is not None and said is not exc:
            raise said from None
        if not damaged or isinstance(exc, EcovisitError):
            raise
        raise DamagedTourFile(location, f"{damaged} ({_first_line(exc)})") from exc


def _first_line(exc: BaseException) -> str:
    """An error's own first line: a driver's text without SQLAlchemy's link to its docs."""
    orig = getattr(exc, "orig", None)
    return (str(orig if isinstance(orig, BaseException) else exc).splitlines() or [""])[0]


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except SQLAlchemyError:
        return url


def _migrate(connection: Connection) -> None:
    from alembic import command

    config = _alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.exec_driver_sql(f"PRAGMA user_version = {schema_version()}")


def backup_sqlite(source: Path, destination: Path) -> None:
    """Copy the SQLite database *source* to *destination* with SQLite's online backup API."""
    src = sqlite3.connect(_reading_uri(source), uri=True)
    try:
        src.execute("PRAGMA query_only = ON")
        dst = sqlite3.connect(destination)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def backup_beside(path: Path, label: str) -> Path:
    """Copy the tour file *path* (SQLite's backup API) to ``NAME.LABEL-STAMP.bak`` beside it and
    return the copy. A name already taken (a second copy within the same second, or one a
    killed run left) gets ``-2``, ``-3``..., so the work the copy guards is never refused for
    want of a free name."""
    stamp = datetime.now(UTC).astimezone().strftime("%Y%m%d-%H%M%S")
    for number in itertools.count(1):
        extra = "" if number == 1 else f"-{number}"
        destination = path.with_name(f"{path.name}.{label}-{stamp}{extra}.bak")
        try:
            with _in_words(destination), atomic_destination(destination) as temporary:
                backup_sqlite(path, temporary)
        except FileExistsRefused:
            continue  # taken, perhaps just now by another program: the next number
        return destination
    raise AssertionError("unreachable")


class TourStore:
    """An open tour: the engine, and sessions on it.

    Use :meth:`open` for an existing tour and :meth:`create` for a new file. Each
    ``with store.transaction() as session:`` block is one transaction, committed at its end.
    """

    def __init__(self, engine: Engine, location: str, *, backup: Path | None = None,
                 upgraded_from: int | None = None, read_only: str = "",
                 copy_folder: Path | None = None) -> None:
        self.engine = engine
        self.location = location
        #: Where the pre-migration backup went, if opening migrated the file.
        self.migration_backup = backup
        #: The schema the file had before opening migrated it (None: not migrated).
        self.upgraded_from = upgraded_from
        #: Why nothing is written to the tour (opened for reading), or "" when it may be.
        self.read_only_reason = read_only
        self._copy_folder = copy_folder
        self._sessions = sessionmaker(engine, class_=TourSession, expire_on_commit=False)

    @property
    def read_only(self) -> bool:
        """Whether this store never writes to the tour (opened with ``read_only=True``)."""
        return bool(self.read_only_reason)

    # --- opening ------------------------------------------------------------------------------
    @classmethod
    def open(cls, location: str | Path, *, read_only: bool = False,
             scratch: bool = False) -> TourStore:
        """Open an existing tour file or database URL.

        For editing (the default) an older schema is migrated (the old file kept beside it:
        :attr:`migration_backup`, :attr:`upgraded_from`) and a tour this user may not write
        raises :class:`~planner.errors.TourReadOnly` with the one line to show. With
        *read_only* nothing is ever written to the tour: its connections refuse writes, and an
        older schema is read through a migrated copy in the temporary folder. *scratch* (with
        *read_only*) reads a private copy that may be changed and is thrown away at
        :meth:`close`, for trial runs that write and roll back (``plan --dry-run``).
        """
        location = as_location(location)
        if is_url(location):
            return cls._open_url(str(location), read_only=read_only, scratch=scratch)
        path = Path(location)
        found = inspect_file(path)
        if read_only:
            if scratch or found.schema < schema_version() or _log_unreadable_in_place(path):
                return cls._open_copy(path, found, scratch=scratch)
            return cls._checked(_reading_engine(path), path, read_only=OPENED_FOR_READING)
        if not may_write(path):
            raise TourReadOnly(path, READ_ONLY_REASON)
        backup = None
        if found.schema < schema_version():
            backup = backup_beside(path, f"schema-{found.schema}")
        engine = _sqlite_engine(path)
        if backup is not None:
            with _in_words(path, "cannot be upgraded", engine), engine.begin() as connection:
                _migrate(connection)
        return cls._checked(engine, path, backup=backup,
                            upgraded_from=found.schema if backup is not None else None)

    @classmethod
    def _checked(cls, engine: Engine, path: Path, **kwargs: Any) -> TourStore:
        """A store on *engine* once a first read of the tour worked (else the engine closed)."""
        with _in_words(path, "cannot be opened", engine), engine.connect() as connection:
            connection.execute(text("SELECT count(*) FROM tour")).scalar_one()
        return cls(engine, str(path), **kwargs)

    @classmethod
    def _open_copy(cls, path: Path, found: FileInspection, *, scratch: bool) -> TourStore:
        """Read *path* through a private copy in the temporary folder, migrated to this schema
        if older; the copy and its folder go at :meth:`close` (or, if this process is killed,
        at the next copy made on this machine)."""
        temp_root = Path(tempfile.gettempdir())
        for entry in temp_root.glob("ecovisit-copy.*"):
            if is_stale(entry.name):
                shutil.rmtree(entry, ignore_errors=True)
        folder = temp_root / owned_name("ecovisit-copy", "")
        folder.mkdir(mode=0o700)
        copy = folder / path.name
        try:
            with _in_words(folder):
                if _log_unreadable_in_place(path):
                    # without its -shm file no program has the tour open: copy the file and
                    # its log as they are, and SQLite reads the log in the copy
                    shutil.copyfile(path, copy)
                    shutil.copyfile(f"{path}-wal", f"{copy}-wal")
                else:
                    backup_sqlite(path, copy)
            engine = _sqlite_engine(copy)
            if found.schema < schema_version():
                with engine.begin() as connection:
                    _migrate(connection)
            if not scratch:  # the copy is read as the tour is: writes refused
                engine.dispose()
                engine = _reading_engine(copy)
            return cls._checked(engine, path, read_only=OPENED_FOR_READING,
                                copy_folder=folder)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise

    @classmethod
    def _open_url(cls, url: str, *, read_only: bool = False, scratch: bool = False) -> TourStore:
        """A database: for reading, its transactions are READ ONLY (a *scratch* store's are not:
        a trial run writes and rolls back), and an older schema is refused, not migrated."""
        engine = _url_engine(url)
        if read_only and not scratch:
            event.listen(engine, "connect", _postgres_reading)
            engine.dispose()  # the connection made to check the URL was made without it
        try:
            tables = set(inspect(engine).get_table_names())
            if not tables:
                raise NotATourFile(_redact(url), "the database is empty; create a tour in it first")
            if not {"tour", "alembic_version"} <= tables:
                raise NotATourFile(_redact(url), "is not an Ecovisit tour database")
            with engine.connect() as connection:
                found = int(connection.execute(
                    text("SELECT version_num FROM alembic_version")).scalar_one())
            if found > schema_version():
                raise NewerSchemaError(_redact(url), "was written by a newer Ecovisit "
                                                     f"(schema {found})")
            if found < schema_version() and read_only:
                raise TourReadOnly(_redact(url), f"has the older schema {found}; open it for "
                                                 "editing once to upgrade it, then read it")
            if found < schema_version():
                with engine.begin() as connection:
                    _migrate(connection)
        except Exception:
            engine.dispose()
            raise
        return cls(engine, _redact(url), read_only=OPENED_FOR_READING if read_only else "")

    @classmethod
    def create(cls, location: str | Path) -> TourStore:
        """Create an empty tour schema at a new file path or in an empty database."""
        location = as_location(location)
        if is_url(location):
            engine = _url_engine(str(location))
            if inspect(engine).get_table_names():
                engine.dispose()
                raise TourFileError(_redact(str(location)), "the database is not empty")
        else:
            path = Path(location)
            if path.exists():
                raise TourFileError(path, "already exists")
            engine = _sqlite_engine(path)
        with engine.begin() as connection:
            _migrate(connection)
        return cls(engine, _redact(str(location)) if is_url(location) else str(location))

    # --- sessions -----------------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self, *, write: bool = False) -> Iterator[Session]:
        """A session in one transaction: committed when the block ends, rolled back on error.

        ``write=True`` is for a change that reads first and decides from what it read (an import
        that skips organisations already there): the tour's write lock is taken before anything
        is read, so two such transactions run one after the other, the second seeing the first's
        rows, instead of both reading the same tour and both adding the same organisation.
        """
        with self._sessions.begin() as session:
            if write:
                _take_write_lock(session)
            yield session

    def session(self) -> Session:
        """A session for reading (the caller closes it); objects stay usable after commit."""
        return self._sessions()

    # --- files --------------------------------------------------------------------------------
    @property
    def path(self) -> Path | None:
        """The tour file, or None for a database URL."""
        return None if is_url(self.location) else Path(self.location)

    def backup_to(self, destination: Path, *, force: bool = False) -> None:
        """A consistent copy of the open tour file (SQLite backup API), e.g. for "Save As";
        written beside *destination* and renamed, so a failed copy leaves nothing."""
        if self.path is None:
            raise TourFileError(self.location, "only tour files can be backed up this way")
        if Path(destination).resolve() == self.path.resolve():
            raise TourFileError(destination, "is the open tour itself")
        with atomic_destination(Path(destination), force=force) as temporary:
            backup_sqlite(self.path, temporary)

    def close(self) -> None:
        """Close every connection (SQLite then folds the write-ahead log back into the file);
        a private copy read instead of the tour is removed."""
        self.engine.dispose()
        if self._copy_folder is not None:
            shutil.rmtree(self._copy_folder, ignore_errors=True)

    def __enter__(self) -> TourStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def create_tour_file(location: str | Path, fill: Callable[[Session], None], *,
                     force: bool = False) -> None:
    """Write a complete new tour at *location* (a file path or an empty database), or nothing.

    A file is built in a temporary file beside *path* (schema, then ``fill(session)`` in one
    transaction) and renamed into place only when everything succeeded. In a database, a failure
    removes the tables it created, leaving the database empty as it was.
    """
    location = as_location(location)
    if is_url(location):
        _create_in_database(str(location), fill)
        return
    with atomic_destination(Path(location), force=force) as tmp:
        store = TourStore.create(tmp)
        try:
            with store.transaction() as session:
                fill(session)
        finally:
            store.close()


def _create_in_database(url: str, fill: Callable[[Session], None]) -> None:
    store = TourStore.create(url)
    try:
        with store.transaction() as session:
            fill(session)
            session.flush()
            _advance_sequences(session)
    except BaseException:
        with store.engine.begin() as connection:
            Base.metadata.drop_all(connection)
            connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        raise
    finally:
        store.close()


#: The key of the transaction-level advisory lock that is a PostgreSQL tour's write lock (one
#: database holds one tour; advisory locks are kept per database): the bytes "EcoV".
_WRITE_LOCK_KEY = APPLICATION_ID


def _take_write_lock(session: Session) -> None:
    """Take the tour's write lock as the transaction's first statement (held until its end).

    SQLite: ``BEGIN IMMEDIATE`` takes the database's write lock at once (waiting up to the busy
    timeout for another writer), so nothing this transaction reads can be changed underneath it.
    pysqlite leaves a statement that is not INSERT/UPDATE/DELETE alone and then sees the open
    transaction, so it adds no BEGIN of its own; ordinary transactions keep pysqlite's deferred
    BEGIN before their first write. PostgreSQL: a transaction-level advisory lock that every
    write transaction takes; its reads (READ COMMITTED) then see what the previous one committed.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        session.execute(text("BEGIN IMMEDIATE"))
    elif dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITE_LOCK_KEY})
    else:
        session.execute(text("SELECT id FROM tour WHERE id = 1 FOR UPDATE"))


def _advance_sequences(session: Session) -> None:
    """Move each table's id sequence past the largest id written (PostgreSQL only).

    A tour filled with explicit ids (from a tour document or the demo) leaves the sequences at
    their start; without this the next organisation or place added would take id 1 again and
    be refused as a duplicate key. SQLite needs nothing: it takes the largest id plus one.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in Base.metadata.sorted_tables:
        column = table.columns.get("id")
        if column is None or not column.primary_key or not isinstance(column.type, Integer):
            continue
        session.execute(text(
            "SELECT setval(pg_get_serial_sequence(:table, 'id'), coalesce(max(id), 1), "
            f"max(id) IS NOT NULL) FROM {table.name}"), {"table": table.name})
