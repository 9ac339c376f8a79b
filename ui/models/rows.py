"""What the read-on-a-worker tables (follow-ups, outreach) share: a model over frozen rows replaced
as a whole after every read, and a filter that sorts by :data:`SortRole` and keeps the rows a
subclass accepts.

A subclass says how many :attr:`RowsModel.COLUMNS` it has, what a row's key is
(:meth:`RowsModel.key_of`) and what each cell says (``data``); a filter says which rows it keeps
(:meth:`RowsFilter.accepts`).
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from planner.feasibility import Severity
from ui.severity import severity_colour

Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")

#: The role that gives a cell's value for sorting (a number or folded text).
SortRole = Qt.ItemDataRole.UserRole + 1
#: The role that gives a row's key.
KeyRole = Qt.ItemDataRole.UserRole + 2


def tint(severity: Severity) -> QColor:
    """A row's background in *severity*'s colour: a tint under text that stays readable."""
    colour = severity_colour(severity)
    colour.setAlpha(36)
    return colour


def bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class RowsModel(QAbstractTableModel, Generic[R]):
    """Rows as read (replaced as a whole after every read)."""

    #: How many columns the table has.
    COLUMNS = 0

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[R] = []

    def key_of(self, row: R) -> int:
        """The key of the record *row* shows."""
        raise NotImplementedError

    def text(self, row: R, column: int) -> str:
        """What the cell of *row* in *column* says."""
        raise NotImplementedError

    def cell(self, row: R, column: int, role: int, index: Index) -> Any:
        """The cell's data in *role* other than its text and its row's key."""
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, index.column())
        if role == KeyRole:
            return self.key_of(row)
        return self.cell(row, index.column(), role, index)

    def relabel(self) -> None:
        """The language changed: every header and word again."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.rows) - 1, self.COLUMNS - 1))

    def row_at(self, row: int) -> R | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMNS


class RowsFilter(QSortFilterProxyModel):
    """Sorts by :data:`SortRole` and keeps the rows :meth:`accepts` keeps."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)

    def refilter(self, **choices: Any) -> None:
        """Set the filter's *choices* (its attributes) and filter again."""
        self.beginFilterChange()
        for name, value in choices.items():
            setattr(self, name, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def accepts(self, model: Any, row: Any) -> bool:
        """Whether *row* of *model* is kept."""
        return True

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, RowsModel)
        row = model.row_at(source_row)
        return row is not None and self.accepts(model, row)
