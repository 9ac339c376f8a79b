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

from sqlalchemy import Table, and_, delete, func, insert, select, update
from sqlalchemy.orm import Session

from planner.edits import Changes, widen
from planner.model import (
    FOLLOW_UP_SHOWN,
    NEXT_COLUMNS,
    SHOWN_COLUMNS,
    AgendaItem,
    Base,
    FollowUp,
    FollowUpTombstone,
    Tour,
    item_attendees,
    linked_follow_ups,
    linked_items,
    raise_item_revisions,
)
from planner.timezones import now_utc

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
    """Take a recorded change back (*undo*) or make it again, in the caller's transaction.

    Rows are written in SQL, past the model's bookkeeping, so this keeps the calendars' books
    itself: an agenda item it removes leaves a tombstone, a traveller it takes off an item
    (or whose item it removes) a departure, each cancelling the version after the newest
    committed; an item or an attendance it brings back loses its tombstone or departure and
    gets a revision above them. Follow-ups likewise (:func:`_follow_up_books`): one changed
    gets a higher revision, one removed or given to another owner leaves a tombstone in the
    owner's list, one brought back to a list loses its tombstone there."""
    session.flush()
    follow_ups_before = _follow_up_rows(session)
    add, remove = (changeset.deleted, changeset.inserted) if undo else \
        (changeset.inserted, changeset.deleted)
    tables = {t.name: t for t in _tables()}
    order = list(tables)
    items = tables["agenda_items"]
    gone = {row["id"] for row in remove.get("agenda_items", [])}
    # What the calendars had: the attendances going, and every attendee of the items going.
    taken = {(row["item_id"], row["traveller_id"]) for row in remove.get("item_attendees", [])}
    leaving = {(i, t) for i, t in session.execute(select(
        item_attendees.c.item_id, item_attendees.c.traveller_id).where(
        item_attendees.c.item_id.in_(gone | {item for item, _traveller in taken})))
        if i in gone or (i, t) in taken}
    shown = {row.id: dict(row._mapping) for row in session.execute(
        select(items.c.id, items.c.uid, items.c.title, items.c.start, items.c.end, items.c.zone)
        .where(items.c.id.in_(gone | {item for item, _traveller in leaving})))}
    raised = raise_item_revisions(session, gone)  # the version after the newest committed
    ending = {shown[key]["uid"]: revision for key, revision in raised.items()}
    above = {row["uid"]: row[REVISION] for name in ("item_tombstones", "item_departures")
             for row in remove.get(name, [])}
    for table in (tables["item_tombstones"], tables["item_departures"]):
        for uid, revision in session.execute(select(table.c.uid, table.c.revision)):
            above[uid] = max(revision, above.get(uid, revision))
    # Insert, then update, then delete: every reference written points to a row that exists
    # at that moment, so no foreign key is ever violated on the way (nor are any deferred).
    for name in order:  # parents first
        table = tables[name]
        if name in _DERIVED:
            continue
        for row in add.get(name, []):
            values = dict(row)
            if name == "agenda_items":  # back from the dead: above its tombstone
                values[REVISION] = max(row[REVISION], above.get(row["uid"], -1) + 1)
            elif name in _CANCELLATIONS:  # cancels a version calendars may have seen
                values[REVISION] = max(row[REVISION], ending.get(row["uid"], 0))
                _keep(session, table, values)
                continue
            session.execute(insert(table).values(values))
    for name in order:
        table = tables[name]
        if name in _DERIVED:
            continue
        for before, after in changeset.updated.get(name, []):
            target = before if undo else after
            session.execute(update(table).where(_match(table, target))
                            .values(_without_revision(target)))
    for name in reversed(order):  # children first
        table = tables[name]
        if name in _DERIVED:
            continue
        for row in remove.get(name, []):
            session.execute(delete(table).where(_match(table, row)))
    session.expire_all()
    revisions = {**_touch(session, changeset), **raised}
    now = now_utc()
    for key in sorted(gone & raised.keys()):
        _keep(session, tables["item_tombstones"], {
            **_without_id(shown[key]), REVISION: raised[key], "deleted_at": now})
    for key, traveller in sorted(leaving):
        if key in shown and key in revisions:
            _keep(session, tables["item_departures"], {
                **_without_id(shown[key]), "traveller_id": traveller,
                REVISION: revisions[key], "left_at": now})
    _forget_cancellations(session, add, tables)
    _follow_up_books(session, changeset, follow_ups_before, tables, now)


#: The calendars' books: what they cancel (kept by the bookkeeping, not undone as edits are).
_CANCELLATIONS = ("item_tombstones", "item_departures")
#: Books derived wholly from the rows of others (the follow-ups'): never written as recorded.
_DERIVED = frozenset({"follow_up_tombstones"})


def _follow_up_rows(session: Session) -> dict[int, dict[str, Any]]:
    table = Base.metadata.tables["follow_ups"]
    return {row["id"]: row for row in (dict(r._mapping) for r in session.execute(select(table)))}


