"""Noticing what another program changed in the open tour, and exactly which records.

Any number of programs may have a tour open at once (``ecovisit info``, an export, a second
window): each edit is one short transaction, so none is lost. The window learns of another
program's commits from SQLite's ``PRAGMA data_version`` on a connection it keeps (it changes
when any *other* connection commits; asking costs microseconds), confirmed by the tour's
``revision`` (which every change raises), so its own commits are not taken for someone else's.

What changed is found by comparing *prints*: a small tuple per record (its row, and for an
agenda item its attendees, hosts and goals) kept by the document since the tour was read and
brought up to date after each of its own edits. The records whose prints differ are the ones to
show again and the ones whose undo steps can no longer be trusted.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlalchemy import Table, select, text
from sqlalchemy.orm import Session

from planner.edits import TABLE_KINDS, Changes, Kind
from planner.model import Base
from planner.store import TourStore

#: Link tables whose rows belong to an agenda item's print (they name it by ``item_id``).
ITEM_LINKS = ("item_attendees", "item_hosts", "item_goals")
#: The column left out of a print: it goes up with every change, not a change of its own.
SKIPPED = "revision"

Print = tuple[Any, ...]
Prints = dict[Kind, dict[int, Print]]


def _tables() -> dict[Kind, Table]:
    return {kind: Base.metadata.tables[name] for name, kind in TABLE_KINDS.items()}


def _row_print(table: Table, row: Mapping[Any, Any]) -> Print:
    return tuple(row[column.name] for column in table.columns if column.name != SKIPPED)


def read_prints(session: Session, changes: Changes | None = None) -> Prints:
    """The prints of every record (or of the records *changes* names, those still there)."""
    prints: Prints = {}
    for kind, table in _tables().items():
        query = select(table)
        if changes is not None:
            keys = changes.of(kind)
            if not keys:
                continue
            query = query.where(table.c.id.in_(keys))
        prints[kind] = {row["id"]: _row_print(table, row)
                        for row in session.execute(query).mappings()}
    items = prints.get(Kind.ITEM)
    if items:
        links: dict[int, list[Print]] = {}
        for name in ITEM_LINKS:
            table = Base.metadata.tables[name]
            query = select(table)
            if changes is not None:
                query = query.where(table.c.item_id.in_(list(items)))
            for row in session.execute(query).mappings():
                links.setdefault(row["item_id"], []).append((name, *row.values()))
        for key, found in links.items():
            if key in items:
                items[key] = (*items[key], *sorted(found, key=repr))
    return prints


def update_prints(prints: Prints, fresh: Prints, changes: Changes) -> None:
    """Bring *prints* up to date after an edit of this window (*fresh*: the changed records'
    prints read in its transaction; a record *changes* names that is not there is gone)."""
    for kind, keys in changes.records.items():
        known = prints.setdefault(kind, {})
        found = fresh.get(kind, {})
        for key in keys:
            if key in found:
                known[key] = found[key]
            else:
                known.pop(key, None)


def difference(old: Prints, new: Prints) -> Changes:
    """The records added, changed or removed between two sets of prints, with the records
    they belong to (a contact's organisation, a goal's traveller, an item's place): undoing
    the organisation's creation would take the other program's contact with it."""
    changed = Changes()
    tables = _tables()
    for kind in set(old) | set(new):
        before, after = old.get(kind, {}), new.get(kind, {})
        keys = [key for key in set(before) | set(after) if before.get(key) != after.get(key)]
        changed.note(kind, keys)
        for key in keys:
            for found in (before.get(key), after.get(key)):
                if found is not None:
                    _note_parents(changed, tables[kind], found)
    return changed


def _note_parents(changed: Changes, table: Table, found: Print) -> None:
    columns = [column for column in table.columns if column.name != SKIPPED]
    for column, value in zip(columns, found, strict=False):
        if value is None:
            continue
        for key in column.foreign_keys:
            kind = TABLE_KINDS.get(key.column.table.name)
            if kind is not None and kind != Kind.TOUR:
                changed.note(kind, [value])


def overlap(first: Changes, second: Changes) -> bool:
    """Whether two sets of changes name a record in common."""
    return any(first.of(kind) & keys for kind, keys in second.records.items())


class Watch:
    """A connection the document keeps to ask, cheaply, whether another program committed.

    For a tour file it asks ``PRAGMA data_version`` (which changes when any other connection
    commits, this program's own included) and then the tour's revision; for a database server
    it asks the revision alone. Closed before the store is.
    """

    def __init__(self, store: TourStore) -> None:
        self.sqlite = store.engine.dialect.name == "sqlite"
        self._connection: Any = store.engine.raw_connection()
        self.version = self.data_version()

    def _scalar(self, statement: str) -> Any:
        cursor = self._connection.cursor()
        try:
            cursor.execute(statement)
            row = cursor.fetchone()
        finally:
            cursor.close()
            self._connection.rollback()  # never keep a transaction (or a snapshot) open
        return None if row is None else row[0]

    def data_version(self) -> int:
        return int(self._scalar("PRAGMA data_version")) if self.sqlite else 0

    def revision(self) -> int | None:
        found = self._scalar("SELECT revision FROM tour WHERE id = 1")
        return None if found is None else int(found)

    def moved(self) -> bool:
        """Whether anyone committed since the last look (always True for a server)."""
        if not self.sqlite:
            return True
        version = self.data_version()
        if version == self.version:
            return False
        self.version = version
        return True

    def close(self) -> None:
        if self._connection is not None:
            connection, self._connection = self._connection, None
            connection.close()


def revision_in(session: Session) -> int | None:
    """The tour's revision as the transaction of *session* sees it."""
    found = session.execute(text("SELECT revision FROM tour WHERE id = 1")).scalar()
    return None if found is None else int(found)


class Overtakable:
    """What an undo step keeps so that another program's change can overtake it (mixed into
    ``ui.commands.TourCommand``; the document marks the steps without knowing the commands)."""

    #: The records its steps changed (what another program's change may have overtaken).
    touched: Changes
    #: Another program changed what it changed: undoing it would undo their work.
    stale: bool
    #: The macro it is part of, and the steps of that macro (all stale together).
    macro: QUndoCommand | None
    siblings: list[Overtakable]


def stale_suffix() -> str:
    """What the Edit menu adds to the name of an overtaken step."""
    return QCoreApplication.translate("Commands", " (changed by another program)")


def mark_overtaken(stack: QUndoStack, changed: Changes) -> int:
    """Mark the steps of *stack* that touched records another program has *changed* (a macro
    as a whole); returns how many steps were marked now."""
    marked = 0
    for index in range(stack.count()):
        command = stack.command(index)
        macro = None if isinstance(command, Overtakable) else command
        group: list[Overtakable] = [command] if isinstance(command, Overtakable) else [
            child for child in (command.child(n) for n in range(command.childCount()))
            if isinstance(child, Overtakable)]
        if not group or any(c.stale for c in group) \
                or not any(overlap(c.touched, changed) for c in group):
            continue
        for member in group:
            member.stale = True
            member.macro = macro
            member.siblings = group
        command.setText(command.text() + stale_suffix())
        marked += 1
    return marked
