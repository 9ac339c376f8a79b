"""Backups you never think of: every tour file keeps rolling copies in the data folder.

As Zotero keeps its database, each tour file gets a folder under ``<data folder>/backups``
(keyed by the tour's full path) holding copies made with SQLite's backup API: a copy is taken
after an edit when the newest is older than a day (:func:`take_backup_if_due`), and pruning
keeps the newest good copy of each of the last 7 days with one and of each of the last 8 weeks
with one. :func:`list_backups` reads each copy's revision, item count and title through an
immutable read-only connection; :func:`restore_backup` puts one back in place of the tour,
atomically, keeping the tour it replaces as a backup too.

Everything here blocks and needs no Qt: the window calls it from a worker. A tour in a database
server (a team's PostgreSQL) is backed up by the server's own means, not here.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from planner.atomicfile import atomic_destination
from planner.errors import (
    DamagedRecord,
    DamagedTourFile,
    EcovisitError,
    InputError,
    TourFileError,
)
from planner.locations import data_dir
from planner.model import Base, TourSession
from planner.readback import read_text, reading_engine, stored_damage
from planner.store import APPLICATION_ID, SUFFIX, TourStore, backup_sqlite

#: How many days, and weeks, keep their newest good backup.
DAILY, WEEKLY = 7, 8
#: A backup is due after an edit when the newest is older than this.
DUE_AFTER = timedelta(days=1)
#: What a backup's file name says after its time: the tour a restore replaced.
REPLACED = "-replaced"
_NAME = re.compile(r"^(\d{8}T\d{6}\d{6}Z)(-replaced)?" + re.escape(SUFFIX) + "$")
_STAMP = "%Y%m%dT%H%M%S%fZ"


@dataclass(frozen=True)
class Backup:
    """One backup of a tour, as :func:`list_backups` read it."""

    path: Path
    #: When it was taken (aware, UTC).
    taken: datetime
    #: The tour's revision in it, and its number of agenda items (None when unreadable).
    revision: int | None
    items: int | None
    title: str
    #: Whether SQLite finds it whole (quick_check, references): only good ones are restored.
    good: bool
    #: The tour a restore replaced (kept in case it was wanted after all).
    replaced: bool = False

    @property
    def name(self) -> str:
        """What ``ecovisit restore TOUR NAME`` takes: the file name without its suffix."""
        return self.path.name.removesuffix(SUFFIX)


def backups_dir(tour_path: Path) -> Path:
    """The folder of *tour_path*'s backups: its name and a digest of its full path."""
    resolved = Path(tour_path).resolve()
    digest = hashlib.sha256(os.fsencode(resolved)).hexdigest()[:12]
    stem = re.sub(r"[^\w.-]+", "_", resolved.name.removesuffix(SUFFIX))[:40] or "tour"
    return data_dir() / "backups" / f"{stem}-{digest}"


def _taken(path: Path) -> datetime | None:
    found = _NAME.match(path.name)
    if found is None:
        return None
    return datetime.strptime(found.group(1), _STAMP).replace(tzinfo=UTC)


def _files(folder: Path) -> list[tuple[datetime, Path]]:
    """The backup files in *folder* with their times, newest first (nothing is read)."""
    if not folder.is_dir():
        return []
    found = [(taken, path) for path in folder.iterdir() if (taken := _taken(path)) is not None]
    return sorted(found, reverse=True)


def _immutable(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1",
                                 uri=True)
    connection.text_factory = read_text
    return connection


def read_backup(path: Path) -> Backup:
    """What the backup file *path* holds, read without writing a byte; never raises for a
    damaged or foreign file (it is simply not good)."""
    taken = _taken(path) or datetime.fromtimestamp(path.stat().st_mtime, UTC)
    replaced = REPLACED in path.name
    try:
        connection = _immutable(path)
        try:
            good = (connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
                    and stored_damage(connection) is None)
            revision, title = connection.execute(
                "SELECT revision, title FROM tour WHERE id = 1").fetchone() or (None, "")
            items = connection.execute("SELECT count(*) FROM agenda_items").fetchone()[0]
        finally:
            connection.close()
    except (sqlite3.Error, TypeError, ValueError):
        return Backup(path, taken, None, None, "", False, replaced)
    if not isinstance(revision, int) or isinstance(revision, bool):
        revision, good = None, False
    if good and replaced:  # the others were read whole when they were taken
        good = damage_of(path) is None
    shown = title.encode("utf-8", "replace").decode("utf-8") if isinstance(title, str) else ""
    return Backup(path, taken, revision, int(items), shown, good, replaced)


