"""The feasibility findings as a table: day, severity, what is wrong, what to do."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from planner.feasibility import Finding, Severity
from planner.formatting import format_day
from planner.messages import N_, translate
from ui.i18n import current_language
from ui.models.readonly import ReadOnlyColumns
from ui.severity import severity_colour
from ui.text import tooltip

Index = QModelIndex | QPersistentModelIndex

#: Severity names as the window shows them (marked here for translation).
_SEVERITY_NAMES = {Severity.ERROR: QT_TRANSLATE_NOOP("FindingsModel", "error"),
                   Severity.WARNING: QT_TRANSLATE_NOOP("FindingsModel", "warning"),
                   Severity.INFO: QT_TRANSLATE_NOOP("FindingsModel", "note")}


class FindingsModel(ReadOnlyColumns, QAbstractTableModel):
    """Read-only table over a list of findings (replaced as a whole after every check)."""

    COLUMNS = (QT_TRANSLATE_NOOP("Columns", "Day"), QT_TRANSLATE_NOOP("Columns", "Severity"),
               QT_TRANSLATE_NOOP("Columns", "Finding"), QT_TRANSLATE_NOOP("Columns", "Suggestion"))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.language = current_language()
        self._findings: list[Finding] = []

    def set_language(self, language: str) -> None:
        """Show the findings (and the days) in *language*."""
        self.language = language
        if self._findings:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._findings) - 1, len(self.COLUMNS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)

    def set_findings(self, findings: list[Finding]) -> None:
        self.beginResetModel()
        self._findings = list(findings)
        self.endResetModel()

    def finding_at(self, index: Index) -> Finding | None:
        if not index.isValid() or not 0 <= index.row() < len(self._findings):
            return None
        return self._findings[index.row()]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._findings)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        finding = self.finding_at(index)
        if finding is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(str(self.data(index, Qt.ItemDataRole.DisplayRole) or ""))
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                if finding.day is None:  # a finding of the whole tour (an overdue follow-up)
                    return translate(N_("Whole tour"), self.language)
                return format_day(finding.day, self.language, short=True)
            if column == 1:
                return QCoreApplication.translate("FindingsModel",
                                                  str(_SEVERITY_NAMES[finding.severity]))
            if column == 2:
                return finding.message(self.language)
            return finding.suggestion(self.language)
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return severity_colour(finding.severity)
        return None
