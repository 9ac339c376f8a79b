"""Undo commands: each edit is one small ``QUndoCommand`` that calls one planner function.

A command does its work once before it is pushed (:func:`execute`), so a refused edit (an empty
name, a bad e-mail address) shows its message and never reaches the undo stack. Redo and undo each
commit their own transaction through :meth:`TourDocument.apply`; if one fails (the record was
deleted meanwhile in a shared database), the command is marked obsolete and the user is told.

Each command remembers the records it touched (:attr:`TourCommand.touched`). When another
program changes some of them, :func:`ui.outside.mark_overtaken` marks its commands (and the
macros they are in): the Edit menu says so, and undoing or redoing one is refused with the
reason, the step dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from planner import changes, edits
from planner.errors import EcovisitError
from ui.document import TourDocument
from ui.i18n import current_language, message_of
from ui.outside import Overtakable, stale_suffix
from ui.text import fill


class TourCommand(QUndoCommand, Overtakable):
    """A command on a tour document; subclasses implement :meth:`do` and :meth:`revert`."""

    def __init__(self, document: TourDocument, text: str) -> None:
        super().__init__(text)
        self.document = document
        #: Its work was done before the push (:func:`push_done`): the push's redo skips it.
        self._done_before_push = False
        self.touched = edits.Changes()
        self.stale = False
        self.macro: QUndoCommand | None = None
        self.siblings: list[Overtakable] = [self]
        self._said = False

    def do(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if self._done_before_push:
            self._done_before_push = False
            return
        if self.stale:
            self._refuse(QCoreApplication.translate(
                "Commands", "“%1” cannot be redone: another program has changed what it "
                            "changes since. The tour stays as it is now."))
            return
        self._guarded(self.do)

    def undo(self) -> None:
        if self.stale:
            self._refuse(QCoreApplication.translate(
                "Commands", "“%1” cannot be undone: another program has changed what it "
                            "changed since. The tour stays as it is now."))
            return
        self._guarded(self.revert)

    def _refuse(self, text: str) -> None:
        """Leave the tour as it is; drop this step (its macro with it) and say why, once."""
        self.setObsolete(True)
        if self.macro is not None:
            self.macro.setObsolete(True)
        if not self._said:
            for sibling in self.siblings:
                if isinstance(sibling, TourCommand):
                    sibling._said = True
            name = (self.macro.text() if self.macro is not None else self.text()).removesuffix(
                stale_suffix())
            self.document.edit_failed.emit(fill(text, name))

    def _guarded(self, step: Any) -> None:
        try:
            step()
            self.touched.merge(self.document.last_changes)
        except (EcovisitError, SQLAlchemyError) as exc:  # e.g. changed by a team member
            self.setObsolete(True)
            self.document.edit_failed.emit(message_of(exc))


def execute(command: TourCommand) -> bool:
    """Do *command* and push it onto its document's undo stack; False (and the user told why)
    if the edit was refused, in which case nothing changed."""
    try:
        command.do()
    except EcovisitError as exc:
        command.document.edit_failed.emit(message_of(exc))
        return False
    push_done(command)
    return True


def push_done(command: TourCommand) -> None:
    """Push *command*, whose :meth:`~TourCommand.do` has just succeeded, onto its document's
    undo stack without doing it again, remembering the records it touched (a dialog that says
    a refusal itself calls ``do()`` and then this, instead of :func:`execute`)."""
    command.touched.merge(command.document.last_changes)
    command._done_before_push = True
    command.document.undo_stack.push(command)


@contextmanager
def one_step(document: TourDocument, count: int, text: str) -> Iterator[None]:
    """The *count* edits made inside as one undo step called *text* (a macro when there are
    several; a single edit is its own step)."""
    stack = document.undo_stack
    if count > 1:
        stack.beginMacro(text)
    try:
        yield
    finally:
        if count > 1:
            stack.endMacro()


class SetField(TourCommand):
    """Change one field of one record."""

    def __init__(self, document: TourDocument, kind: str, key: int, field: str, value: Any,
                 name: str) -> None:
        # the planner's name for the field, as its messages say it ("Change e-mail of Celonis")
        label = edits.field_label(field, current_language())
        text = QCoreApplication.translate("Commands", "Change %1 of %2")
        super().__init__(document, fill(text, label, name))
        self.kind, self.key, self.field, self.value = kind, key, field, value
        self.old: Any = None

    def do(self) -> None:
        self.old = self.document.apply(
            lambda s: edits.set_field(s, self.kind, self.key, self.field, self.value))

    def revert(self) -> None:
        self.document.apply(
            lambda s: edits.restore_field(s, self.kind, self.key, self.field, self.old))


class SetFields(TourCommand):
    """Change several fields of one record in one step (a dialog's OK)."""

    def __init__(self, document: TourDocument, kind: str, key: int, values: dict[str, Any],
                 text: str) -> None:
        super().__init__(document, text)
        self.kind, self.key, self.values = kind, key, values
        self.old: dict[str, Any] = {}

    def do(self) -> None:
        self.old = self.document.apply(
            lambda s: edits.set_fields(s, self.kind, self.key, self.values))

    def revert(self) -> None:
        self.document.apply(lambda s: edits.restore_fields(s, self.kind, self.key, self.old))


class SetOffice(TourCommand):
    """Change an organisation's office: its own is moved; a shared place (a hotel, another
    organisation's office) stays, and it gets a new office of its own (planner's set_office)."""

    def __init__(self, document: TourDocument, organisation_id: int, values: dict[str, Any],
                 text: str) -> None:
        super().__init__(document, text)
        self.organisation_id, self.values = organisation_id, values
        self.change: edits.OfficeSet | None = None

    def do(self) -> None:
        change = self.change
        if change is None:
            self.change = self.document.apply(
                lambda s: edits.set_office(s, self.organisation_id, self.values))
        else:
            self.change = self.document.apply(lambda s: edits.redo_office(s, change))

    def revert(self) -> None:
        change = self.change
        assert change is not None
        self.change = self.document.apply(lambda s: edits.restore_office(s, change))


class MoveItem(TourCommand):
    """Give an agenda item a new start and end."""

    def __init__(self, document: TourDocument, uid: str, start: datetime, end: datetime,
                 title: str, *, resize: bool = False) -> None:
        text = QCoreApplication.translate("Commands", "Resize %1") if resize \
            else QCoreApplication.translate("Commands", "Move %1")
        super().__init__(document, fill(text, title))
        self.uid, self.start, self.end = uid, start, end
        self.old: tuple[datetime, datetime] | None = None

    def do(self) -> None:
        self.old = self.document.apply(
            lambda s: edits.move_item(s, self.uid, self.start, self.end))

    def revert(self) -> None:
        assert self.old is not None
        start, end = self.old
        self.document.apply(lambda s: edits.move_item(s, self.uid, start, end))


class AddRecord(TourCommand):
    """Add a record of any kind (an agenda item, a place, a stay, a host's slot...); redo
    after undo brings back the same record under the same key."""

    def __init__(self, document: TourDocument, kind: str, values: dict[str, Any],
                 text: str) -> None:
        super().__init__(document, text)
        self.kind, self.values = kind, values
        self.key: int | None = None
        self.removed: edits.Removed | None = None

    def create(self, session: Session) -> edits.Done[int]:
        return edits.add_record(session, self.kind, self.values)

    def do(self) -> None:
        if self.removed is not None:  # redo after undo: the same record, the same key
            removed = self.removed
            self.document.apply(lambda s: edits.restore_record(s, removed))
            return
        self.key = self.document.apply(self.create)

    def revert(self) -> None:
        key = self.key
        assert key is not None
        self.removed = self.document.apply(lambda s: edits.delete_record(s, self.kind, key))


class DuplicateItem(AddRecord):
    """A copy of an agenda item (a new calendar event), right after it or at *start*."""

    def __init__(self, document: TourDocument, key: int, title: str,
                 start: datetime | None = None) -> None:
        super().__init__(document, "item", {},
                         fill(QCoreApplication.translate("Commands", "Duplicate %1"), title))
        self.original, self.start = key, start

    def create(self, session: Session) -> edits.Done[int]:
        return edits.duplicate_item(session, self.original, self.start)


class AddRecords(TourCommand):
    """Several records made by one planner edit (a host's weekly slots), undone together."""

    def __init__(self, document: TourDocument, kind: str,
                 create: Callable[[Session], edits.Done[list[int]]], text: str) -> None:
        super().__init__(document, text)
        self.kind, self.create = kind, create
        self.keys: list[int] = []
        self.removed: list[edits.Removed] = []

    def do(self) -> None:
        if self.removed:
            removed = self.removed
            self.document.apply(lambda s: edits.restore_records(s, removed))
            return
        self.keys = self.document.apply(self.create)

    def revert(self) -> None:
        keys = self.keys
        self.removed = self.document.apply(lambda s: edits.delete_records(s, self.kind, keys))


class DeleteRecord(TourCommand):
    """Delete a record with what belongs to it; undo brings all of it back."""

    def __init__(self, document: TourDocument, kind: str, key: int, name: str) -> None:
        text = QCoreApplication.translate("Commands", "Delete %1")
        super().__init__(document, fill(text, name))
        self.kind, self.key = kind, key
        self.removed: edits.Removed | None = None

    def do(self) -> None:
        self.removed = self.document.apply(
            lambda s: edits.delete_record(s, self.kind, self.key))

    def revert(self) -> None:
        removed = self.removed
        assert removed is not None
        self.document.apply(lambda s: edits.restore_record(s, removed))


class AppliedChange(TourCommand):
    """A big change already committed (an import, a plan), undone and redone as one step."""

    def __init__(self, document: TourDocument, changeset: changes.Changeset,
                 text: str) -> None:
        super().__init__(document, text)
        self.changeset = changeset
        #: Committed on a worker before this command was made: the first do() has nothing
        #: left to do; a redo after an undo applies it again.
        self._already_committed = True

    def do(self) -> None:
        if self._already_committed:
            self._already_committed = False
            return
        self.document.apply_changeset(self.changeset, undo=False)

    def revert(self) -> None:
        self.document.apply_changeset(self.changeset, undo=True)


class TrackedStep(TourCommand):
    """One step of asking a host (:mod:`planner.outreach.tracking`): *step* makes it in a
    session and returns a ``Step`` (the request, each field as it was, a request it added, the
    records changed). Undo puts every field back, last first, and deletes a request it added;
    redo makes the step again, a request it added brought back under the same key."""

    def __init__(self, document: TourDocument, step: Callable[[Session], Any],
                 text: str) -> None:
        super().__init__(document, text)
        self.step_of = step
        self.step: Any = None
        self.removed: edits.Removed | None = None

    def do(self) -> None:
        removed = self.removed
        if removed is not None:  # redo after undo: the same request, the same key
            self.document.apply(lambda s: edits.restore_record(s, removed))
            return

        def make(session: Session) -> edits.Done[Any]:
            step = self.step_of(session)
            return edits.Done(step, step.changes)

        self.step = self.document.apply(make)

    def revert(self) -> None:
        step = self.step
        assert step is not None

        def take_back(session: Session) -> edits.Done[edits.Removed | None]:
            changed = edits.Changes()
            for kind, key, old in reversed(step.old):
                changed.merge(edits.restore_fields(session, kind, key, old).changes)
            removed = None
            if step.added is not None:
                done = edits.delete_record(session, "request", step.added)
                removed = done.value
                changed.merge(done.changes)
            return edits.Done(removed, changed)

        self.removed = self.document.apply(take_back)