def damage_of(path: Path) -> str | None:
    """What is damaged in the tour file *path*, or None: its pages and references, then every
    record read through the model's checks (read without writing a byte)."""
    try:
        connection = _immutable(path)
        try:
            damage = stored_damage(connection)
        finally:
            connection.close()
    except sqlite3.Error as exc:
        return str(exc)
    if damage is not None:
        return damage
    engine = reading_engine(path)
    try:
        with TourSession(engine) as session:
            for mapper in Base.registry.mappers:
                for _record in session.scalars(select(mapper.class_)):
                    pass
    except DamagedRecord as exc:
        return f"{exc.table} row {exc.row}, {exc.column}: {exc.problem}"
    except (EcovisitError, SQLAlchemyError, sqlite3.Error) as exc:
        return str(getattr(exc, "orig", None) or exc).splitlines()[0]
    finally:
        engine.dispose()
    return None


def list_backups(tour_path: Path) -> list[Backup]:
    """Every backup of the tour file *tour_path*, newest first."""
    return [read_backup(path) for _taken_at, path in _files(backups_dir(tour_path))]


def newest_good_backup(tour_path: Path) -> Backup | None:
    """The newest backup of *tour_path* that SQLite finds whole, or None."""
    for _taken_at, path in _files(backups_dir(tour_path)):
        backup = read_backup(path)
        if backup.good:
            return backup
    return None


def _tour_path(source: TourStore | Path) -> Path | None:
    return source.path if isinstance(source, TourStore) else Path(source)


def take_backup_if_due(source: TourStore | Path, now: datetime | None = None) -> Backup | None:
    """After an edit: a backup of the tour (an open store or a file) when the newest is older
    than a day, then pruning. None when none was due, for a database URL, or when the copy
    could not be made (a full disk, a damaged tour): backups never stop the work itself."""
    path = _tour_path(source)
    if path is None:
        return None
    now = now or datetime.now(UTC)
    newest = next(iter(_files(backups_dir(path))), None)
    if newest is not None and now - newest[0] < DUE_AFTER:
        return None
    try:
        return take_backup(path, now)
    except (OSError, sqlite3.Error, TourFileError):
        return None


