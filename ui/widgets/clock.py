"""Date and time boxes one can type into after a click.

A ``QDateTimeEdit`` (and ``QDateEdit``, ``QTimeEdit``) only takes typed digits into a *selected*
section: after a click the cursor sits inside "08:30" and typing "10" is refused, so a
coordinator who clicks the hour and types sees nothing happen. :func:`typeable` selects the
section under the click, as Tab does, so that typing replaces it.
"""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QEvent, QObject, QTime, QTimer
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QTimeEdit, QWidget

from ui.i18n import current_language


class _SelectClickedSection(QObject):
    def __init__(self, edit: QDateTimeEdit) -> None:
        super().__init__(edit)
        self.edit = edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease:
            edit = self.edit
            section = edit.currentSection()  # where the press put the cursor
            # selected once the line edit has handled the release (which clears a selection)
            QTimer.singleShot(0, lambda: edit.setSelectedSection(section))
        return False


def typeable(*edits: QDateTimeEdit) -> None:
    """Make a click on a section of each of *edits* select it, ready to be typed over."""
    for edit in edits:
        line = edit.lineEdit()
        if line is not None:
            line.installEventFilter(_SelectClickedSection(edit))


# --- Python dates and times <-> Qt's ------------------------------------------------------------
def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def pytime(value: QTime) -> time:
    return time(value.hour(), value.minute())


#: How a date field writes a day in each language, as the rest of the window and the printed
#: pages do (:func:`planner.formatting.format_day`): the weekday, and no M/D or D/M puzzle.
DAY_FORMATS = {"en": "ddd d MMM yyyy", "ja": "yyyy年M月d日(ddd)"}


def day_format(language: str | None = None) -> str:
    """The Qt display format of a day in *language* (the window's by default)."""
    return DAY_FORMATS.get(language or current_language(), DAY_FORMATS["en"])


def moment_format(language: str | None = None) -> str:
    """The Qt display format of a day and a time of day in *language*."""
    return day_format(language) + ("  HH:mm" if (language or current_language()) != "ja"
                                   else " HH:mm")


def date_edit(day: date, parent: QWidget) -> QDateEdit:
    """A date field with a calendar to pick from, typeable after a click, written as the
    window's language writes days (``Mon 10 May 2027``, ``2027年5月10日(月)``)."""
    edit = QDateEdit(qdate(day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(day_format())
    typeable(edit)
    return edit


def time_edit(value: time, parent: QWidget) -> QTimeEdit:
    """A time of day (``HH:mm``), typeable after a click."""
    edit = QTimeEdit(QTime(value.hour, value.minute), parent)
    edit.setDisplayFormat("HH:mm")
    typeable(edit)
    return edit