def _follow_up_books(session: Session, changeset: Changeset,
                     before: dict[int, dict[str, Any]], tables: dict[str, Table],
                     now: Any) -> None:
    """Keep the follow-ups' books after rows were written past the model's bookkeeping (see
    :func:`planner.model._follow_up_books`), comparing the follow-ups before and after."""
    after = _follow_up_rows(session)
    follow_ups, stones = tables["follow_ups"], tables["follow_up_tombstones"]

    def mine(uid: str, owner: int | None) -> Any:
        return (stones.c.uid == uid) & (stones.c.owner_id.is_(None) if owner is None
                                        else stones.c.owner_id == owner)

    def leave(row: dict[str, Any], revision: int) -> None:
        found = session.execute(select(stones.c.id, stones.c.revision).where(
            mine(row["uid"], row["owner_id"]))).first()
        values = {"uid": row["uid"], "owner_id": row["owner_id"], "description":
                  row["description"], "due": row["due"], "gone_at": now}
        if found is None:
            session.execute(insert(stones).values({**values, REVISION: revision}))
        else:
            session.execute(update(stones).where(stones.c.id == found.id).values(
                {**values, REVISION: max(int(found.revision), revision)}))

    def back(row: dict[str, Any], revision: int) -> int:
        gone = session.scalar(select(func.max(stones.c.revision)).where(
            mine(row["uid"], row["owner_id"])))
        session.execute(delete(stones).where(mine(row["uid"], row["owner_id"])))
        return revision if gone is None else max(revision, int(gone) + 1)

    shown: dict[str, set[int]] = {}
    for name, pairs in changeset.updated.items():
        columns = FOLLOW_UP_SHOWN.get(name, frozenset())
        for old_row, new_row in pairs:
            if any(old_row.get(c) != new_row.get(c) for c in columns):
                shown.setdefault(name, set()).add(old_row["id"])
    linked = linked_follow_ups(session, shown) if shown else set()
    for key in sorted(before.keys() - after.keys()):
        leave(before[key], before[key][REVISION] + 1)
    for key in sorted(after.keys()):
        row, old = after[key], before.get(key)
        if old is not None and _without_revision(old) == _without_revision(row) \
                and key not in linked:
            continue
        revision = row[REVISION] + 1 if old is not None else row[REVISION]
        if old is not None and old["owner_id"] != row["owner_id"]:
            leave(old, revision)
        if old is None or old["owner_id"] != row["owner_id"]:
            revision = back(row, revision)
        if old is not None:
            revision = max(revision, old[REVISION] + 1)
        session.execute(update(follow_ups).where(follow_ups.c.id == key)
                        .values(revision=revision))
    for obj in list(session.identity_map.values()):
        if isinstance(obj, (FollowUp, FollowUpTombstone)):
            session.expire(obj)


def _without_id(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != "id"}


def _keep(session: Session, table: Table, values: dict[str, Any]) -> None:
    """Write a tombstone or departure, or raise the one there (never to a lower revision)."""
    match = _match(table, values)
    found = session.execute(select(table.c.revision).where(match)).scalar()
    if found is None:
        session.execute(insert(table).values(values))
    else:
        session.execute(update(table).where(match).values(
            {**values, REVISION: max(int(found), int(values[REVISION]))}))


def _forget_cancellations(session: Session, add: dict[str, list[dict[str, Any]]],
                          tables: dict[str, Table]) -> None:
    """An item or an attendance brought back is live again: its tombstone or her departure is
    history (the item's revision is above it already)."""
    kept = {(row["uid"], row.get("traveller_id")) for name in _CANCELLATIONS
            for row in add.get(name, [])}
    stones, departures = tables["item_tombstones"], tables["item_departures"]
    for uid in {row["uid"] for row in add.get("agenda_items", [])}:
        if (uid, None) not in kept:
            session.execute(delete(stones).where(stones.c.uid == uid))
    attending = [(row["item_id"], row["traveller_id"]) for row in add.get("item_attendees", [])]
    uids: dict[int, str] = {key: uid for key, uid in session.execute(
        select(AgendaItem.id, AgendaItem.uid).where(
            AgendaItem.id.in_({item for item, _traveller in attending})))}
    for item, traveller in attending:
        uid = uids.get(item)
        if uid is not None and (uid, traveller) not in kept:
            session.execute(delete(departures).where(
                (departures.c.uid == uid) & (departures.c.traveller_id == traveller)))


def _match(table: Table, row: dict[str, Any]) -> Any:
    return and_(*(c == row[c.name] for c in table.primary_key.columns))


def _touch(session: Session, changeset: Changeset) -> dict[int, int]:
    """Raise, in SQL, the revision of every agenda item the change concerns: its own rows and
    links, the items showing a record whose shown columns it changed (a host renamed, a place
    moved), and the items whose "Next: ..." line may name an item it added, removed or changed;
    and the tour's. The items' new revisions."""
    ids = {row["id"] for name, row in changeset.rows() if name == "agenda_items"}
    links = {row["item_id"] for name, row in changeset.rows()
             if name in ("item_attendees", "item_hosts", "item_goals")}
    shown: dict[str, set[int]] = {}
    for name, pairs in changeset.updated.items():
        columns = SHOWN_COLUMNS.get(name)
        if columns is None:
            continue
        for before, after in pairs:
            if any(before.get(c) != after.get(c) for c in columns):
                shown.setdefault(name, set()).add(before["id"])
    item_rows = [*changeset.inserted.get("agenda_items", []),
                 *changeset.deleted.get("agenda_items", [])]
    for before, after in changeset.updated.get("agenda_items", []):
        if any(before[c] != after[c] for c in NEXT_COLUMNS):
            item_rows += [before, after]
    moments = {row["start"] for row in item_rows}
    attended = {row["item_id"] for name, row in changeset.rows() if name == "item_attendees"}
    moments |= set(session.scalars(select(AgendaItem.start).where(AgendaItem.id.in_(attended))))
    revisions = raise_item_revisions(session, ids | links | linked_items(session, shown, moments,
                                                                          ids | links))
    tour = session.get(Tour, 1)
    if tour is not None:
        tour.revision += 1  # a change, not a new title
    return revisions


def touched(changeset: Changeset, session: Session) -> Changes:
    """The records a recorded change concerns, by kind, widened as an edit's are (the meetings
    of a host whose slots an import replaced are re-checked too): what the window refreshes."""
    return widen(session, Changes.of_rows(changeset.rows()))
