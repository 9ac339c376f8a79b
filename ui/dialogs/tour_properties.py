"""Tour > Properties…: the tour's titles, dates, home time zone, working day, vision (and the
vision after the tour, beside it) and coordinator. OK applies every changed field as one
undoable step; a refused value is said in the dialog (the field named, in the window's
language), which stays open with nothing changed.

Shortening the dates never deletes an agenda item: the items left outside stay where they are,
and the checker reports each ("outside the tour's dates"); the dialog says how many beforehand.
"""

from __future__ import annotations

import zoneinfo
from datetime import time
from functools import cache
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from planner.edits import FieldError
from planner.errors import EcovisitError
from ui import commands
from ui.dialogs.parts import refusal_label
from ui.document import TourDocument
from ui.i18n import message_of
from ui.operations import Operations
from ui.text import fill
from ui.widgets.clock import date_edit, pydate, time_edit

#: The zone most tours start from (the delegations come from Japan), offered first.
FIRST_ZONE = "Asia/Tokyo"


@cache
def zone_names() -> tuple[str, ...]:
    """The IANA time zones a user would choose from, Asia/Tokyo first, then by name (no
    ``posix/`` or ``right/`` copies, no ``localtime``)."""
    names = {name for name in zoneinfo.available_timezones()
             if not name.startswith(("posix/", "right/")) and name not in ("localtime",
                                                                           "Factory")}
    return (FIRST_ZONE, *sorted(names - {FIRST_ZONE}))


def zone_box(parent: QWidget, current: str = FIRST_ZONE) -> QComboBox:
    """An editable list of IANA time zones; typing any part of a name ("stockholm", "new_y")
    offers the zones that contain it."""
    box = QComboBox(parent)
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.addItems(list(zone_names()))
    box.setMaxVisibleItems(15)
    completer = QCompleter(box.model(), box)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    box.setCompleter(completer)
    box.setCurrentText(current)
    return box


