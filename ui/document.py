"""The open tour as the window sees it: the store, the undo history, and the checker's findings.

Every edit goes through :meth:`TourDocument.apply`: one planner function in one transaction,
committed at once (a tour saves itself; the undo stack is history, not a "modified" flag). After
the commit the document says which records changed (:attr:`TourDocument.records_changed`), so
each list refreshes those rows only, and re-checks the agenda items the edit can affect, so the
findings panel is current after every change. A full check (on opening, after a change to the
delegation) runs as a background operation; edits made meanwhile are re-checked when it lands.

Another program may change the tour meanwhile (``ecovisit`` commands, a second window): the
window asks :meth:`TourDocument.check_outside` on a timer and when it comes forward; the tour is
then read again on a worker, the views show what changed, and the undo steps that touch those
records are marked: undoing one is refused with the reason (:mod:`ui.outside`). A read-only tour
(a read-only file or folder) is shown, and every edit is refused saying why.
"""

from __future__ import annotations

import contextlib
import inspect
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from planner import changes
from planner.edits import Changes, Done, Kind, widen
from planner.errors import DamagedTourFile, InputError
from planner.feasibility import Checker, Finding, Severity, worst_by_item
from planner.feasibility.plan import Plan, PlanItem, follow_ups_of, requests_of
from planner.model import Tour
from planner.queries import load_tour, records
from planner.store import TourStore
from planner.timezones import local_today
from planner.travel import TravelModel, TravelSettings
from ui.i18n import message_of
from ui.operations import Operation, Operations, Progress, collections_paused
from ui.outside import (
    Prints,
    Watch,
    difference,
    mark_overtaken,
    read_prints,
    revision_in,
    update_prints,
)
from ui.text import fill

T = TypeVar("T")

#: The kinds the document announces after edits (records_changed), every kind people edit.
LISTED = ("organisation", "contact", "traveller", "goal", "place", "stay", "availability",
          "item", "learning", "rating", "follow_up", "request", "template")
#: The kinds read when a tour opens: those a model shows from the open (the window's record
#: lists, the agenda). The Hotels list reads its stays itself when it is seen; a host's slots
#: come with its organisation (and its meetings); nothing shows them from the open.
OPENED = ("organisation", "contact", "traveller", "goal", "place", "item")


class ItemKeys:
    """The agenda items' keys and UIDs, looked up either way without a scan (the views know an
    item by its UID, the edits by its key): one map and its reverse, changed only together."""

    def __init__(self, pairs: Iterable[tuple[int, str]] = ()) -> None:
        self._uid_of: dict[int, str] = {}
        self._key_of: dict[str, int] = {}
        for key, uid in pairs:
            self.put(key, uid)

    def put(self, key: int, uid: str) -> None:
        """Item *key* has *uid* (now)."""
        self.remove(key)
        self._uid_of[key] = uid
        self._key_of[uid] = key

    def remove(self, key: int) -> None:
        """Item *key* is gone (nothing if it was not known)."""
        uid = self._uid_of.pop(key, None)
        if uid is not None and self._key_of.get(uid) == key:
            del self._key_of[uid]

    def uid(self, key: int) -> str | None:
        return self._uid_of.get(key)

    def key(self, uid: str) -> int | None:
        return self._key_of.get(uid)


@dataclass
class TourContents:
    """Everything the window shows of a tour, read in one go (on a worker thread)."""

    tour: Tour
    records: dict[str, list[Any]] = field(default_factory=dict)
    plan: Plan | None = None
    #: A print of every record, to find what another program changes (:mod:`ui.outside`).
    prints: Prints = field(default_factory=dict)


def read_contents(store: TourStore, progress: Progress | None = None) -> TourContents:
    """Read the tour and the records its models show (:data:`OPENED`), detached and ready to
    show."""
    with store.transaction() as session:
        contents = TourContents(load_tour(session))
        for step, kind in enumerate(OPENED):
            if progress is not None:
                progress.check()
                progress.report(step, len(OPENED))
            contents.records[kind] = list(session.scalars(records(kind)).unique())
        contents.plan = Plan.from_session(session)
        contents.prints = read_prints(session)
    return contents


def full_check(store: TourStore, today: date, progress: Progress | None = None) -> Checker:
    """A checker over the whole tour, with every day checked."""
    with store.transaction() as session:
        checker = Checker(Plan.from_session(session), today)
    if progress is not None:
        progress.check()
    checker.check_all()
    return checker


