"""The tour's follow-ups as a table: what, who (a traveller or the coordinator), with whom, from
which meeting and for which goal, by when, and where each stands; an overdue one marked by a
word and the warning colour (:func:`ui.severity.severity_colour`), never by colour alone.

Rows are frozen :class:`FollowUpRow` values read on a worker (:func:`read_follow_ups`, over
:func:`planner.debrief.follow_ups.follow_ups`, the one query the command line and the report
use too); :class:`FollowUpFilter` keeps the rows of an owner, a goal, or the overdue ones, and
sorts by any column (by due day first).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from planner import edits
from planner.debrief.follow_ups import follow_ups
from planner.feasibility import Severity
from planner.formatting import format_day
from planner.model import FollowUp, FollowUpStatus, follow_up_overdue
from planner.store import TourStore
from planner.timezones import local_today, to_local
from ui.i18n import current_language
from ui.models.rows import Index, RowsFilter, RowsModel, SortRole, bold, tint
from ui.severity import severity_colour
from ui.text import tooltip

#: The severity an overdue follow-up is shown with (the findings say it so too).
OVERDUE = Severity.WARNING
#: What the coordinator is called as an owner.
COORDINATOR = QT_TRANSLATE_NOOP("FollowUps", "Coordinator")
#: Each status as the window says it.
STATUS_WORDS: dict[FollowUpStatus, Any] = {
    FollowUpStatus.OPEN: QT_TRANSLATE_NOOP("FollowUps", "open"),
    FollowUpStatus.DONE: QT_TRANSLATE_NOOP("FollowUps", "done"),
    FollowUpStatus.DROPPED: QT_TRANSLATE_NOOP("FollowUps", "dropped"),
}
OVERDUE_WORD = QT_TRANSLATE_NOOP("FollowUps", "overdue")


def _tr(text: Any) -> str:
    return QCoreApplication.translate("FollowUps", str(text))


@dataclass(frozen=True)
class FollowUpRow:
    """One follow-up as the panel shows it (no ORM object leaves the worker)."""

    id: int
    description: str
    owner_id: int | None
    owner: str  # the traveller's name ("" for the coordinator)
    owner_ja: str
    contact_id: int | None
    contact: str  # "Name (Organisation)"
    item_id: int | None
    meeting: str
    meeting_day: date | None
    goal_id: int | None
    goal: str
    goal_ja: str
    due: date | None
    status: FollowUpStatus
    completed: date | None
    notes: str

    def overdue_on(self, today: date) -> bool:
        """The one rule of an overdue follow-up (:func:`planner.model.follow_up_overdue`)."""
        return follow_up_overdue(self.status, self.due, today)


def row_of(follow_up: FollowUp) -> FollowUpRow:
    owner, contact, item, goal = (follow_up.owner, follow_up.contact, follow_up.item,
                                  follow_up.goal)
    contact_text = ""
    if contact is not None:
        organisation = contact.organisation.name if contact.organisation else ""
        contact_text = f"{contact.name} ({organisation})" if organisation else contact.name
    return FollowUpRow(
        follow_up.id, follow_up.description, follow_up.owner_id,
        owner.name if owner else "", owner.name_ja if owner else "",
        follow_up.contact_id, contact_text, follow_up.item_id, item.title if item else "",
        to_local(item.start, item.zone).date() if item is not None else None,
        follow_up.goal_id, goal.title if goal else "", goal.title_ja if goal else "",
        follow_up.due, FollowUpStatus(follow_up.status), follow_up.completed, follow_up.notes)


def read_follow_ups(store: TourStore) -> list[FollowUpRow]:
    """Every follow-up of the tour, soonest due first (run on a worker)."""
    with store.session() as session:
        return [row_of(found) for found in follow_ups(session)]


class FollowUpsModel(RowsModel[FollowUpRow]):
    """The follow-ups as read (replaced as a whole after every read)."""

    DESCRIPTION, DUE, STATUS, OWNER, CONTACT, MEETING, GOAL = range(7)
    #: The planner's field each column shows (its label titles the column): what, by when and
    #: where it stands first, in sight in a narrow dock.
    FIELDS = ("description", "due", "status", "owner_id", "contact_id", "item_id", "goal_id")
    COLUMNS = len(FIELDS)

    def __init__(self, parent: Any = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.today = today or local_today()

    def set_rows(self, rows: list[FollowUpRow], today: date) -> None:
        self.beginResetModel()
        self.rows, self.today = list(rows), today
        self.endResetModel()

    def key_of(self, row: FollowUpRow) -> int:
        return row.id

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return edits.field_title(self.FIELDS[section], current_language())
        return None

    def status_text(self, row: FollowUpRow) -> str:
        word = _tr(STATUS_WORDS[row.status])
        if row.overdue_on(self.today):
            return _tr(OVERDUE_WORD)
        if row.status is FollowUpStatus.DONE and row.completed is not None:
            return f"{word} · {format_day(row.completed, current_language(), short=True)}"
        return word

    def text(self, row: FollowUpRow, column: int) -> str:
        language = current_language()
        if column == self.DESCRIPTION:
            return row.description
        if column == self.OWNER:
            if row.owner_id is None:
                return _tr(COORDINATOR)
            return row.owner_ja if language == "ja" and row.owner_ja else row.owner
        if column == self.CONTACT:
            return row.contact
        if column == self.MEETING:
            if row.meeting_day is None:
                return row.meeting
            return f"{format_day(row.meeting_day, language, short=True)} · {row.meeting}"
        if column == self.GOAL:
            return row.goal_ja if language == "ja" and row.goal_ja else row.goal
        if column == self.DUE:
            return format_day(row.due, language, short=True) if row.due else ""
        return self.status_text(row)

    def cell(self, row: FollowUpRow, column: int, role: int, index: Index) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self.text(row, column)
            if column == self.DESCRIPTION and row.notes:
                text = f"{text}\n\n{row.notes}"
            return tooltip(text)
        if role == SortRole:
            if column == self.DUE:  # none last, then the order the query gives
                return (row.due or date.max).toordinal() * 10_000 + index.row()
            if column == self.MEETING:
                return (row.meeting_day or date.max).toordinal()
            if column == self.STATUS:
                order = 0 if row.overdue_on(self.today) else \
                    1 + list(FollowUpStatus).index(row.status)
                return order
            return self.text(row, column).casefold()
        overdue = row.overdue_on(self.today)
        if role == Qt.ItemDataRole.ForegroundRole:
            if overdue and column in (self.DUE, self.STATUS):
                return severity_colour(OVERDUE)
            if row.status is not FollowUpStatus.OPEN:
                return severity_colour(Severity.INFO)
            return None
        if role == Qt.ItemDataRole.BackgroundRole and overdue:
            return tint(OVERDUE)
        if role == Qt.ItemDataRole.FontRole and column == self.STATUS and overdue:
            return bold()
        return None


#: The filter's "any owner" (an owner key of None is the coordinator).
ANY = "any"


class FollowUpFilter(RowsFilter):
    """Keeps the follow-ups of one owner (a traveller's key, None: the coordinator's,
    :data:`ANY`), of one goal (:data:`ANY` or a key), and only the overdue ones if asked."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.owner: int | str | None = ANY
        self.goal: int | str = ANY
        self.overdue_only = False

    def set_filter(self, *, owner: int | str | None = ANY, goal: int | str = ANY,
                   overdue_only: bool = False) -> None:
        self.refilter(owner=owner, goal=goal, overdue_only=overdue_only)

    def accepts(self, model: FollowUpsModel, row: FollowUpRow) -> bool:
        if self.owner != ANY and row.owner_id != self.owner:
            return False
        if self.goal != ANY and row.goal_id != self.goal:
            return False
        return not self.overdue_only or row.overdue_on(model.today)
