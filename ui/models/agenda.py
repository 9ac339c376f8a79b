"""The agenda as a two-level tree: days, and the items of each day in local time.

The start time and the title are edited in place: a new start keeps the item's length and becomes
a :class:`ui.commands.MoveItem`; a new title a :class:`ui.commands.SetField`. When the document
reports items changed, each is taken out and put back where its (new) time belongs, with the
proper row signals, so selections and expanded days survive edits.
"""

from __future__ import annotations

import bisect
import re
from datetime import date, datetime, time
from typing import Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
)

from planner.feasibility import Finding, Severity, worst_by_item
from planner.formatting import (
    attendees_text,
    day_cities,
    format_day,
    item_place_text,
    item_time_text,
)
from planner.model import AgendaItem
from planner.timezones import to_local
from planner.travel import TravelSettings
from ui import commands
from ui.document import TourDocument
from ui.i18n import current_language
from ui.severity import severity_colour
from ui.text import fill, tooltip

Index = QModelIndex | QPersistentModelIndex

_DAY_ROW = 0xFFFFFFFF  # internalId of a day row; an item row carries its day's ordinal


def _tr(text: str) -> str:
    return QCoreApplication.translate("AgendaModel", text)


def _order(item: AgendaItem) -> tuple[datetime, datetime, int]:
    return (item.start, item.end, item.id)


