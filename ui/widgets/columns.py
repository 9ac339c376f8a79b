"""Record tables' column widths: each column as wide as what it typically holds, measured with
the table's font (never ``ResizeToContents``, which measures every row after every change and
froze the window for seconds on a big tour), and one column (a goal's title, a name) taking the
room the others leave, never narrower than its typical text.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QTableView

from ui.models.records import Column

#: Cell margins and a little air around a cell's text.
PADDING = 16
#: Room for the sort arrow beside a header's title.
SORT_ARROW = 20


class ColumnWidths(QObject):
    """Sizes *table*'s columns (the model's *columns*) from the font; the user may still drag
    any of them. The sizes follow the window's language (a Japanese title is wider)."""

    def __init__(self, table: QTableView, columns: Sequence[Column]) -> None:
        super().__init__(table)
        self.table = table
        self.columns = columns
        self.header = table.horizontalHeader()
        self.header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.header.setStretchLastSection(False)
        #: The column that takes the room left over (None: the last one stretches).
        self.room = next((n for n, c in enumerate(columns) if c.room and c.listed), None)
        if self.room is None:
            self.header.setStretchLastSection(True)
        self._least: dict[int, int] = {}
        self._filling = False
        self._viewport = table.viewport()
        self.measure()
        self.header.sectionResized.connect(self._resized)
        self._viewport.installEventFilter(self)
        table.installEventFilter(self)

    def typical_width(self, section: int) -> int:
        """How wide *section* should be: its typical text, its longest choice and its title
        (in the window's language) all fit."""
        column = self.columns[section]
        cells = self.table.fontMetrics()
        title = column.heading()
        widths = [cells.horizontalAdvance(text) + PADDING for text in column.samples()]
        widths.append(self.header.fontMetrics().horizontalAdvance(title) + PADDING + SORT_ARROW)
        return max(widths)

    def measure(self, grow_only: bool = False) -> None:
        """Give every column its typical width (*grow_only*: never narrower than it is now,
        so a column the user widened stays so)."""
        for section in range(len(self.columns)):
            width = self.typical_width(section)
            self._least[section] = width
            if grow_only and section != self.room:
                width = max(width, self.header.sectionSize(section))
            self._set(section, width)
        self.fill()

    def fill(self) -> None:
        """The room column takes what the others leave of the table's width (at least its
        typical width: a scroll bar rather than a squeezed title)."""
        if self.room is None:
            return
        others = sum(self.header.sectionSize(n) for n in range(self.header.count())
                     if n != self.room and not self.header.isSectionHidden(n))
        self._set(self.room, max(self._least[self.room], self._viewport.width() - others))

    def _set(self, section: int, width: int) -> None:
        if self.header.sectionSize(section) == width:
            return
        self._filling = True
        try:
            self.header.resizeSection(section, width)
        finally:
            self._filling = False

    def _resized(self, section: int, _old: int, new: int) -> None:
        if self._filling:
            return
        if section == self.room:
            self._least[section] = new  # the user's width, kept when the table narrows
        else:
            self.fill()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Resize and watched is self._viewport:
            self.fill()
        elif kind == QEvent.Type.LanguageChange and watched is self.table:
            self.measure(grow_only=True)
        return False
