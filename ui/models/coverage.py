"""The coverage matrix as a table: a row per learning goal, a column per planned meeting.

The first columns say what the goal is, whose it is, its priority, and how many meetings serve
it ("2 meetings" / "Not covered", with a warning icon, so it is not told by colour alone); then
one narrow column per meeting, in time order, marked ● where the meeting serves the goal and ○
where its host matches the goal but the meeting is not linked to it. Rows of goals no meeting
serves are tinted; the meetings of every other day are shaded, so the days read as bands.

The model holds a :class:`planner.coverage_matrix.CoverageMatrix` (plain values) and is replaced
as a whole when the tour changes (:meth:`CoverageModel.set_matrix`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from planner.coverage_matrix import CoverageMatrix, GoalRow, MeetingColumn
from planner.formatting import format_day
from planner.goals import Match
from planner.model import ItemStatus
from planner.topics import labels
from ui.i18n import current_language
from ui.models.agenda import AgendaModel
from ui.text import fill, titled_tooltip

Index = QModelIndex | QPersistentModelIndex

#: The meeting UID of a meeting column's cells and header (None elsewhere).
UidRole = Qt.ItemDataRole.UserRole + 1
#: The goal id of a row's cells.
GoalRole = Qt.ItemDataRole.UserRole + 2
#: A meeting cell's mark: "serves", "hint" or "".
MarkRole = Qt.ItemDataRole.UserRole + 3

SERVES_MARK = "●"
HINT_MARK = "○"
#: Rows of uncovered goals: a translucent red, readable over light and dark bases alike.
UNCOVERED = QColor(229, 57, 53, 64)
#: Every other day's meetings: a translucent grey band.
DAY_BAND = QColor(128, 128, 128, 30)


#: Qt's translate, by the name lupdate looks for: translate("CoverageModel", "text").
translate = QCoreApplication.translate


def _tr(text: str) -> str:
    return translate("CoverageModel", text)


class CoverageModel(QAbstractTableModel):
    """Goals by meetings; see the module docstring."""

    GOAL, OWNER, PRIORITY, SUMMARY = range(4)
    #: The first meeting column.
    FIRST_MEETING = 4
    COLUMNS = (QT_TRANSLATE_NOOP("CoverageModel", "Learning goal"),
               QT_TRANSLATE_NOOP("CoverageModel", "For"),
               QT_TRANSLATE_NOOP("CoverageModel", "Priority"),
               QT_TRANSLATE_NOOP("CoverageModel", "Served by"))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.language = current_language()
        self.matrix = CoverageMatrix()
        self._bands: list[bool] = []

    # --- contents -----------------------------------------------------------------------------
    def set_matrix(self, matrix: CoverageMatrix) -> None:
        """Show *matrix* instead of what is shown."""
        self.beginResetModel()
        self.matrix = matrix
        self._bands = []
        shade, day = True, None
        for meeting in matrix.meetings:
            if meeting.day != day:
                shade, day = not shade, meeting.day
            self._bands.append(shade)
        self.endResetModel()

    def set_language(self, language: str) -> None:
        """Show goal titles, names and days in *language* (Japanese ones where there are)."""
        self.language = language
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))
        self.retranslate()

    def retranslate(self) -> None:
        """The translated texts changed (the headers say so)."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def day_groups(self) -> list[tuple[int, int, date, bool]]:
        """The meetings' columns day by day: (first column, last column, day, shaded)."""
        groups: list[tuple[int, int, date, bool]] = []
        for n, meeting in enumerate(self.matrix.meetings):
            column = self.FIRST_MEETING + n
            if groups and groups[-1][2] == meeting.day:
                groups[-1] = (groups[-1][0], column, meeting.day, groups[-1][3])
            else:
                groups.append((column, column, meeting.day, self._bands[n]))
        return groups

    def goal_at(self, row: int) -> GoalRow | None:
        goals = self.matrix.goals
        return goals[row] if 0 <= row < len(goals) else None

    def meeting_at(self, column: int) -> MeetingColumn | None:
        """The meeting shown in *column*, or None for the goal's own columns."""
        meetings = self.matrix.meetings
        column -= self.FIRST_MEETING
        return meetings[column] if 0 <= column < len(meetings) else None

    def column_of(self, uid: str) -> int | None:
        """The column of the meeting with *uid*, if it is shown."""
        for n, meeting in enumerate(self.matrix.meetings):
            if meeting.uid == uid:
                return self.FIRST_MEETING + n
        return None

    def row_of(self, goal_id: int) -> int | None:
        return next((n for n, g in enumerate(self.matrix.goals) if g.id == goal_id), None)

    # --- structure ----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.matrix.goals)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.FIRST_MEETING + len(self.matrix.meetings)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # --- texts --------------------------------------------------------------------------------
    def _japanese(self) -> bool:
        return self.language == "ja"

    def goal_title(self, goal: GoalRow) -> str:
        return goal.title_ja if self._japanese() and goal.title_ja else goal.title

    def owner(self, goal: GoalRow) -> str:
        if goal.traveller_id is None:
            return translate("CoverageModel", "Delegation")
        return goal.traveller_ja if self._japanese() and goal.traveller_ja else goal.traveller

    def host(self, meeting: MeetingColumn) -> str:
        return meeting.host_ja if self._japanese() and meeting.host_ja else meeting.host

    def meeting_title(self, meeting: MeetingColumn) -> str:
        return meeting.title_ja if self._japanese() and meeting.title_ja else meeting.title

    def summary(self, goal: GoalRow) -> str:
        """``2 meetings``, ``1 meeting`` or ``Not covered``."""
        count = len(goal.meetings)
        if count == 0:
            return translate("CoverageModel", "Not covered")
        if count == 1:
            return translate("CoverageModel", "1 meeting")
        return translate("CoverageModel", "%n meetings", None, count)

    def when(self, meeting: MeetingColumn) -> str:
        """``Tue 11 May 09:00–10:30``."""
        return f"{format_day(meeting.day, self.language, short=True)} {meeting.time_text}"

    def _status(self, meeting: MeetingColumn) -> str:
        name = AgendaModel.STATUSES.get(meeting.status, meeting.status)
        return QCoreApplication.translate("AgendaModel", str(name))

    def _meeting_lines(self, meeting: MeetingColumn) -> list[str]:
        lines = [self.meeting_title(meeting), f"{self.when(meeting)} · {self.host(meeting)}"]
        if meeting.status is not ItemStatus.CONFIRMED:
            lines.append(fill(translate("CoverageModel", "Status: %1"), self._status(meeting)))
        return lines

    def match_text(self, found: Match) -> str:
        """Why the meeting's host matches a goal, in the window's language."""
        score = f"{found.score:.0%}"
        if found.overridden:
            return fill(translate("CoverageModel", "Host match %1, set by the coordinator"),
                        score)
        parts = []
        if found.topics:
            parts.append(fill(translate("CoverageModel", "matches on %1"),
                              ", ".join(labels(found.topics, self.language))))
        if found.mentioned:
            parts.append(fill(translate("CoverageModel", "its description mentions %1"),
                              ", ".join(labels(found.mentioned, self.language))))
        if found.kind_fits:
            parts.append(translate("CoverageModel", "its kind fits the goal"))
        return fill(translate("CoverageModel", "Host match %1: %2"), score, "; ".join(parts))

    def _goal_tooltip(self, goal: GoalRow) -> str:
        lines = [self.goal_title(goal),
                 fill(translate("CoverageModel", "%1 · priority %2 of 5"), self.owner(goal),
                      goal.priority)]
        if not goal.covered:
            lines.append(translate("CoverageModel",
                                   "Not covered: no planned meeting serves this goal."))
            return titled_tooltip(lines)
        lines.append(translate("CoverageModel", "Served by:"))
        by_uid = {m.uid: m for m in self.matrix.meetings}
        for uid in goal.meetings:
            meeting = by_uid.get(uid)
            if meeting is not None:
                lines.append(f"• {self.meeting_title(meeting)} · {self.when(meeting)}")
        return titled_tooltip(lines)

    def _cell_tooltip(self, goal: GoalRow, meeting: MeetingColumn) -> str:
        lines = self._meeting_lines(meeting)
        title = self.goal_title(goal)
        if self.matrix.serves(goal.id, meeting.uid):
            lines.append(fill(translate("CoverageModel", "Serves “%1”"), title))
        elif self.matrix.hint(goal.id, meeting.uid):
            lines.append(fill(translate("CoverageModel", "Could serve “%1”: the host matches it, "
                                        "but the meeting is not linked to it"), title))
        else:
            lines.append(fill(translate("CoverageModel", "Does not serve “%1”"), title))
        found = self.matrix.matches.get((goal.id, meeting.uid))
        if found is not None:
            lines.append(self.match_text(found))
        return titled_tooltip(lines)

    # --- data ---------------------------------------------------------------------------------
    def mark(self, goal: GoalRow, meeting: MeetingColumn) -> str:
        if self.matrix.serves(goal.id, meeting.uid):
            return "serves"
        return "hint" if self.matrix.hint(goal.id, meeting.uid) else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        goal = self.goal_at(index.row()) if index.isValid() else None
        if goal is None:
            return None
        column = index.column()
        meeting = self.meeting_at(column)
        if role == GoalRole:
            return goal.id
        if role == Qt.ItemDataRole.BackgroundRole:
            if not goal.covered:
                return UNCOVERED
            if meeting is not None and self._bands[column - self.FIRST_MEETING]:
                return DAY_BAND
            return None
        if meeting is None:
            return self._goal_data(goal, column, role)
        if role == UidRole:
            return meeting.uid
        mark = self.mark(goal, meeting)
        if role == MarkRole:
            return mark
        if role == Qt.ItemDataRole.DisplayRole:
            return {"serves": SERVES_MARK, "hint": HINT_MARK}.get(mark, "")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return {"serves": translate("CoverageModel", "serves"),
                    "hint": translate("CoverageModel", "could serve")}.get(mark, "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._cell_tooltip(goal, meeting)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ForegroundRole and mark == "hint":
            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None

    def _goal_data(self, goal: GoalRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.GOAL:
                return self.goal_title(goal)
            if column == self.OWNER:
                return self.owner(goal)
            if column == self.PRIORITY:
                return str(goal.priority)
            return self.summary(goal)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._goal_tooltip(goal)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.PRIORITY:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.DecorationRole and column == self.SUMMARY \
                and not goal.covered and isinstance(QCoreApplication.instance(), QApplication):
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.FontRole and not goal.covered \
                and column in (self.GOAL, self.SUMMARY):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or section < 0:
            return None
        meeting = self.meeting_at(section)
        if meeting is None:
            if role == Qt.ItemDataRole.DisplayRole and section < len(self.COLUMNS):
                return _tr(str(self.COLUMNS[section]))
            if role == Qt.ItemDataRole.ToolTipRole and section == self.PRIORITY:
                return translate("CoverageModel",
                                 "Priority, from 1 (nice to have) to 5 (the reason to come)")
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.host(meeting)
        if role == UidRole:
            return meeting.uid
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = self._meeting_lines(meeting)
            served = [self.goal_title(g) for g in self.matrix.goals if meeting.uid in g.meetings]
            lines.append(translate("CoverageModel", "Serves:") if served
                         else translate("CoverageModel", "Serves no learning goal"))
            lines += [f"• {title}" for title in served]
            return titled_tooltip(lines)
        if role == Qt.ItemDataRole.FontRole and \
                meeting.status in (ItemStatus.IDEA, ItemStatus.REQUESTED):
            font = QFont()
            font.setItalic(True)  # not confirmed yet
            return font
        return None