class AgendaModel(QAbstractItemModel):
    """Tree model: top-level rows are days, their children the agenda items of that day."""

    COLUMNS = (QT_TRANSLATE_NOOP("AgendaModel", "Time"), QT_TRANSLATE_NOOP("AgendaModel", "Item"),
               QT_TRANSLATE_NOOP("AgendaModel", "Where"),
               QT_TRANSLATE_NOOP("AgendaModel", "Attendees"),
               QT_TRANSLATE_NOOP("AgendaModel", "Status"))
    #: Item statuses as the window shows them.
    STATUSES: ClassVar[dict[str, Any]] = {"idea": QT_TRANSLATE_NOOP("AgendaModel", "Idea"),
                "requested": QT_TRANSLATE_NOOP("AgendaModel", "Requested"),
                "confirmed": QT_TRANSLATE_NOOP("AgendaModel", "Confirmed"),
                "cancelled": QT_TRANSLATE_NOOP("AgendaModel", "Cancelled")}
    TIME, TITLE, WHERE, ATTENDEES, STATUS = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.document: TourDocument | None = None
        self.language = current_language()
        self.delegation_size = 0
        self._days: list[date] = []
        self._items: dict[date, list[AgendaItem]] = {}
        self._marks: dict[str, Severity] = {}
        #: The tour's travel settings (which days the delegation may split), kept current.
        self._settings = TravelSettings()

    # --- the document -------------------------------------------------------------------------
    def set_document(self, document: TourDocument | None, items: list[AgendaItem],
                     delegation_size: int) -> None:
        if self.document is not None:
            self.document.records_changed.disconnect(self._records_changed)
            self.document.tour_changed.disconnect(self._tour_changed)
        self.beginResetModel()
        self.document = document
        self._settings = TravelSettings() if document is None \
            else TravelSettings.from_json(document.tour.travel_settings)
        self.delegation_size = delegation_size
        self._items = {}
        for item in sorted(items, key=_order):
            self._items.setdefault(item.day, []).append(item)
        self._days = sorted(self._items)
        self.endResetModel()
        if document is not None:
            document.records_changed.connect(self._records_changed)
            document.tour_changed.connect(self._tour_changed)

    def _tour_changed(self) -> None:
        """The tour's fields changed: a day's rule on splitting the delegation may have."""
        assert self.document is not None
        old, self._settings = self._settings, TravelSettings.from_json(
            self.document.tour.travel_settings)
        if (old.split_delegation, old.split_days) != (self._settings.split_delegation,
                                                      self._settings.split_days) and self._days:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._days) - 1, 0))

    def set_delegation_size(self, size: int) -> None:
        """The delegation grew or shrank: "Everyone (N)" is counted again."""
        if size == self.delegation_size:
            return
        self.delegation_size = size
        for day_row, day in enumerate(self._days):
            parent = self.index(day_row, 0)
            self.dataChanged.emit(self.index(0, self.ATTENDEES, parent),
                                  self.index(len(self._items[day]) - 1, self.ATTENDEES, parent),
                                  [Qt.ItemDataRole.DisplayRole])

    def set_language(self, language: str) -> None:
        self.language = language
        if self._days:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._days) - 1, 0))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)

    def set_findings(self, findings: list[Finding]) -> None:
        """Mark the items that have findings (the worst severity colours the time).

        Only the time cells whose mark changed are announced, one signal per day and for the
        foreground role alone: views re-measure what a signal covers.
        """
        document = self.document
        # the document's marks are computed once per change (the timeline reads them too)
        marks = document.marks if document is not None and findings is document.findings \
            else worst_by_item(findings)
        changed = {uid for uid, _ in set(marks.items()) ^ set(self._marks.items())}
        self._marks = marks
        if not changed:
            return
        for day_row, day in enumerate(self._days):
            rows = [row for row, item in enumerate(self._items[day]) if item.uid in changed]
            if rows:
                parent = self.index(day_row, 0)
                self.dataChanged.emit(self.index(min(rows), self.TIME, parent),
                                      self.index(max(rows), self.TIME, parent),
                                      [Qt.ItemDataRole.ForegroundRole])

    def _records_changed(self, kind: str, keys: list[int]) -> None:
        if kind != "item" or self.document is None:
            return
        fresh = self.document.load("item", keys)
        wanted = set(keys)
        where = {item.id: (day, item) for day in self._days for item in self._items[day]
                 if item.id in wanted}
        for key in keys:
            old = where.get(key)
            new = fresh.get(key)
            if old is not None and new is not None and old[0] == new.day:
                self._reorder(old[0], old[1], new)
            else:
                if old is not None:
                    self._take(*old)
                if new is not None:
                    self._put(new)

    def _reorder(self, day: date, old: AgendaItem, new: AgendaItem) -> None:
        """Replace an item that stays on its day, moving its row if its time order changed
        (a move keeps an open editor on it, where a remove would close it mid-commit)."""
        rows = self._items[day]
        row = rows.index(old)
        rest = rows[:row] + rows[row + 1:]
        target = bisect.bisect([_order(i) for i in rest], _order(new))
        parent = self.index(self._days.index(day), 0)
        if target != row:
            # beginMoveRows counts the destination before the row is taken out
            self.beginMoveRows(parent, row, row, parent, target + 1 if target > row else target)
            rows[:] = [*rest[:target], new, *rest[target:]]
            self.endMoveRows()
        else:
            rows[row] = new
        self.dataChanged.emit(self.index(target, 0, parent),
                              self.index(target, len(self.COLUMNS) - 1, parent))

    def _take(self, day: date, item: AgendaItem) -> None:
        day_row = self._days.index(day)
        row = self._items[day].index(item)
        self.beginRemoveRows(self.index(day_row, 0), row, row)
        del self._items[day][row]
        self.endRemoveRows()
        if not self._items[day]:
            self.beginRemoveRows(QModelIndex(), day_row, day_row)
            del self._days[day_row]
            del self._items[day]
            self.endRemoveRows()

    def _put(self, item: AgendaItem) -> None:
        day = item.day
        if day not in self._items:
            day_row = bisect.bisect(self._days, day)
            self.beginInsertRows(QModelIndex(), day_row, day_row)
            self._days.insert(day_row, day)
            self._items[day] = []
            self.endInsertRows()
        day_row = self._days.index(day)
        rows = self._items[day]
        row = bisect.bisect([_order(i) for i in rows], _order(item))
        self.beginInsertRows(self.index(day_row, 0), row, row)
        rows.insert(row, item)
        self.endInsertRows()

    # --- structure ----------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _DAY_ROW)
        return self.createIndex(row, column, self._days[parent.row()].toordinal())

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not child.isValid() or child.internalId() == _DAY_ROW:
            return QModelIndex()
        day = date.fromordinal(int(child.internalId()))
        return self.createIndex(self._days.index(day), 0, _DAY_ROW)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._days)
        if parent.internalId() == _DAY_ROW and parent.column() == 0:
            return len(self._items[self._days[parent.row()]])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(str(self.COLUMNS[section]))
        return None

    # --- content ------------------------------------------------------------------------------
    def item_at(self, index: Index) -> AgendaItem | None:
        """The agenda item behind *index*, or None for a day row."""
        if not index.isValid() or index.internalId() == _DAY_ROW:
            return None
        return self._items[date.fromordinal(int(index.internalId()))][index.row()]

    def index_of(self, uid: str) -> QModelIndex:
        """The index (column 0) of the item with *uid*, or an invalid index."""
        for day_row, day in enumerate(self._days):
            for row, item in enumerate(self._items[day]):
                if item.uid == uid:
                    return self.index(row, 0, self.index(day_row, 0))
        return QModelIndex()

    def day_at(self, index: Index) -> date | None:
        """The day of *index* (a day row or one of its items)."""
        if not index.isValid():
            return None
        if index.internalId() == _DAY_ROW:
            return self._days[index.row()]
        return date.fromordinal(int(index.internalId()))

    def all_items(self) -> list[AgendaItem]:
        return [item for day in self._days for item in self._items[day]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.item_at(index)
        if item is None:
            return self._day_data(index, role)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._item_text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(self._item_text(item, column))
        if role == Qt.ItemDataRole.EditRole:
            if column == self.TIME:
                local = item.local_start
                return QTime(local.hour, local.minute)
            if column == self.TITLE:
                return item.title
        if role == Qt.ItemDataRole.ForegroundRole and column == self.TIME:
            severity = self._marks.get(item.uid)
            if severity in (Severity.ERROR, Severity.WARNING):
                return severity_colour(severity)
        return None

    def _day_data(self, index: Index, role: int) -> Any:
        if index.column() != 0:
            return None
        day = self._days[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._split_tip(day)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        cities = day_cities(self._items[day])
        text = format_day(day, self.language) + (f" · {' / '.join(cities)}" if cities else "")
        if self._settings.may_split(day):
            text += " · " + QCoreApplication.translate("AgendaModel", "may split")
        return text

    def _split_tip(self, day: date) -> str | None:
        """What a day row's "may split" says (nothing on a day the delegation stays
        together)."""
        if not self._settings.may_split(day):
            return None
        if self._settings.day_choice(day) is not None:
            return QCoreApplication.translate(
                "AgendaModel", "Planning may split the delegation into groups on this day when "
                               "travellers' goals differ (this day's own choice; right-click "
                               "the day to change it)")
        return QCoreApplication.translate(
            "AgendaModel", "Planning may split the delegation into groups on this day when "
                           "travellers' goals differ (the tour's travel setting; right-click "
                           "the day to change it for this day)")

    def _item_text(self, item: AgendaItem, column: int) -> str:
        if column == self.TIME:
            return item_time_text(item)
        if column == self.TITLE:
            return item.title_ja if self.language == "ja" and item.title_ja else item.title
        if column == self.WHERE:
            return item_place_text(item)
        if column == self.ATTENDEES:
            everyone = QCoreApplication.translate("AgendaModel", "Everyone (%1)")
            return attendees_text(item, self.delegation_size,
                                  fill(everyone, str(self.delegation_size)),
                                  self.language)
        status = str(item.status.value)
        return _tr(str(self.STATUSES.get(status, status.capitalize())))

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        item = self.item_at(index)
        if item is not None and self.document is not None and index.column() == self.TITLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        if item is not None and self.document is not None and index.column() == self.TIME \
                and not item.locked:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # --- editing ------------------------------------------------------------------------------
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        item = self.item_at(index)
        if item is None or self.document is None or role != Qt.ItemDataRole.EditRole:
            return False
        if index.column() == self.TITLE:
            if str(value) == item.title:
                return True
            return commands.execute(commands.SetField(self.document, "item", item.id, "title",
                                                      value, item.title))
        if index.column() == self.TIME:
            clock = _clock(value)
            if clock is None:
                self.document.edit_failed.emit(
                    fill(QCoreApplication.translate(
                        "AgendaModel", "%1 is not a time of day (write it as 14:30)"), str(value)))
                return False
            local = to_local(item.start, item.zone)
            start = local.replace(hour=clock.hour, minute=clock.minute, second=0, microsecond=0)
            if start == local:
                return True
            return commands.execute(commands.MoveItem(
                self.document, item.uid, start, start + (item.end - item.start), item.title))
        return False


def _clock(value: Any) -> time | None:
    if isinstance(value, QTime):
        return time(value.hour(), value.minute()) if value.isValid() else None
    if isinstance(value, time):
        return value
    found = re.fullmatch(r"\s*(\d{1,2})[:.h]?(\d{2})\s*", str(value))
    if found and int(found[1]) < 24 and int(found[2]) < 60:
        return time(int(found[1]), int(found[2]))
    return None
