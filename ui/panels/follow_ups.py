"""Follow-ups: who does what, by when, with whom, after the tour.

The panel lists the tour's follow-ups (description, owner or the coordinator, the host contact,
the meeting and goal it comes from, the due day, the status), sorted by due day (a click on a
header sorts by that column), filtered by owner, by goal and to the overdue ones; an overdue
follow-up says "overdue" in its status and is tinted in the warning colour. Add and Edit open a
form (:class:`FollowUpDialog`); Done, Drop and Reopen change the status; Delete removes it. Each
is one undoable step (``AddRecord``, ``SetFields``, ``DeleteRecord`` on kind "follow_up").

The list is read on a worker (:class:`ui.views.reading.Reader`) while it can be seen, after
every change to follow-ups or the records they name; a dock tab behind another catches up when
it comes forward. :func:`install_follow_ups` puts it into a main window as a dock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from planner import edits
from planner.errors import InputError
from planner.formatting import format_day
from planner.model import AgendaItem, Contact, FollowUpStatus, ItemKind, LearningGoal
from planner.queries import records
from planner.timezones import local_today, to_local
from ui import commands
from ui.commands import AddRecord, SetFields
from ui.dialogs.parts import refusal_label
from ui.document import TourDocument
from ui.i18n import current_language, message_of
from ui.models.follow_ups import (
    ANY,
    COORDINATOR,
    STATUS_WORDS,
    FollowUpFilter,
    FollowUpRow,
    FollowUpsModel,
    read_follow_ups,
)
from ui.operations import Operations
from ui.panels.record_dock import RecordDock, RecordDockPanel, install_dock
from ui.text import fill
from ui.views.reading import Reader
from ui.widgets.clock import date_edit, pydate
from ui.widgets.forms import ok_cancel, stacked

#: What a form's contact, meeting or goal box says when the follow-up names none.
NONE = str(QT_TRANSLATE_NOOP("FollowUps", "(none)"))
#: The code of the finding an overdue follow-up makes (:mod:`planner.feasibility.findings`).
OVERDUE_FINDING = "follow_up_overdue"
#: Agenda items a follow-up does not come from.
JOURNEYS = (ItemKind.TRANSFER, ItemKind.TRAIN, ItemKind.FLIGHT, ItemKind.FREE)
#: The records a follow-up shows besides its own: a change to one is read again.
SHOWN_KINDS = ("follow_up", "traveller", "contact", "organisation", "item", "goal")


def _tr(text: str) -> str:
    return QCoreApplication.translate("FollowUps", text)


def _name(english: str, japanese: str) -> str:
    return japanese if current_language() == "ja" and japanese else english


class Choices:
    """What a follow-up may name, read once when a form opens (a few hundred rows at most):
    the travellers, the contacts with their organisations, the meetings and the goals."""

    def __init__(self, document: TourDocument) -> None:
        language = current_language()
        with document.store.session() as session:
            self.owners = [(_name(t.name, t.name_ja), t.id)
                           for t in session.scalars(records("traveller"))]
            self.contacts = [
                (f"{c.name} ({c.organisation.name})" if c.organisation else c.name, c.id)
                for c in session.scalars(select(Contact).options(
                    selectinload(Contact.organisation)).order_by(Contact.name, Contact.id))]
            items = session.scalars(select(AgendaItem).where(
                AgendaItem.kind.notin_(JOURNEYS)).order_by(AgendaItem.start, AgendaItem.id))
            self.meetings = [
                (f"{format_day(to_local(i.start, i.zone).date(), language, short=True)} · "
                 f"{_name(i.title, i.title_ja)}", i.id) for i in items]
            self.goals = [(_name(g.title, g.title_ja), g.id)
                          for g in session.scalars(select(LearningGoal).order_by(
                              LearningGoal.id))]


def _choice_box(parent: QWidget, none: str, choices: list[tuple[str, int]],
                current: int | None) -> QComboBox:
    box = QComboBox(parent)
    box.addItem(none, None)
    for text, key in choices:
        box.addItem(text, key)
    box.setCurrentIndex(max(0, box.findData(current)) if current is not None else 0)
    return box


class FollowUpDialog(QDialog):
    """A follow-up's fields; OK adds it, or changes the one given, as one undoable step."""

    def __init__(self, document: TourDocument, row: FollowUpRow | None = None, *,
                 values: dict[str, Any] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followUpDialog")
        self.document = document
        self.row = row
        #: The new follow-up's key, once added.
        self.key: int | None = row.id if row is not None else None
        start = dict(values or {})
        choices = Choices(document)
        self.description = QLineEdit(row.description if row else start.get("description", ""),
                                     self)
        self.description.setObjectName("followUpDescription")
        self.owner = _choice_box(self, _tr(str(COORDINATOR)), choices.owners,
                                 row.owner_id if row else start.get("owner_id"))
        self.owner.setObjectName("followUpOwner")
        self.contact = _choice_box(self, _tr(NONE), choices.contacts,
                                   row.contact_id if row else start.get("contact_id"))
        self.contact.setObjectName("followUpContact")
        self.meeting = _choice_box(self, _tr(NONE), choices.meetings,
                                   row.item_id if row else start.get("item_id"))
        self.meeting.setObjectName("followUpMeeting")
        self.goal = _choice_box(self, _tr(NONE), choices.goals,
                                row.goal_id if row else start.get("goal_id"))
        self.goal.setObjectName("followUpGoal")
        due = row.due if row else start.get("due")
        self.has_due = QCheckBox(self)
        self.has_due.setObjectName("followUpHasDue")
        self.has_due.setChecked(due is not None)
        self.due = date_edit(due or document.today + timedelta(days=14), self)
        self.due.setObjectName("followUpDue")
        self.due.setLocale(QLocale())
        self.due.setEnabled(due is not None)
        self.has_due.toggled.connect(self.due.setEnabled)
        self.status = QComboBox(self)
        self.status.setObjectName("followUpStatus")
        for status, word in STATUS_WORDS.items():
            self.status.addItem(_tr(str(word)), status.value)
        self.status.setCurrentIndex(self.status.findData(
            (row.status if row else FollowUpStatus.OPEN).value))
        self.notes = QPlainTextEdit(row.notes if row else "", self)
        self.notes.setObjectName("followUpNotes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 4 + 12)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due, 1)
        self.form = QFormLayout()
        self.labels: list[QLabel] = []
        for field, widget in (("description", self.description), ("owner_id", self.owner),
                              ("contact_id", self.contact), ("item_id", self.meeting),
                              ("goal_id", self.goal), ("due", due_row),
                              ("status", self.status), ("notes", self.notes)):
            label = QLabel(edits.field_title(field, current_language()) + ":", self)
            buddy = self.due if isinstance(widget, QHBoxLayout) else widget
            label.setBuddy(buddy)
            buddy.setAccessibleName(edits.field_title(field, current_language()))
            self.labels.append(label)
            self.form.addRow(label, widget)
        self.error = refusal_label(self)
        self.error.hide()
        self.buttons = ok_cancel(self, "followUpOk")
        stacked(self, self.form, self.error, self.buttons)
        self.setWindowTitle(self.tr("Follow-up") if row is not None
                            else self.tr("Add Follow-up"))
        self.has_due.setToolTip(self.tr("Has a due day"))
        self.has_due.setAccessibleName(self.tr("Has a due day"))
        self.description.setPlaceholderText(self.tr("What is to be done, e.g. Send the pilot "
                                                    "proposal"))
        self.resize(560, self.sizeHint().height())

    def values(self) -> dict[str, Any]:
        """What the form says, as the planner's edits take it."""
        return {"description": self.description.text().strip(),
                "owner_id": self.owner.currentData(), "contact_id": self.contact.currentData(),
                "item_id": self.meeting.currentData(), "goal_id": self.goal.currentData(),
                "due": pydate(self.due.date()) if self.has_due.isChecked() else None,
                "status": self.status.currentData(),
                "notes": self.notes.toPlainText().strip()}

    def accept(self) -> None:
        values = self.values()
        try:  # said here, in the dialog, and nothing changes
            if not values["description"]:
                raise InputError(self.tr("Say what is to be done."))
            edits.parse_values("follow_up", values)
        except InputError as exc:
            self.error.setText(message_of(exc))
            self.error.show()
            self.description.setFocus()
            return
        values.update(_completion(values["status"], self.row, self.document.today))
        if self._save(values):
            super().accept()

    def _save(self, values: dict[str, Any]) -> bool:
        document, row = self.document, self.row
        if row is None:
            command = AddRecord(document, "follow_up", values,
                                fill(self.tr("Add follow-up %1"), _short(values["description"])))
            done = commands.execute(command)
            self.key = command.key
            return done
        old = {"description": row.description, "owner_id": row.owner_id,
               "contact_id": row.contact_id, "item_id": row.item_id, "goal_id": row.goal_id,
               "due": row.due, "status": row.status.value, "completed": row.completed,
               "notes": row.notes}
        changed = {name: value for name, value in values.items() if old.get(name) != value}
        if not changed:
            return True
        return commands.execute(SetFields(
            document, "follow_up", row.id, changed,
            fill(self.tr("Change follow-up %1"), _short(row.description))))


def _short(text: str, length: int = 40) -> str:
    """A follow-up named in an undo text: its description's start."""
    line = " ".join(text.split())
    return line if len(line) <= length else line[:length - 1].rstrip() + "…"


def _completion(status: str, row: FollowUpRow | None, today: date) -> dict[str, Any]:
    """The completed day that goes with *status*: today when it becomes done (kept when it was
    done already), none otherwise."""
    if status != FollowUpStatus.DONE.value:
        return {"completed": None}
    if row is not None and row.status is FollowUpStatus.DONE and row.completed is not None:
        return {"completed": row.completed}
    return {"completed": today}


class FollowUpsPanel(RecordDockPanel):
    """The tour's follow-ups with filters, and add, edit, done, drop, reopen, delete."""

    SHOWN_KINDS = SHOWN_KINDS
    model: FollowUpsModel
    proxy: FollowUpFilter
    dialog: FollowUpDialog | None

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(operations, parent)
        self.setObjectName("followUpsPanel")
        self.reader = Reader(self, self.tr("Reading the follow-ups"), operations)
        self.model = FollowUpsModel(self)
        self.proxy = FollowUpFilter(self)
        self.proxy.setSourceModel(self.model)
        self.owner_box = QComboBox(self)
        self.owner_box.setObjectName("followUpOwnerFilter")
        self.goal_box = QComboBox(self)
        self.goal_box.setObjectName("followUpGoalFilter")
        self.overdue_box = QCheckBox(self)
        self.overdue_box.setObjectName("followUpOverdueOnly")
        for box, length in ((self.owner_box, 14), (self.goal_box, 18)):
            # long goal titles scroll in the list, never push the count out of sight
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(length)
            box.currentIndexChanged.connect(lambda _i: self._filter())
        self.overdue_box.toggled.connect(lambda _on: self._filter())
        self._add_buttons("{}FollowUpButton", (
            ("add", self.add), ("edit", self.edit),
            ("done", lambda: self.set_status(FollowUpStatus.DONE)),
            ("drop", lambda: self.set_status(FollowUpStatus.DROPPED)),
            ("reopen", lambda: self.set_status(FollowUpStatus.OPEN)),
            ("delete", self.delete)))
        self._make_table("followUpsTable", FollowUpsModel.DUE, (
            (FollowUpsModel.DESCRIPTION, "x" * 30),
            (FollowUpsModel.DUE, "Wed 30 Mayx"),
            (FollowUpsModel.STATUS, "done · Wed 30 May"),
            (FollowUpsModel.OWNER, "Hiroshi Nakamura"),
            (FollowUpsModel.CONTACT, "Dr. Elina Mäkinen (Vinnova)"),
            (FollowUpsModel.MEETING, "Wed 12 May · Copenhagen Capacity"),
            (FollowUpsModel.GOAL, "x" * 24)), stretch_last=False)
        self.table.activated.connect(lambda _index: self.edit())  # Enter or a double-click
        filters = QHBoxLayout()
        self.owner_label, self.goal_label = QLabel(self), QLabel(self)
        self.owner_label.setBuddy(self.owner_box)
        self.goal_label.setBuddy(self.goal_box)
        filters.addWidget(self.owner_label)
        filters.addWidget(self.owner_box)
        filters.addWidget(self.goal_label)
        filters.addWidget(self.goal_box)
        filters.addWidget(self.overdue_box)
        filters.addWidget(self.count_label)
        filters.addStretch(1)
        self._lay_out(filters)

    # --- the document -------------------------------------------------------------------------
    def _work(self, document: TourDocument) -> Callable[[], tuple[list[FollowUpRow], date]]:
        store, today = document.store, document.today
        return lambda: (read_follow_ups(store), today)

    def _put(self, result: tuple[list[FollowUpRow], date]) -> None:
        self.model.set_rows(*result)

    def _clear(self) -> None:
        document = self.document
        self.model.set_rows([], document.today if document is not None and not document.closed
                            else local_today())

    def _filled(self) -> None:
        self._fill_filters()

    # --- filters ------------------------------------------------------------------------------
    def _fill_filters(self) -> None:
        """The owners and goals the follow-ups name, keeping the choices made."""
        rows = self.model.rows
        owners = sorted({(_name(r.owner, r.owner_ja), r.owner_id) for r in rows
                         if r.owner_id is not None})
        goals = sorted({(_name(r.goal, r.goal_ja), r.goal_id) for r in rows
                        if r.goal_id is not None}, key=lambda g: (g[0].casefold(), g[1]))
        owner_items = [(self.tr("Everyone"), ANY), (_tr(str(COORDINATOR)), None), *owners]
        goal_items = [(self.tr("Every goal"), ANY), *goals]
        for box, items in ((self.owner_box, owner_items), (self.goal_box, goal_items)):
            now = [(box.itemText(i), box.itemData(i)) for i in range(box.count())]
            if now == items:
                continue
            chosen = box.currentData() if box.currentIndex() >= 0 else ANY
            box.blockSignals(True)
            box.clear()
            for text, data in items:
                box.addItem(text, data)
            index = box.findData(chosen)
            box.setCurrentIndex(index if index >= 0 else 0)
            box.blockSignals(False)
        self._filter()

    def _filter(self) -> None:
        self.proxy.set_filter(owner=self.owner_box.currentData() if self.owner_box.count()
                              else ANY,
                              goal=self.goal_box.currentData() if self.goal_box.count() else ANY,
                              overdue_only=self.overdue_box.isChecked())
        self._count()
        self._update_buttons()

    def set_filter(self, *, owner: int | str | None = ANY, goal: int | str = ANY,
                   overdue_only: bool = False) -> None:
        """Choose the filters as a user would (an owner's key, None: the coordinator)."""
        self.owner_box.setCurrentIndex(max(0, self.owner_box.findData(owner)))
        self.goal_box.setCurrentIndex(max(0, self.goal_box.findData(goal)))
        self.overdue_box.setChecked(overdue_only)
        self._filter()

    def _count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        overdue = sum(1 for r in self.model.rows if r.overdue_on(self.model.today))
        text = str(total) if shown == total else f"{shown} / {total}"
        if overdue:
            text += " · " + fill(self.tr("%1 overdue"), overdue)
        self.count_label.setText(text)

    # --- buttons ------------------------------------------------------------------------------
    def _enable(self, editable: bool, chosen: list[FollowUpRow]) -> None:
        statuses = {row.status for row in chosen}
        self.buttons["add"].setEnabled(editable)
        self.buttons["edit"].setEnabled(editable and len(chosen) == 1)
        self.buttons["delete"].setEnabled(editable and bool(chosen))
        self.buttons["done"].setEnabled(editable and bool(statuses - {FollowUpStatus.DONE}))
        self.buttons["drop"].setEnabled(editable and bool(statuses - {FollowUpStatus.DROPPED}))
        self.buttons["reopen"].setEnabled(editable and bool(statuses - {FollowUpStatus.OPEN}))

    # --- editing ------------------------------------------------------------------------------
    def add(self, values: dict[str, Any] | None = None) -> FollowUpDialog | None:
        """Open the form for a new follow-up (with *values* filled in, e.g. a meeting)."""
        if self.document is None:
            return None
        return self._open(FollowUpDialog(self.document, values=values, parent=self.window()))

    def edit(self) -> FollowUpDialog | None:
        """Open the form on the selected follow-up."""
        chosen = self.selected_rows()
        if self.document is None or len(chosen) != 1:
            return None
        return self._open(FollowUpDialog(self.document, chosen[0], parent=self.window()))

    def set_status(self, status: FollowUpStatus) -> None:
        """Mark the selected follow-ups done, dropped or open again (one undoable step)."""
        document = self.document
        chosen = [row for row in self.selected_rows() if row.status is not status]
        if document is None or not chosen:
            return
        texts = {FollowUpStatus.DONE: (self.tr("Mark %1 done"),
                                       fill(self.tr("Mark %1 follow-ups done"), len(chosen))),
                 FollowUpStatus.DROPPED: (self.tr("Drop %1"),
                                          fill(self.tr("Drop %1 follow-ups"), len(chosen))),
                 FollowUpStatus.OPEN: (self.tr("Reopen %1"),
                                       fill(self.tr("Reopen %1 follow-ups"), len(chosen)))}[status]
        with commands.one_step(document, len(chosen), texts[1]):
            for row in chosen:
                values = {"status": status.value,
                          **_completion(status.value, row, document.today)}
                commands.execute(SetFields(document, "follow_up", row.id, values,
                                           fill(texts[0], _short(row.description))))

    def delete(self) -> None:
        """Delete the selected follow-ups (one undoable step)."""
        self._delete("follow_up", self.tr("Delete %1 follow-ups"),
                     lambda row: _short(row.description))

    # --- language -----------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Follow-ups")

    def retranslate(self) -> None:
        self.owner_label.setText(self.tr("&Owner:"))
        self.goal_label.setText(self.tr("&Goal:"))
        self.overdue_box.setText(self.tr("O&verdue only"))
        self.table.setAccessibleName(self.title())
        self._label_buttons((
            ("add", "+", self.tr("Add follow-up…")),
            ("edit", self.tr("Edit…"), self.tr("Change the selected follow-up")),
            ("done", self.tr("Done"), self.tr("Mark the selected follow-ups done")),
            ("drop", self.tr("Drop"), self.tr("Drop the selected follow-ups")),
            ("reopen", self.tr("Reopen"), self.tr("Open the selected follow-ups again")),
            ("delete", "−", self.tr("Delete the selected follow-ups"))), named_by_tip=True)
        self.model.relabel()
        for box in (self.owner_box, self.goal_box):
            data = box.currentData() if box.currentIndex() >= 0 else ANY
            box.blockSignals(True)
            box.clear()
            box.blockSignals(False)
            box.addItem("", data)  # refilled in the new language, keeping the choice
        self._fill_filters()


class FollowUpsDock(RecordDock):
    """The panel's dock, titled in the window's language."""

    panel: FollowUpsPanel


def install_follow_ups(window: Any) -> FollowUpsDock:
    """Put the follow-ups panel into *window* (a :class:`ui.mainwindow.MainWindow`) as a dock
    tabbed with the findings, listed in the View menu; it follows the tour the window opens,
    and a click on an overdue follow-up's finding shows that follow-up in it. Returns the dock
    (``dock.panel`` is the panel)."""
    operations: Operations = window.operations
    dock = FollowUpsDock(FollowUpsPanel(operations, window), window)

    def finding_chosen(finding: Any) -> None:
        """An overdue follow-up's finding clicked: the follow-up, in its panel."""
        key = finding.data.get("follow_up_id")
        if finding.code == OVERDUE_FINDING and key is not None:
            dock.reveal(int(key))

    install_dock(window, dock, finding_chosen)
    return dock
