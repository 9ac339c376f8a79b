"""Big edits recorded as row images, so that one undo takes all of them back.

An import or an automatic plan touches hundreds of rows through code that knows nothing of
undo. :func:`record` runs such a change inside the caller's transaction and compares every row
of the tour before and after it; the :class:`Changeset` it returns can be applied backwards
(undo) and forwards again (redo) with :func:`apply`.

Revisions only ever go up: applying a changeset never writes an old ``revision`` back; it marks
every agenda item it touches as changed, so calendars see a higher SEQUENCE, and an item brought
back after a delete gets a revision above its tombstone's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Table, and_, delete, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from planner.edits import Changes, widen
from planner.model import AgendaItem, Base, ItemTombstone, Tour

T = TypeVar("T")
Key = tuple[Any, ...]
Rows = dict[str, dict[Key, dict[str, Any]]]

#: The tour row changes with every flush (its revision); it is not part of a recorded change.
UNTRACKED = frozenset({"tour", "alembic_version"})
REVISION = "revision"


def _tables() -> list[Table]:
    return [t for t in Base.metadata.sorted_tables if t.name not in UNTRACKED]


def _key(table: Table, row: dict[str, Any]) -> Key:
    return tuple(row[c.name] for c in table.primary_key.columns)


def snapshot(session: Session) -> Rows:
    """Every row of every tracked table, by primary key."""
    rows: Rows = {}
    for table in _tables():
        found = (dict(r._mapping) for r in session.execute(select(table)))
        rows[table.name] = {_key(table, row): row for row in found}
    return rows


@dataclass(frozen=True)
class Changeset:
    """Rows a change added, removed and altered, by table (parents before children)."""

    inserted: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    deleted: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    updated: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.inserted or self.deleted or self.updated)

    def rows(self) -> Iterable[tuple[str, dict[str, Any]]]:
        """Every row image in the changeset (before and after), with its table."""
        for name, rows in (*self.inserted.items(), *self.deleted.items()):
            for row in rows:
                yield name, row
        for name, pairs in self.updated.items():
            for before, after in pairs:
                yield name, before
                yield name, after


def diff(before: Rows, after: Rows) -> Changeset:
    """What changed between two snapshots (revision columns alone do not count as a change)."""
    inserted: dict[str, list[dict[str, Any]]] = {}
    deleted: dict[str, list[dict[str, Any]]] = {}
    updated: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {}
    for table in _tables():
        old, new = before.get(table.name, {}), after.get(table.name, {})
        added = [new[k] for k in new.keys() - old.keys()]
        gone = [old[k] for k in old.keys() - new.keys()]
        changed = [(old[k], new[k]) for k in old.keys() & new.keys()
                   if _without_revision(old[k]) != _without_revision(new[k])]
        if added:
            inserted[table.name] = sorted(added, key=lambda r: repr(_key(table, r)))
        if gone:
            deleted[table.name] = sorted(gone, key=lambda r: repr(_key(table, r)))
        if changed:
            updated[table.name] = changed
    return Changeset(inserted, deleted, updated)


def _without_revision(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != REVISION}


def record(session: Session, change: Callable[[Session], T]) -> tuple[T, Changeset]:
    """Run *change* in *session* (the caller's transaction) and return its result with the rows
    it changed."""
    session.flush()
    before = snapshot(session)
    result = change(session)
    session.flush()
    return result, diff(before, snapshot(session))


def apply(session: Session, changeset: Changeset, *, undo: bool) -> None:
    """Take a recorded change back (*undo*) or make it again, in the caller's transaction."""
    session.flush()
    add, remove = (changeset.deleted, changeset.inserted) if undo else \
        (changeset.inserted, changeset.deleted)
    tables = {t.name: t for t in _tables()}
    order = list(tables)
    tombstones = {row["uid"]: row[REVISION] for row in remove.get("item_tombstones", [])}
    tombstones.update({uid: revision for uid, revision in session.execute(
        select(ItemTombstone.uid, ItemTombstone.revision))})
    leaving = {row["uid"] for row in remove.get("agenda_items", [])}
    current = {uid: revision for uid, revision in session.execute(
        select(AgendaItem.uid, AgendaItem.revision).where(AgendaItem.uid.in_(leaving)))}
    # Insert, then update, then delete: every reference written points to a row that exists
    # at that moment, so no foreign key is ever violated on the way (nor are any deferred).
    for name in order:  # parents first
        table = tables[name]
        for row in add.get(name, []):
            values = dict(row)
            if name == "agenda_items":  # back from the dead: above its tombstone
                values[REVISION] = max(row[REVISION], tombstones.get(row["uid"], 0) + 1)
            elif name == "item_tombstones":  # cancels a version calendars may have seen
                values[REVISION] = max(row[REVISION], current.get(row["uid"], 0) + 1)
            session.execute(insert(table).values(values))
    for name in order:
        table = tables[name]
        for before, after in changeset.updated.get(name, []):
            target = before if undo else after
            session.execute(update(table).where(_match(table, target))
                            .values(_without_revision(target)))
    for name in reversed(order):  # children first
        table = tables[name]
        for row in remove.get(name, []):
            session.execute(delete(table).where(_match(table, row)))
    session.expire_all()
    _touch(session, changeset)


def _match(table: Table, row: dict[str, Any]) -> Any:
    return and_(*(c == row[c.name] for c in table.primary_key.columns))


def _touch(session: Session, changeset: Changeset) -> None:
    """Raise the revision of every agenda item the change concerns, and of the tour."""
    ids = {row["id"] for name, row in changeset.rows() if name == "agenda_items"}
    ids |= {row["item_id"] for name, row in changeset.rows()
            if name in ("item_attendees", "item_hosts", "item_goals")}
    for item in session.scalars(select(AgendaItem).where(AgendaItem.id.in_(ids))):
        flag_modified(item, "title")
    tour = session.get(Tour, 1)
    if tour is not None:
        tour.revision += 1  # a change, not a new title


def touched(changeset: Changeset, session: Session) -> Changes:
    """The records a recorded change concerns, by kind, widened as an edit's are (the meetings
    of a host whose slots an import replaced are re-checked too): what the window refreshes."""
    return widen(session, Changes.of_rows(changeset.rows()))
