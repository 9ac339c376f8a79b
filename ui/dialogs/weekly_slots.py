"""A host's available slots: one slot (add or change), or a weekly pattern ("Tue–Thu
10:00–16:00" on every matching day of the tour) made into slots in one undoable step.

Times are typed in the office's time zone (the organisation's place); the dialogs check what
they can before OK (the end after the start, at least one day), and OK is one command:
``AddRecord``/``SetFields`` on kind "availability", or ``AddRecords`` calling
:func:`planner.edits.add_weekly_availability`. A refusal leaves the dialog open.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from planner import edits
from planner.errors import EcovisitError, InputError
from planner.formatting import format_day
from planner.model import AvailabilityWindow, Organisation
from planner.timezones import local_instant, to_local
from ui import commands
from ui.dialogs.parts import refusal_label
from ui.document import TourDocument
from ui.i18n import current_language, message_of
from ui.text import fill
from ui.widgets.clock import date_edit, pydate, pytime, time_edit

#: How many matching days the weekly dialog names before "…".
NAMED_DAYS = 6


def zone_text(zone_name: str, day: date) -> str:
    """``Europe/Copenhagen (CEST)``: the office's zone, with its abbreviation that day."""
    abbreviation = datetime.combine(day, time(12), ZoneInfo(zone_name)).tzname() or ""
    return f"{zone_name} ({abbreviation})" if abbreviation and abbreviation[0].isalpha() \
        else zone_name


def _done(command: commands.TourCommand, error: QLabel) -> bool:
    """Do *command* and push it onto the undo stack; False, the reason said once in *error*
    (not also in the window's message box, as commands.execute would), if it is refused."""
    try:
        command.do()
    except EcovisitError as exc:
        error.setText(message_of(exc))
        return False
    commands.push_done(command)
    return True


def _row(form: QFormLayout, text: str, field: QWidget | QHBoxLayout, buddy: QWidget) -> None:
    """A labelled row whose label's shortcut goes to *buddy* (a row of several fields too)."""
    label = QLabel(text, buddy.parentWidget())
    label.setBuddy(buddy)
    form.addRow(label, field)


class SlotDialog(QDialog):
    """Add a slot to an organisation, or change one: day, from, to (office time) and a note."""

    def __init__(self, document: TourDocument, organisation: Organisation, zone_name: str,
                 window: AvailabilityWindow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("slotDialog")
        self.document = document
        self.organisation_id = organisation.id
        self.organisation_name = organisation.name
        self.zone_name = zone_name
        self.window_key = window.id if window is not None else None
        self.setWindowTitle(self.tr("Change Slot") if window is not None else self.tr("Add Slot"))
        tour = document.tour
        if window is not None:
            start, end = to_local(window.start, zone_name), to_local(window.end, zone_name)
            day, begin, finish, note = start.date(), start.time(), end.time(), window.note
        else:
            day, begin, finish, note = tour.start_date, tour.day_start, tour.day_end, ""
        self.host = QLabel(fill(self.tr("%1 can receive the delegation on:"),
                                organisation.name), self)
        self.host.setTextFormat(Qt.TextFormat.PlainText)  # a name is data
        self.host.setWordWrap(True)
        self.day = date_edit(day, self)
        self.start = time_edit(begin, self)
        self.end = time_edit(finish, self)
        self.note = QLineEdit(note, self)
        self.note.setPlaceholderText(self.tr("e.g. lab tour possible, ask for Dr Lund"))
        self.zone = QLabel(self)
        self.zone.setTextFormat(Qt.TextFormat.PlainText)
        self.day.dateChanged.connect(self._show_zone)
        times = QHBoxLayout()
        times.addWidget(self.start)
        times.addWidget(QLabel("–", self))
        times.addWidget(self.end)
        times.addWidget(self.zone, 1)
        form = QFormLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.host)
        layout.addLayout(form)
        _row(form, self.tr("&Day:"), self.day, self.day)
        _row(form, self.tr("&From – to:"), times, self.start)
        _row(form, self.tr("&Note:"), self.note, self.note)
        self.day.setAccessibleName(self.tr("Day"))
        self.start.setAccessibleName(self.tr("From"))
        self.end.setAccessibleName(self.tr("To"))
        self.note.setAccessibleName(self.tr("Note"))
        self.error = refusal_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._show_zone()
        self.resize(460, self.sizeHint().height())

    def _show_zone(self) -> None:
        self.zone.setText(zone_text(self.zone_name, pydate(self.day.date())))

    def values(self) -> dict[str, Any]:
        """The slot as typed (aware times in the office's zone); InputError if it cannot be (a
        time the clocks skip or pass twice that day, too)."""
        day = pydate(self.day.date())
        start = local_instant(datetime.combine(day, pytime(self.start.time())), self.zone_name,
                              self.tr("From"))
        end = local_instant(datetime.combine(day, pytime(self.end.time())), self.zone_name,
                            self.tr("To"))
        if end <= start:
            raise InputError(self.tr("The slot must end after it starts."))
        values = {"start": start, "end": end, "zone": self.zone_name,
                  "note": self.note.text().strip()}
        return edits.parse_values("availability", values)

    def accept(self) -> None:
        """Save the slot as one undoable step; stay open, changing nothing, if refused."""
        try:
            values = self.values()
        except InputError as exc:
            self.error.setText(message_of(exc))
            return
        document = self.document
        command: commands.TourCommand
        if self.window_key is None:
            command = commands.AddRecord(
                document, "availability", {"organisation_id": self.organisation_id, **values},
                fill(self.tr("Add a slot to %1"), self.organisation_name))
        else:
            command = commands.SetFields(
                document, "availability", self.window_key, values,
                fill(self.tr("Change a slot of %1"), self.organisation_name))
        if _done(command, self.error):
            super().accept()


