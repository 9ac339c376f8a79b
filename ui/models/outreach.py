"""The tour's host requests as a table: the host, the meeting asked for, the contact written to,
where the request stands, the working days it has waited and what the coordinator does next; a
request whose reminder is due says so in its state, in bold and the warning colour
(:func:`ui.severity.severity_colour`), never by colour alone.

Rows are the frozen :class:`planner.outreach.tracking.OutreachRow` values read on a worker
(:func:`read_outreach`, over :func:`planner.outreach.tracking.outreach`, the one query the
command line uses too); :class:`OutreachFilter` keeps the rows of one state or those whose
reminder is due. The states and next steps are said in the planner's words (its catalogue).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from planner import edits
from planner.feasibility import Severity
from planner.formatting import format_day
from planner.messages import translate
from planner.outreach.tracking import (
    REMINDER_DUE,
    REMINDER_DUE_TEXT,
    STATE_TEXT,
    Outreach,
    OutreachRow,
    outreach,
)
from planner.store import TourStore
from ui.i18n import current_language
from ui.models.rows import Index, RowsFilter, RowsModel, SortRole, bold, tint
from ui.severity import severity_colour
from ui.text import tooltip

#: The severity a due reminder is shown with (the findings say it so too).
DUE = Severity.WARNING
#: The filter's "every state".
ANY = "any"
#: Column titles that are not a host request's fields.
WAITING_TITLE = QT_TRANSLATE_NOOP("Outreach", "Waiting")
NEXT_TITLE = QT_TRANSLATE_NOOP("Outreach", "Next step")
HOST_TITLE = QT_TRANSLATE_NOOP("Outreach", "Host")


def _tr(text: Any) -> str:
    return QCoreApplication.translate("Outreach", str(text))


def read_outreach(store: TourStore, today: date) -> Outreach:
    """The outreach table of the tour on *today* (run on a worker)."""
    with store.session() as session:
        return outreach(session, today)


def state_word(state: str, language: str) -> str:
    """A filter's state (a :class:`~planner.model.RequestState` value or ``reminder_due``) in
    the planner's words."""
    if state == REMINDER_DUE:
        return translate(REMINDER_DUE_TEXT, language)
    return next(translate(text, language) for s, text in STATE_TEXT.items() if s.value == state)


class OutreachModel(RowsModel[OutreachRow]):
    """The host requests as read (replaced as a whole after every read)."""

    #: Who, where it stands, how long it has waited and what to do next first: in sight in a
    #: narrow dock; the meeting and the contact after them.
    HOST, STATE, WAITING, NEXT, MEETING, CONTACT = range(6)
    COLUMNS = 6

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.counts: dict[str, int] = {}
        self.today: date | None = None

    def set_table(self, table: Outreach | None) -> None:
        self.beginResetModel()
        self.rows = list(table.rows) if table is not None else []
        self.counts = dict(table.counts) if table is not None else {}
        self.today = table.today if table is not None else None
        self.endResetModel()

    def key_of(self, row: OutreachRow) -> int:
        return row.request_id

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        language = current_language()
        if section == self.HOST:
            return _tr(HOST_TITLE)
        if section == self.WAITING:
            return _tr(WAITING_TITLE)
        if section == self.NEXT:
            return _tr(NEXT_TITLE)
        field = {self.MEETING: "item_id", self.CONTACT: "contact_id",
                 self.STATE: "state"}[section]
        return edits.field_title(field, language, "request")

    def text(self, row: OutreachRow, column: int) -> str:
        language = current_language()
        if column == self.HOST:
            return row.host_ja if language == "ja" and row.host_ja else row.host
        if column == self.MEETING:
            if row.meeting_day is None:
                return row.meeting
            return f"{format_day(row.meeting_day, language, short=True)} · {row.meeting}"
        if column == self.CONTACT:
            return row.contact
        if column == self.STATE:
            return state_word(row.shown_state, language)
        if column == self.WAITING:
            return str(row.days_waiting) if row.days_waiting is not None else ""
        return row.next_step_text(language)

    def cell(self, row: OutreachRow, column: int, role: int, index: Index) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            language = current_language()
            if column in (self.STATE, self.WAITING):
                text = row.state_text(language)
                if row.reason:
                    text = f"{text}\n\n{row.reason}"
                return tooltip(text)
            if column == self.CONTACT and row.email:
                return tooltip(f"{row.contact} <{row.email}>")
            return tooltip(self.text(row, column))
        if role == SortRole:
            if column == self.MEETING:
                return (row.meeting_day or date.max).toordinal() * 10_000 + index.row()
            if column == self.WAITING:
                return -1 if row.days_waiting is None else row.days_waiting
            if column == self.STATE:
                return -1 if row.reminder_due else list(STATE_TEXT).index(row.state)
            if column == self.NEXT:  # the order the query gives: what needs doing first
                return index.row()
            return self.text(row, column).casefold()
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.reminder_due and column in (self.STATE, self.WAITING):
                return severity_colour(DUE)
            return None
        if role == Qt.ItemDataRole.BackgroundRole and row.reminder_due:
            return tint(DUE)
        if role == Qt.ItemDataRole.FontRole and column == self.STATE and row.reminder_due:
            return bold()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.WAITING:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class OutreachFilter(RowsFilter):
    """Keeps the requests of one state (a :class:`~planner.model.RequestState` value,
    ``reminder_due`` for the sent ones whose reminder is due, or :data:`ANY`)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.state = ANY

    def set_state(self, state: str) -> None:
        self.refilter(state=state)

    def accepts(self, model: OutreachModel, row: OutreachRow) -> bool:
        if self.state == ANY:
            return True
        if self.state == REMINDER_DUE:
            return row.reminder_due
        return row.state.value == self.state