def take_backup(tour_path: Path, now: datetime | None = None, *,
                replaced: bool = False) -> Backup:
    """A backup of *tour_path* now (SQLite's backup API: consistent while others write), then
    pruning. A copy that SQLite does not find whole is not kept (the tour is damaged):
    :class:`~planner.errors.DamagedTourFile`."""
    now = now or datetime.now(UTC)
    folder = backups_dir(tour_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{now.astimezone(UTC):{_STAMP}}{REPLACED if replaced else ''}{SUFFIX}"
    part = folder / f".{target.name}.part"
    try:
        backup_sqlite(Path(tour_path), part)
        backup = read_backup(part)
        damage = None if replaced else damage_of(part) if backup.good else "damaged pages"
        if damage is not None:
            raise DamagedTourFile(tour_path, f"is damaged ({damage}); no backup was taken")
        part.replace(target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            part.unlink()
    prune(folder, now)
    return Backup(target, _taken(target) or now, backup.revision, backup.items, backup.title,
                  backup.good, replaced)


def keep(backups: Iterable[tuple[datetime, Path]], now: datetime,
         zone: tzinfo | None = None) -> set[Path]:
    """Which of *backups* (time, path) pruning keeps: the newest of each of the last
    :data:`DAILY` days that have one and of each of the last :data:`WEEKLY` weeks that have
    one (days and weeks where this computer is, or in *zone*); a replaced tour for a week."""
    kept: set[Path] = set()
    days: dict[object, Path] = {}
    weeks: dict[object, Path] = {}
    for taken, path in sorted(backups, reverse=True):
        if REPLACED in path.name:
            if now - taken <= timedelta(days=DAILY):
                kept.add(path)
            continue
        local = taken.astimezone(zone)
        if len(days) < DAILY:
            days.setdefault(local.date(), path)
        if len(weeks) < WEEKLY:
            weeks.setdefault(local.isocalendar()[:2], path)
    return kept | set(days.values()) | set(weeks.values())


def prune(folder: Path, now: datetime, zone: tzinfo | None = None) -> list[Path]:
    """Delete the backups in *folder* that :func:`keep` does not keep; the deleted."""
    found = _files(folder)
    good = [(taken, path) for taken, path in found
            if REPLACED in path.name or read_backup(path).good]
    kept = keep(good, now, zone)
    gone = [path for _taken_at, path in found if path not in kept]
    for path in gone:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    return gone


def find_backup(tour_path: Path, name: str) -> Backup:
    """The backup ``ecovisit restore`` names: a listed name, or a backup file's path."""
    for _taken_at, path in _files(backups_dir(tour_path)):
        if name in (path.name, path.name.removesuffix(SUFFIX)):
            return read_backup(path)
    given = Path(name)
    if given.is_file():
        return read_backup(given)
    listing = ", ".join(b.name for b in list_backups(tour_path)[:3]) or "none yet"
    raise InputError(f"{name}: no such backup of {tour_path} (newest: {listing}; "
                     f"see ecovisit backups {tour_path})")


def _quiesce(tour_path: Path) -> None:
    """Make sure no program has the tour open and no write-ahead log is left beside it:
    SQLite leaves WAL mode only when it is the tour's one user (the log is folded in)."""
    try:
        connection = sqlite3.connect(tour_path, timeout=0.5, isolation_level=None)
    except sqlite3.Error:
        return
    try:
        connection.execute("PRAGMA journal_mode = DELETE").fetchone()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise TourFileError(tour_path, "is open in another program; close it there, "
                                           "then restore") from None
    except sqlite3.DatabaseError:
        pass  # damaged beyond SQLite: nothing of it is kept open anywhere
    finally:
        connection.close()


def _keep_replaced(tour_path: Path, now: datetime) -> Backup | None:
    """The tour a restore is about to replace, kept among its backups."""
    try:
        return take_backup(tour_path, now, replaced=True)
    except (sqlite3.Error, TourFileError):
        pass
    # SQLite cannot read it at all: keep its bytes (no connection of ours has it open).
    folder = backups_dir(tour_path)
    target = folder / f"{now.astimezone(UTC):{_STAMP}}{REPLACED}{SUFFIX}"
    shutil.copyfile(tour_path, target)
    return read_backup(target)


def restore_backup(backup: Backup | Path, tour_path: Path,
                   now: datetime | None = None) -> Backup | None:
    """Put *backup* in place of the tour file *tour_path*, atomically (a copy beside it, then a
    rename); the replaced tour is kept as a backup too (returned; None if there was none).
    Refused when the backup is not good or another program has the tour open. Close every
    store of the tour first."""
    now = now or datetime.now(UTC)
    chosen = backup if isinstance(backup, Backup) else read_backup(Path(backup))
    if not chosen.good:
        raise DamagedTourFile(chosen.path, "is a damaged backup; choose another")
    tour_path = Path(tour_path)
    kept = None
    if tour_path.exists():
        _quiesce(tour_path)
        kept = _keep_replaced(tour_path, now)
    with atomic_destination(tour_path, force=True) as temporary:
        source = _immutable(chosen.path)
        try:
            target = sqlite3.connect(temporary)
            try:
                source.backup(target)
                target.execute("PRAGMA journal_mode = WAL").fetchone()
            finally:
                target.close()
        finally:
            source.close()
    return kept


def damage_advice(tour_path: Path) -> str:
    """The sentence a refused damaged tour ends with: the newest good backup to restore, and
    the rescue of what can still be read."""
    newest = newest_good_backup(tour_path)
    rescue = f"ecovisit rescue {tour_path} RESCUED{SUFFIX}"
    if newest is None:
        return f"no backup of it was found; rescue what can be read with: {rescue}"
    when = newest.taken.astimezone().strftime("%Y-%m-%d %H:%M")
    return (f"restore the newest good backup ({when}, revision {newest.revision}, "
            f"{newest.items} items) with: ecovisit restore {tour_path} --newest; "
            f"or rescue what can be read with: {rescue}")