class WeeklySlotsDialog(QDialog):
    """A host's regular slots: the weekdays, from and to (office time), first and last day
    (the tour's), and a note; OK makes a slot on every matching day, one undoable step."""

    def __init__(self, document: TourDocument, organisation: Organisation, zone_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("weeklySlotsDialog")
        self.document = document
        self.organisation_id = organisation.id
        self.organisation_name = organisation.name
        self.zone_name = zone_name
        self.setWindowTitle(self.tr("Weekly Slots"))
        tour = document.tour
        self.host = QLabel(fill(self.tr("%1 can receive the delegation every week on:"),
                                organisation.name), self)
        self.host.setTextFormat(Qt.TextFormat.PlainText)
        self.host.setWordWrap(True)
        locale = QLocale()
        self.weekdays: list[QCheckBox] = []
        days = QHBoxLayout()
        for number in range(7):  # Monday first, as the planner counts (0 = Monday)
            box = QCheckBox(locale.dayName(number + 1, QLocale.FormatType.ShortFormat), self)
            box.setAccessibleName(locale.dayName(number + 1, QLocale.FormatType.LongFormat))
            box.toggled.connect(self._preview)
            days.addWidget(box)
            self.weekdays.append(box)
        days.addStretch(1)
        self.start = time_edit(tour.day_start, self)
        self.end = time_edit(tour.day_end, self)
        self.zone = QLabel(zone_text(zone_name, tour.start_date), self)
        self.zone.setTextFormat(Qt.TextFormat.PlainText)
        times = QHBoxLayout()
        times.addWidget(self.start)
        times.addWidget(QLabel("–", self))
        times.addWidget(self.end)
        times.addWidget(self.zone, 1)
        self.first = date_edit(tour.start_date, self)
        self.last = date_edit(tour.end_date, self)
        for edit in (self.first, self.last, self.start, self.end):
            if isinstance(edit, QDateEdit):
                edit.dateChanged.connect(self._preview)
            else:
                edit.timeChanged.connect(self._preview)
        span = QHBoxLayout()
        span.addWidget(self.first)
        span.addWidget(QLabel("–", self))
        span.addWidget(self.last)
        span.addStretch(1)
        self.note = QLineEdit(self)
        form = QFormLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.host)
        layout.addLayout(form)
        _row(form, self.tr("&Weekdays:"), days, self.weekdays[0])
        _row(form, self.tr("&From – to:"), times, self.start)
        _row(form, self.tr("&During:"), span, self.first)
        _row(form, self.tr("&Note:"), self.note, self.note)
        self.start.setAccessibleName(self.tr("From"))
        self.end.setAccessibleName(self.tr("To"))
        self.first.setAccessibleName(self.tr("First day"))
        self.last.setAccessibleName(self.tr("Last day"))
        self.note.setAccessibleName(self.tr("Note"))
        self.preview = QLabel(self)
        self.preview.setObjectName("preview")
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setWordWrap(True)
        self.error = refusal_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.preview)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._preview()
        self.resize(max(520, self.sizeHint().width()), self.sizeHint().height())

    def chosen_weekdays(self) -> list[int]:
        """The weekdays ticked, 0 = Monday."""
        return [number for number, box in enumerate(self.weekdays) if box.isChecked()]

    def days(self) -> list[date]:
        """The days that would get a slot."""
        weekdays = set(self.chosen_weekdays())
        first, last = pydate(self.first.date()), pydate(self.last.date())
        count = (last - first).days + 1
        return [day for day in (first + timedelta(days=n) for n in range(max(0, count)))
                if day.weekday() in weekdays]

    def problem(self) -> str:
        """Why OK would be refused, or ""."""
        if not self.chosen_weekdays():
            return self.tr("Choose at least one weekday.")
        if self.end.time() <= self.start.time():
            return self.tr("The slots must end after they start.")
        if self.last.date() < self.first.date():
            return self.tr("The last day comes before the first.")
        days = self.days()
        if not days:
            return self.tr("None of these weekdays falls between the first and the last day.")
        for day in days:  # the night the clocks change, if the hours fall in it
            for edit, name in ((self.start, self.tr("From")), (self.end, self.tr("To"))):
                try:
                    local_instant(datetime.combine(day, pytime(edit.time())), self.zone_name,
                                  name)
                except InputError as exc:
                    return message_of(exc)
        return ""

    def _preview(self) -> None:
        problem = self.problem()
        self.ok_button.setEnabled(not problem)
        if problem:
            self.preview.setText(problem)
            return
        days = self.days()
        language = current_language()
        named = ", ".join(format_day(day, language, short=True) for day in days[:NAMED_DAYS])
        if len(days) > NAMED_DAYS:
            named += ", …"
        self.preview.setText(fill(self.tr("Makes %n slots: %1.", "", len(days)), named))

    def accept(self) -> None:
        """Make the slots as one undoable step; stay open, changing nothing, if refused."""
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            return
        key, weekdays = self.organisation_id, self.chosen_weekdays()
        start, end = pytime(self.start.time()), pytime(self.end.time())
        first, last = pydate(self.first.date()), pydate(self.last.date())
        note = self.note.text().strip()
        try:
            edits.parse_value("availability", "note", note)
        except InputError as exc:
            self.error.setText(message_of(exc))
            return
        command = commands.AddRecords(
            self.document, "availability",
            lambda session: edits.add_weekly_availability(
                session, key, weekdays, start, end, first=first, last=last, note=note),
            fill(self.tr("Weekly slots for %1"), self.organisation_name))
        if _done(command, self.error):
            super().accept()