class TourDocument(QObject):
    """One open tour in the window."""

    #: (kind, primary keys) of records added, changed or gone after a committed edit.
    records_changed = Signal(str, list)
    #: The findings were recomputed (all, or the days an edit touched).
    findings_changed = Signal()
    #: The tour's own fields (title, dates) changed.
    tour_changed = Signal()
    #: An edit was refused or failed; the text is for the user.
    edit_failed = Signal(str)
    #: Another program changed the tour; it is shown as it is now (the text says so, and how
    #: many undo steps can no longer be undone).
    changed_outside = Signal(str)

    def __init__(self, store: TourStore, contents: TourContents, operations: Operations,
                 parent: QObject | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.tour = contents.tour
        self.operations = operations
        self.today = today or local_today()
        self.undo_stack = QUndoStack(self)
        self.checker: Checker | None = None
        self._findings: list[Finding] | None = None
        self._marks: dict[str, Severity] | None = None
        self._just_read: tuple[set[int], dict[int, Any]] | None = None
        self.closed = False
        #: Why the tour cannot be changed just now (e.g. being copied by Save As), or "".
        self.busy = ""
        #: The tour as the checks and the timeline see it, kept current after every edit.
        self.plan: Plan = contents.plan or Plan(
            contents.tour.start_date, contents.tour.end_date, contents.tour.day_start,
            contents.tour.day_end, TravelSettings.from_json(contents.tour.travel_settings), {},
            [])
        self.travel = TravelModel(self.plan.settings)
        self._items = ItemKeys((item.id, item.uid) for item in contents.records.get("item", []))
        self._pending_items: set[int] = set()
        self._check_running = False
        self._check_again = False
        #: Why nothing may be changed (a read-only file or folder), or "" when it may.
        self.read_only = bool(getattr(store, "read_only", False))
        self._prints: Prints = contents.prints
        #: What the last edit of this window changed (the undo command keeps it).
        self.last_changes = Changes()
        self._watch: Watch | None = None
        with contextlib.suppress(sqlite3.Error, SQLAlchemyError):
            self._watch = Watch(store)
        self._own_commits = 0
        self._reloading = False
        self._writers: set[Operation[Any]] = set()
        self._fresh: dict[str, dict[int, Any]] | None = None

    # --- findings -----------------------------------------------------------------------------
    @property
    def findings(self) -> list[Finding]:
        """Every current finding, by day, worst first (sorted once per change, not per view)."""
        if self._findings is None:
            self._findings = self.checker.findings() if self.checker is not None else []
        return self._findings

    @property
    def checking(self) -> bool:
        return self._check_running

    def check_everything(self) -> None:
        """Re-check the whole tour in the background; the findings stay until it lands."""
        if self._check_running:
            self._check_again = True
            return
        self._check_running = True
        self._pending_items = set()
        store, today = self.store, self.today
        def check(progress: Progress) -> Checker:
            with collections_paused():
                return full_check(store, today, progress)

        self.operations.run(self.tr("Checking the tour"), check,
                            self._checked, self._check_failed, self._check_cancelled)

    def _checked(self, checker: Checker) -> None:
        self._check_running = False
        if self.closed:
            return  # finished after its tour was closed
        self.checker = checker
        self._findings = self._marks = None
        self.plan = checker.plan
        self.travel = checker.context.model
        pending, self._pending_items = self._pending_items, set()
        if self._check_again:
            self._check_again = False
            self.check_everything()
        self._recheck_items(pending)
        self.findings_changed.emit()

    def _check_failed(self, error: BaseException) -> None:
        self._check_running = False
        self.edit_failed.emit(fill(self.tr("The tour could not be checked: %1"), str(error)))

    def _check_cancelled(self) -> None:
        self._check_running = False
        if self.closed:
            return
        pending, self._pending_items = self._pending_items, set()
        if self.checker is not None:  # the previous findings stay, brought up to date
            self._recheck_items(pending)
        self.findings_changed.emit()

    def _recheck_items(self, ids: Iterable[int]) -> None:
        """Swap the edited items into the checker's plan and re-check their days."""
        ids = set(ids)
        if not ids:
            return
        waiting = self.checker is None or self._check_running
        if waiting:
            self._pending_items |= ids
        with self.store.session() as session:
            found = {item.id: item for item in session.scalars(records("item", ids)).unique()}
        self._just_read = (ids, found)
        for key in ids:
            item = found.get(key)
            if item is not None:
                self._items.put(key, item.uid)
                if waiting:
                    self.plan.put(PlanItem.of(item))
                else:
                    assert self.checker is not None
                    self.checker.update(changed=PlanItem.of(item))
                continue
            uid = self._items.uid(key)
            if uid is None:
                continue
            if waiting:  # the check on its way still has it: keep the key until it lands
                self.plan.remove(uid)
            else:
                assert self.checker is not None
                self._items.remove(key)
                self.checker.update(removed=uid)
        self._findings = self._marks = None

    # --- editing ------------------------------------------------------------------------------
    def apply(self, change: Callable[[Session], Done[T]]) -> T:
        """Run *change* (one planner edit) in one transaction and commit it; then tell the
        views which records changed (as the edit says) and re-check what it can affect.

        Raises whatever *change* raises, with nothing changed.
        """
        if self.read_only:
            raise InputError(self.read_only_reason())
        if self.busy:
            raise InputError(self.busy)
        self._just_read = None  # what an earlier edit read is history now
        known = self.tour.revision
        with self._write() as session:
            before = revision_in(session)
            done = change(session)
            session.flush()
            self.tour = load_tour(session)  # one row; its revision went up with the edit
            fresh = read_prints(session, Changes().merge(done.changes).note(Kind.TOUR, [1]))
        self._committed(fresh, Changes().merge(done.changes).note(Kind.TOUR, [1]),
                        outside=before != known)
        self.last_changes = done.changes
        self._changed(done.changes)
        return done.value

    @contextlib.contextmanager
    def _write(self) -> Iterator[Session]:
        """A write transaction (taking the write lock at its start, where the store can)."""
        transaction: Any = self.store.transaction
        if "write" in inspect.signature(transaction).parameters:
            with transaction(write=True) as session:
                yield session
        else:
            with transaction() as session:
                yield session

    def read_only_reason(self) -> str:
        """Why nothing may be changed, for the banner, tooltips and refusals."""
        path = self.store.path
        if path is not None and not (os.access(path, os.W_OK)
                                     and os.access(path.parent, os.W_OK)):
            return fill(self.tr("%1 is read-only: you may not change the file or its folder. It is "
                                "open for reading; to edit it, save a copy (File > Save As…) in a "
                                "folder you can write to."), path.name)
        return fill(self.tr("%1 is open for reading only; nothing can be changed."),
                    path.name if path is not None else self.store.location)

    def _committed(self, fresh: Prints, changed: Changes, *, outside: bool) -> None:
        """After a commit of this window: its prints are current; another program's commit
        just before or after it means the tour is read again."""
        self._own_commits += 1
        update_prints(self._prints, fresh, changed)
        if self._watch is None:
            return
        try:
            self._watch.version = self._watch.data_version()
            if outside or self._watch.revision() != self.tour.revision:
                self.reload()
        except (sqlite3.Error, SQLAlchemyError):
            pass  # the next look says

    def _changed(self, changed: Changes) -> None:
        if changed.of(Kind.ITEM):  # first, so that views reading the plan see the edit
            self._recheck_items(changed.of(Kind.ITEM))
        for kind in LISTED:
            if changed.of(kind):
                self.records_changed.emit(kind, sorted(changed.of(kind)))
        if changed.of(Kind.TOUR):
            self.tour_changed.emit()
        if changed.of(Kind.TRAVELLER) or changed.of(Kind.TOUR) or changed.of(Kind.STAY):
            # languages, attendance, hotels and travel settings change findings anywhere
            self.check_everything()
        elif changed.of(Kind.FOLLOW_UP) or changed.of(Kind.REQUEST):
            self._recheck_tour_wide(changed)
            self.findings_changed.emit()
        elif changed.of(Kind.ITEM):
            self.findings_changed.emit()

    def _recheck_tour_wide(self, changed: Changes) -> None:
        """Follow-ups or host requests were added, changed or deleted: their tour-wide findings
        (an overdue follow-up, a reply overdue) come or go, and the days of meetings whose
        confirmation a request records are checked again; one small query each, the other
        days' findings stay as they are. A full check on its way reads them anyway."""
        with self.store.session() as session:
            follow_ups = follow_ups_of(session) if changed.of(Kind.FOLLOW_UP) else None
            requests = requests_of(session) if changed.of(Kind.REQUEST) else None
        checker = self.checker if not self._check_running else None
        if follow_ups is not None:
            if checker is not None:
                checker.update_follow_ups(follow_ups)
            else:
                self.plan.follow_ups = follow_ups
        if requests is not None:
            if checker is not None:
                checker.update_requests(requests)
            else:
                self.plan.requests = requests
        self._findings = self._marks = None

    def absorb(self, changeset: changes.Changeset) -> None:
        """Tell the views about a recorded change committed elsewhere (an import or a plan
        applied on a worker), as :meth:`apply` does for its own."""
        with self.store.session() as session:
            self.tour = load_tour(session)  # its revision went up with the change
            changed = changes.touched(changeset, session)
            noted = Changes().merge(changed).note(Kind.TOUR, [1])
            fresh = read_prints(session, noted)
        self._committed(fresh, noted, outside=False)
        self.last_changes = changed
        self._changed(changed)

    def track_write(self, operation: Operation[Any]) -> None:
        """*operation* writes to the tour on a worker (an import, a plan): until it ends, the
        window does not take its commit for another program's."""
        self._writers.add(operation)

        def ended(*_args: Any) -> None:
            self._writers.discard(operation)

        operation.on_success(ended)
        operation.on_failure(ended)
        operation.on_cancel(ended)

    # --- another program's changes ------------------------------------------------------------
    def check_outside(self) -> bool:
        """Whether another program changed the tour since the window last looked (then it is
        read again in the background). Cheap: called on a timer and on coming forward."""
        if self.closed or self._reloading or self._watch is None or self._writers:
            return False
        try:
            if not self._watch.moved() or self._watch.revision() == self.tour.revision:
                return False
        except (sqlite3.Error, SQLAlchemyError):
            return False  # e.g. locked for a moment: the next look says
        self.reload()
        return True

    def reload(self) -> None:
        """Read the tour again on a worker; then show what changed and mark the undo steps
        that touch it."""
        if self._reloading or self.closed:
            return
        self._reloading = True
        store, commits = self.store, self._own_commits

        def read(progress: Progress) -> TourContents:
            with collections_paused():
                return read_contents(store, progress)

        def failed(error: BaseException) -> None:
            self._reloading = False
            if not self.closed:
                self.edit_failed.emit(fill(self.tr("The tour changed by another program could not "
                                                   "be read again: %1"), str(error)))

        def cancelled() -> None:
            self._reloading = False

        self.operations.run(self.tr("Reading what another program changed"), read,
                            lambda contents: self._reloaded(contents, commits), failed,
                            cancelled)

    def _reloaded(self, contents: TourContents, commits: int) -> None:
        self._reloading = False
        if self.closed:
            return
        if commits != self._own_commits or self._writers:
            self.reload()  # this window changed the tour meanwhile: read it again
            return
        changed = difference(self._prints, contents.prints)
        self._prints = contents.prints
        self.tour = contents.tour
        if changed:
            with self.store.session() as session:
                shown = widen(session, changed)
            self._fresh = {kind: {obj.id: obj for obj in found}
                           for kind, found in contents.records.items()}
            try:
                self._changed(shown)
            finally:
                self._fresh = None
            self.tour_changed.emit()
            self.check_everything()
            stale = mark_overtaken(self.undo_stack, changed)
            text = self.tr("The tour was changed by another program and is shown as it is "
                           "now.")
            if stale == 1:
                text += " " + self.tr("1 undo step touching what it changed can no longer be "
                                      "undone.")
            elif stale:
                text += " " + fill(self.tr("%1 undo steps touching what it changed can no longer "
                                           "be undone."), str(stale))
            self.changed_outside.emit(text)
        self.check_outside()  # anything since it was read

    def apply_changeset(self, changeset: changes.Changeset, *, undo: bool) -> None:
        """Take a recorded change back or make it again (one transaction)."""
        def change(session: Session) -> Done[None]:
            changes.apply(session, changeset, undo=undo)
            return Done(None, changes.touched(changeset, session))

        self.apply(change)

    def load(self, kind: str, keys: Iterable[int]) -> dict[int, Any]:
        """The current state of some records, detached (for the views to refresh their rows).

        The agenda items an edit touched were read once for the re-check; the views get those.
        """
        keys = set(keys)
        fresh = self._fresh.get(kind) if self._fresh is not None else None
        if fresh is not None:  # just read again after another program's change
            return {key: fresh[key] for key in keys if key in fresh}
        if kind == "item" and self._just_read is not None and keys <= self._just_read[0]:
            found = self._just_read[1]
            return {key: found[key] for key in keys if key in found}
        try:
            with self.store.session() as session:
                return {obj.id: obj for obj in session.scalars(records(kind, keys)).unique()}
        except DamagedTourFile as exc:  # a damaged value: said, never a traceback
            self.edit_failed.emit(message_of(exc))
            return {}

    @property
    def marks(self) -> dict[str, Severity]:
        """The worst severity of each item's findings (computed once per change)."""
        if self._marks is None:
            self._marks = worst_by_item(self.findings)
        return self._marks

    def uid_of(self, item_id: int) -> str | None:
        return self._items.uid(item_id)

    def item_key(self, uid: str) -> int | None:
        """The primary key of the agenda item *uid* (looked up, not searched for)."""
        return self._items.key(uid)

    # --- closing ------------------------------------------------------------------------------
    def switch_store(self, store: TourStore) -> None:
        """Go on in *store*, an exact copy of the tour (Save As): the views, the findings and
        the undo history stay, since the copy has the same records under the same keys."""
        old, self.store = self.store, store
        self.read_only = bool(getattr(store, "read_only", False))
        if self._watch is not None:
            self._watch.close()
        self._watch = None
        with contextlib.suppress(sqlite3.Error, SQLAlchemyError):
            self._watch = Watch(store)
        old.close()
        self.busy = ""

    def close(self) -> None:
        self.closed = True
        self.undo_stack.clear()
        if self._watch is not None:
            self._watch.close()
        self.store.close()
