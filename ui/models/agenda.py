"""The agenda as a two-level tree: days, and the items of each day in local time."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from planner.formatting import day_cities, item_place_text, item_time_text
from planner.model import AgendaItem
from planner.queries import items_by_day
from ui.models.readonly import ReadOnlyColumns

Index = QModelIndex | QPersistentModelIndex

_NO_PARENT = 0xFFFFFFFF  # internalId of a day row; item rows carry their day's row number


class AgendaModel(ReadOnlyColumns, QAbstractItemModel):
    """Read-only tree model: top-level rows are days, their children the agenda items."""

    COLUMNS = ("Time", "Item", "Where", "Attendees", "Status")

    def __init__(self, items: list[AgendaItem], delegation_size: int, parent: Any = None) -> None:
        super().__init__(parent)
        self.delegation_size = delegation_size
        self._days: list[date] = []
        self._items: list[list[AgendaItem]] = []
        self.set_items(items)

    def set_items(self, items: list[AgendaItem]) -> None:
        """Replace the whole agenda (items in time order)."""
        self.beginResetModel()
        grouped = items_by_day(items)
        self._days = list(grouped)
        self._items = [grouped[day] for day in self._days]
        self.endResetModel()

    # --- structure ----------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _NO_PARENT)
        return self.createIndex(row, column, parent.row())

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not child.isValid() or child.internalId() == _NO_PARENT:
            return QModelIndex()
        return self.createIndex(int(child.internalId()), 0, _NO_PARENT)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._days)
        if parent.internalId() == _NO_PARENT and parent.column() == 0:
            return len(self._items[parent.row()])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(self.COLUMNS)

    # --- content ------------------------------------------------------------------------------
    def item_at(self, index: Index) -> AgendaItem | None:
        """The agenda item behind *index*, or None for a day row."""
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return None
        return self._items[int(index.internalId())][index.row()]

    def index_of(self, uid: str) -> QModelIndex:
        """The index (column 0) of the item with *uid*, or an invalid index."""
        for day_row, day_items in enumerate(self._items):
            for row, item in enumerate(day_items):
                if item.uid == uid:
                    return self.index(row, 0, self.index(day_row, 0))
        return QModelIndex()

    def day_at(self, index: Index) -> date | None:
        """The day of *index* (a day row or one of its items)."""
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == _NO_PARENT else int(index.internalId())
        return self._days[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.item_at(index)
        if item is None:
            return self._day_data(index, role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._item_text(item, index.column())
        return None

    def _day_data(self, index: Index, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or index.column() != 0:
            return None
        day = self._days[index.row()]
        cities = day_cities(self._items[index.row()])
        return f"{day:%a %d %b %Y}" + (f" · {' / '.join(cities)}" if cities else "")

    def _item_text(self, item: AgendaItem, column: int) -> str:
        if column == 0:
            return item_time_text(item)
        if column == 1:
            return item.title
        if column == 2:
            return item_place_text(item)
        if column == 3:
            if self.delegation_size and len(item.attendees) == self.delegation_size:
                return self.tr("Everyone ({count})").format(count=self.delegation_size)
            return ", ".join(t.name for t in item.attendees)
        return str(item.status.value).capitalize()