class VisionEdit(QPlainTextEdit):
    """A paragraph or two of text: six lines high to start with, wrapped, growing with the
    dialog."""

    def __init__(self, text: str, parent: QWidget) -> None:
        super().__init__(text, parent)
        self.setTabChangesFocus(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        return QSize(400, self.fontMetrics().lineSpacing() * 6 + margins.top()
                     + margins.bottom() + 2 * int(self.document().documentMargin()))


class TourPropertiesDialog(QDialog):
    """Edits the fields of the open tour itself."""

    def __init__(self, document: TourDocument, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tourPropertiesDialog")
        self.document = document
        self.operations = operations
        tour = document.tour
        self.setWindowTitle(self.tr("Tour Properties"))
        self.title = QLineEdit(tour.title, self)
        self.title_ja = QLineEdit(tour.title_ja, self)
        self.start = date_edit(tour.start_date, self)
        self.end = date_edit(tour.end_date, self)
        self.zone = zone_box(self, tour.home_zone)
        self.day_start = time_edit(tour.day_start, self)
        self.day_end = time_edit(tour.day_end, self)
        self.vision = VisionEdit(tour.vision, self)
        self.vision_ja = VisionEdit(tour.vision_ja, self)
        self.vision_after = VisionEdit(tour.vision_after, self)
        self.vision_after_ja = VisionEdit(tour.vision_after_ja, self)
        self.coordinator = QLineEdit(tour.coordinator, self)
        self.phone = QLineEdit(tour.coordinator_phone, self)
        self.email = QLineEdit(tour.coordinator_email, self)
        self.phone.setPlaceholderText(self.tr("e.g. +81 90 1234 5678"))
        self.email.setPlaceholderText(self.tr("name@example.com"))
        #: Which widget edits which tour field (a refused field gets the focus).
        self.editors: dict[str, QWidget] = {
            "title": self.title, "title_ja": self.title_ja, "start_date": self.start,
            "end_date": self.end, "home_zone": self.zone, "day_start": self.day_start,
            "day_end": self.day_end, "vision": self.vision, "vision_ja": self.vision_ja,
            "vision_after": self.vision_after, "vision_after_ja": self.vision_after_ja,
            "coordinator": self.coordinator, "coordinator_phone": self.phone,
            "coordinator_email": self.email}

        self.outside = QLabel(self)  # how many items the new dates leave outside
        self.outside.setObjectName("outsideNote")
        self.outside.setWordWrap(True)
        self.outside.setTextFormat(Qt.TextFormat.PlainText)
        self.outside.hide()
        for edit in (self.start, self.end):
            edit.dateChanged.connect(self._dates_changed)
        days = QHBoxLayout()
        days.addWidget(self.start)
        days.addWidget(QLabel("–", self))
        days.addWidget(self.end)
        days.addStretch(1)
        hours = QHBoxLayout()
        hours.addWidget(self.day_start)
        hours.addWidget(QLabel("–", self))
        hours.addWidget(self.day_end)
        hours.addStretch(1)

        tour_box = QGroupBox(self.tr("Tour"), self)
        self._form(tour_box, (
            (self.tr("&Title:"), self.title, self.title),
            (self.tr("&Japanese title:"), self.title_ja, self.title_ja),
            (self.tr("&Dates:"), days, self.start),
            (self.tr("&Home time zone:"), self.zone, self.zone),
            (self.tr("&Working day:"), hours, self.day_start)))
        self.end.setAccessibleName(self.tr("Last day"))
        self.start.setAccessibleName(self.tr("First day"))
        self.day_start.setAccessibleName(self.tr("Working day start"))
        self.day_end.setAccessibleName(self.tr("Working day end"))
        self.zone.setToolTip(self.tr("Where the delegation comes from: travel to and from home "
                                     "and the home calendars use it. Type any part of a name, "
                                     "e.g. Stockholm."))
        self.day_start.setToolTip(self.tr("Meetings outside these hours are reported by the "
                                          "checker, and planning keeps within them."))
        self.day_end.setToolTip(self.day_start.toolTip())
        vision_box = QGroupBox(self.tr("Vision"), self)
        vision_hint = QLabel(self.tr("What the delegation should come home with; printed in "
                                     "the briefing book."), vision_box)
        vision_hint.setWordWrap(True)
        after_hint = QLabel(self.tr("After the tour: where the delegation now sees the "
                                    "company going; printed in the debrief beside the "
                                    "vision it started with."), vision_box)
        after_hint.setWordWrap(True)
        self._vision_grid(vision_box, vision_hint, after_hint)
        coordinator_box = QGroupBox(self.tr("Coordinator"), self)
        self._form(coordinator_box, (
            (self.tr("&Name:"), self.coordinator, self.coordinator),
            (self.tr("&Phone:"), self.phone, self.phone),
            (self.tr("&E-mail:"), self.email, self.email)))

        self.error = refusal_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tour_box)
        layout.addWidget(self.outside)
        layout.addWidget(vision_box, 1)
        layout.addWidget(coordinator_box)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(820, self.sizeHint().height())

    def _form(self, box: QGroupBox,
              rows: tuple[tuple[str, Any, QWidget | None], ...]) -> QFormLayout:
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, field, buddy in rows:
            if not text:
                form.addRow(field)
                continue
            label = QLabel(text, box)
            if buddy is not None:
                label.setBuddy(buddy)
                if not buddy.accessibleName():
                    buddy.setAccessibleName(text.replace("&", "").rstrip(":"))
            form.addRow(label, field)
        return form

    def _vision_grid(self, box: QGroupBox, hint: QLabel, after_hint: QLabel) -> None:
        """The vision the tour started with (left) beside the vision after it (right),
        English above Japanese."""
        grid = QGridLayout(box)
        grid.addWidget(hint, 0, 0)
        grid.addWidget(after_hint, 0, 1)
        rows = ((self.tr("&Vision:"), self.vision, self.tr("Vision &after the tour:"),
                 self.vision_after),
                (self.tr("Japanese v&ision:"), self.vision_ja,
                 self.tr("Japanese vision a&fter the tour:"), self.vision_after_ja))
        for row, (before_text, before, after_text, after) in enumerate(rows):
            for column, (text, edit) in enumerate(((before_text, before), (after_text, after))):
                label = QLabel(text, box)
                label.setBuddy(edit)
                edit.setAccessibleName(text.replace("&", "").rstrip(":"))
                grid.addWidget(label, 1 + 2 * row, column)
                grid.addWidget(edit, 2 + 2 * row, column)
                grid.setRowStretch(2 + 2 * row, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

    # --- the dates ----------------------------------------------------------------------------
    def _dates_changed(self) -> None:
        first, last = pydate(self.start.date()), pydate(self.end.date())
        left = sum(1 for item in self.document.plan.items.values()
                   if not first <= item.day <= last)
        if left == 1:
            self.outside.setText(self.tr(
                "One agenda item falls outside these dates. It stays in the agenda, and the "
                "findings list it until it is moved or the dates include it again."))
        elif left:
            self.outside.setText(fill(self.tr(
                "%1 agenda items fall outside these dates. They stay in the agenda, and the "
                "findings list them until they are moved or the dates include them again."),
                str(left)))
        self.outside.setVisible(bool(left) and first <= last)

    # --- applying -----------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """Every field as the dialog shows it, by tour field name."""
        return {
            "title": self.title.text().strip(), "title_ja": self.title_ja.text().strip(),
            "start_date": pydate(self.start.date()), "end_date": pydate(self.end.date()),
            "home_zone": self.zone.currentText().strip(),
            "day_start": time(self.day_start.time().hour(), self.day_start.time().minute()),
            "day_end": time(self.day_end.time().hour(), self.day_end.time().minute()),
            "vision": self.vision.toPlainText().rstrip(),
            "vision_ja": self.vision_ja.toPlainText().rstrip(),
            "vision_after": self.vision_after.toPlainText().rstrip(),
            "vision_after_ja": self.vision_after_ja.toPlainText().rstrip(),
            "coordinator": self.coordinator.text().strip(),
            "coordinator_phone": self.phone.text().strip(),
            "coordinator_email": self.email.text().strip()}

    def changes(self) -> dict[str, Any]:
        """The fields the user changed, with their new values."""
        tour = self.document.tour
        return {name: value for name, value in self.values().items()
                if getattr(tour, name) != value}

    def accept(self) -> None:
        """Apply the changed fields as one undoable step; stay open, changing nothing, with
        the reason if a value is refused."""
        changed = self.changes()
        if not changed:
            super().accept()
            return
        document = self.document
        command = commands.SetFields(document, "tour", document.tour.id, changed,
                                     self.tr("Change tour properties"))
        try:  # as commands.execute, but the reason is said here, once, not in a message box
            command.do()
        except EcovisitError as exc:
            self.error.setText(message_of(exc))
            field = self.editors.get(exc.field) if isinstance(exc, FieldError) else None
            if field is not None:
                field.setFocus()
            return
        commands.push_done(command)
        super().accept()
