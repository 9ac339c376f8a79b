"""The coverage view: which learning goals the planned meetings serve, and which none does.

A matrix of goals (rows) by meetings (columns, headed by their hosts' names written upwards),
for the whole delegation or one traveller (their goals and the delegation's, and the meetings
they attend). Clicking a marked cell or a meeting's header selects that meeting in every view;
clicking a goal selects all the meetings that serve it; meetings selected elsewhere are
highlighted here. The matrix is read again (a few milliseconds) after any edit of the agenda,
the goals, the travellers or the organisations, once per burst of change notices.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QPainter,
    QPaintEvent,
    QPalette,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QStyleOptionHeader,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.coverage_matrix import CoverageMatrix, coverage_matrix
from planner.formatting import format_day
from planner.queries import records
from ui.document import TourDocument
from ui.i18n import current_language
from ui.models.coverage import DAY_BAND, HINT_MARK, SERVES_MARK, CoverageModel
from ui.operations import Operations
from ui.selection import Selection
from ui.text import fill
from ui.views.reading import Reader

Index = QModelIndex | QPersistentModelIndex

#: The kinds of record whose changes change the matrix.
WATCHED = frozenset({"item", "goal", "traveller", "organisation"})


class MeetingHeader(QHeaderView):
    """The matrix's column header: the goal's columns as usual, each meeting's host written
    upwards in a narrow column (elided past :attr:`LONGEST` pixels; the tooltip has it all)."""

    LONGEST = 160
    MARGIN = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(True)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)

    def _upright(self, logical: int) -> bool:
        return logical < CoverageModel.FIRST_MEETING

    def _font(self, logical: int) -> QFont:
        font = QFont(self.font())
        model = self.model()
        styled = model.headerData(logical, Qt.Orientation.Horizontal,
                                  Qt.ItemDataRole.FontRole) if model is not None else None
        if isinstance(styled, QFont):
            font.setItalic(styled.italic())
        return font

    def _text(self, logical: int) -> str:
        model = self.model()
        text = model.headerData(logical, Qt.Orientation.Horizontal) if model is not None else ""
        return str(text or "")

    def sectionSizeFromContents(self, logical: int) -> QSize:
        if self._upright(logical):
            return super().sectionSizeFromContents(logical)
        font = self._font(logical)
        font.setBold(True)  # a highlighted section is bold; keep the size the same
        metrics = QFontMetrics(font)
        length = min(metrics.horizontalAdvance(self._text(logical)), self.LONGEST)
        return QSize(metrics.height() + 2 * self.MARGIN,
                     length + 3 * self.MARGIN + self._strip_height())

    def _strip_height(self) -> int:
        """The strip on top that names the day of each group of meetings."""
        return self.fontMetrics().height() + self.MARGIN

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        if self._upright(logical) or not rect.isValid():
            super().paintSection(painter, rect, logical)
            return
        option = QStyleOptionHeader()
        self.initStyleOptionForIndex(option, logical)
        option.rect = rect
        option.text = ""
        option.icon = QIcon()
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        chosen = self._chosen(logical)
        font = self._font(logical)
        font.setBold(chosen)
        painter.save()
        if chosen:
            band = QColor(self.palette().color(QPalette.ColorRole.Highlight))
            band.setAlpha(90)
            painter.fillRect(rect.adjusted(1, 1, -1, -1), band)
        painter.setFont(font)
        painter.setPen(self.palette().color(QPalette.ColorRole.ButtonText))
        painter.translate(rect.left(), rect.bottom())
        painter.rotate(-90)  # x now runs up the section, y across it
        room = QRect(self.MARGIN, 0, rect.height() - 2 * self.MARGIN - self._strip_height(),
                     rect.width())
        text = QFontMetrics(font).elidedText(self._text(logical), Qt.TextElideMode.ElideRight,
                                            room.width())
        painter.drawText(room, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         text)
        painter.restore()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if not isinstance(model, CoverageModel) or not model.matrix.meetings:
            return
        painter = QPainter(self.viewport())
        height = self._strip_height()
        line = self.palette().color(QPalette.ColorRole.Mid)
        for first, last, day, shaded in model.day_groups():
            left = self.sectionViewportPosition(first)
            right = self.sectionViewportPosition(last) + self.sectionSize(last)
            strip = QRect(left, 0, right - left, height)
            painter.fillRect(strip, self.palette().color(QPalette.ColorRole.Button))
            if shaded:
                painter.fillRect(strip, DAY_BAND)
            painter.setPen(line)
            painter.drawLine(strip.bottomLeft(), strip.bottomRight())
            painter.drawLine(left, 0, left, self.height())
            painter.setPen(self.palette().color(QPalette.ColorRole.ButtonText))
            metrics = self.fontMetrics()
            room = strip.adjusted(2, 0, -2, 0)
            for text in (format_day(day, model.language, short=True), str(day.day)):
                if metrics.horizontalAdvance(text) <= room.width():
                    painter.drawText(room, int(Qt.AlignmentFlag.AlignCenter), text)
                    break
        painter.end()

    def _chosen(self, logical: int) -> bool:
        selection = self.selectionModel()
        return selection is not None and bool(
            selection.columnIntersectsSelection(logical, QModelIndex()))


class CoverageView(QWidget):
    """Goals by meetings, for the whole delegation or one traveller (see the module docstring).
    """

    #: The matrix was read again and is shown.
    refreshed = Signal()

    def __init__(self, selection: Selection, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coverageView")
        self.selection = selection
        self.document: TourDocument | None = None
        self.language = current_language()
        self._travellers: list[tuple[int, str, str]] = []
        self.model = CoverageModel(self)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)
        self.reader = Reader(self, self.tr("Reading the coverage"), operations)
        self._build()
        self.selection.changed.connect(self._selection_changed)
        self.retranslate()

    def _build(self) -> None:
        self.traveller_label = QLabel(self)
        self.traveller_box = QComboBox(self)
        self.traveller_box.setObjectName("coverageTraveller")
        self.traveller_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.traveller_box.addItem("", None)
        self.traveller_box.currentIndexChanged.connect(self._traveller_chosen)
        self.traveller_label.setBuddy(self.traveller_box)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("coverageSummary")
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setWordWrap(True)
        self.legend = QLabel(self)
        self.legend.setTextFormat(Qt.TextFormat.PlainText)
        self.legend.setWordWrap(True)
        self.legend.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        bar = QHBoxLayout()
        bar.addWidget(self.traveller_label)
        bar.addWidget(self.traveller_box)
        bar.addSpacing(12)
        bar.addWidget(self.summary_label, 1)

        self.table = QTableView(self)
        self.table.setObjectName("coverageTable")
        self.header = MeetingHeader(self.table)
        self.table.setHorizontalHeader(self.header)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        # The selection shows the selected meetings' columns; clicks choose meetings instead
        # of selecting cells (see _cell_clicked).
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.clicked.connect(self._cell_clicked)
        self.table.activated.connect(self._cell_clicked)
        self.table.viewport().installEventFilter(self)
        self.header.sectionClicked.connect(self._header_clicked)
        self.header.sectionResized.connect(self._column_resized)
        self.header.geometriesChanged.connect(self._place_goal_table)
        self._build_goal_table()
        self.model.modelReset.connect(self._lay_out_columns)
        #: The goal column's width once the user has chosen one (else it fits the room).
        self._goal_width: int | None = None
        self._fitting = False
        self._lay_out_columns()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.legend)

    def _build_goal_table(self) -> None:
        """The goal titles stay in place while the meetings scroll sideways: a second view of
        the model over the table's first column (Qt's "frozen column" arrangement)."""
        goals = QTableView(self.table)
        goals.setObjectName("coverageGoals")
        goals.setModel(self.model)
        goals.setSelectionModel(self.table.selectionModel())
        goals.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        goals.verticalHeader().hide()
        goals.verticalHeader().setDefaultSectionSize(
            self.table.verticalHeader().defaultSectionSize())
        goals.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft
                                                     | Qt.AlignmentFlag.AlignBottom)
        goals.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        goals.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        goals.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        goals.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        goals.setWordWrap(False)
        goals.setTextElideMode(Qt.TextElideMode.ElideRight)
        goals.setFrameShape(QFrame.Shape.NoFrame)
        goals.clicked.connect(self._cell_clicked)
        goals.activated.connect(self._cell_clicked)
        goals.horizontalHeader().sectionResized.connect(self._goal_column_dragged)
        goals.verticalScrollBar().valueChanged.connect(self.table.verticalScrollBar().setValue)
        self.table.verticalScrollBar().valueChanged.connect(goals.verticalScrollBar().setValue)
        self.table.viewport().stackUnder(goals)
        self.goal_table = goals

    def _place_goal_table(self) -> None:
        goals, header = self.goal_table, self.header
        for column in range(self.model.columnCount()):
            goals.setColumnHidden(column, column != CoverageModel.GOAL)
        width = header.sectionSize(CoverageModel.GOAL) if self.model.columnCount() else 0
        goals.setColumnWidth(CoverageModel.GOAL, width)
        goals.horizontalHeader().setFixedHeight(header.height())
        frame = self.table.frameWidth()
        goals.setGeometry(frame, frame, width, header.height() + self.table.viewport().height())
        goals.setVisible(width > 0)

    def _goal_column_dragged(self, logical: int, _old: int, new: int) -> None:
        if logical == CoverageModel.GOAL and new != self.header.sectionSize(logical):
            self.header.resizeSection(logical, new)  # the table follows the goal table

    def _lay_out_columns(self) -> None:
        header = self.header
        metrics = QFontMetrics(self.table.font())
        header.setMinimumSectionSize(metrics.height() + 8)
        header.setDefaultSectionSize(metrics.height() + 12)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        if self.model.columnCount() < CoverageModel.FIRST_MEETING:
            return
        header.setSectionResizeMode(CoverageModel.GOAL, QHeaderView.ResizeMode.Interactive)
        for column in (CoverageModel.OWNER, CoverageModel.PRIORITY, CoverageModel.SUMMARY):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self._fit_goal_column()
        self._place_goal_table()

    def _fit_goal_column(self) -> None:
        """Give the goal titles the room the other columns leave (at least a readable width,
        at most what the longest title needs), unless the user has set the width."""
        if self.model.columnCount() < CoverageModel.FIRST_MEETING:
            return
        header = self.header
        self._fitting = True
        try:
            if self._goal_width is not None:
                header.resizeSection(CoverageModel.GOAL, self._goal_width)
                return
            header.resizeSections()  # by their modes: the ResizeToContents ones fit now
            others = sum(header.sectionSize(c) for c in range(header.count())
                         if c != CoverageModel.GOAL)
            room = self.table.viewport().width()
            wanted = self.table.sizeHintForColumn(CoverageModel.GOAL)
            least = max(160, min(260, room * 2 // 5))
            header.resizeSection(CoverageModel.GOAL, max(least, min(wanted, room - others)))
        finally:
            self._fitting = False

    def _column_resized(self, logical: int, _old: int, new: int) -> None:
        if logical == CoverageModel.GOAL:
            self._place_goal_table()
        if self._fitting:
            return
        if logical == CoverageModel.GOAL:
            if new > 0:
                self._goal_width = new
        elif logical < CoverageModel.FIRST_MEETING:
            self._fit_goal_column()  # "Served by" fits its contents late, after a reset

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_goal_column()
            self._place_goal_table()
        return super().eventFilter(watched, event)

    # --- the document -------------------------------------------------------------------------
    def set_document(self, document: TourDocument | None) -> None:
        """Show the coverage of *document*'s tour (None: no tour open)."""
        if self.document is not None:
            self.document.records_changed.disconnect(self._records_changed)
            self.document.destroyed.disconnect(self._document_gone)
        self.document = document
        if document is not None:
            document.records_changed.connect(self._records_changed)
            document.destroyed.connect(self._document_gone)
        self.refresh()

    def _document_gone(self) -> None:
        """The document was deleted without being taken away first: show nothing."""
        self.document = None
        self.refresh()

    def _records_changed(self, kind: str, _keys: list[int]) -> None:
        if kind in WATCHED:
            self._refresh_timer.start()  # one read for the several notices of one edit

    def refresh(self) -> None:
        """Read the matrix again (the travellers too) and show it (see :mod:`reading`)."""
        self._refresh_timer.stop()
        document, wanted = self.document, self.traveller_id()
        if document is None:
            self._show_read(None, [], CoverageMatrix())
            return
        self.reader.read(lambda: _read(document, wanted),
                         lambda result: self._show_read(document, *result))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.catch_up()

    def catch_up(self) -> None:
        """Read what changed while the view was not to be seen (its dock tab came forward)."""
        if self.reader.stale:
            self.refresh()

    def _show_read(self, document: TourDocument | None, travellers: list[tuple[int, str, str]],
                   matrix: CoverageMatrix) -> None:
        if document is not self.document:
            return  # read for a tour no longer shown
        self._fill_travellers(travellers)
        self.model.set_matrix(matrix)
        self._show_summary()
        self._show_selection(scroll=False)
        self.refreshed.emit()

    # --- the traveller filter -----------------------------------------------------------------
    def traveller_id(self) -> int | None:
        """The traveller whose goals are shown (None: the whole delegation)."""
        value = self.traveller_box.currentData()
        return int(value) if value is not None else None

    def show_traveller(self, traveller_id: int | None) -> None:
        """Show *traveller_id*'s goals and meetings (None: the whole delegation's)."""
        found = self.traveller_box.findData(traveller_id)
        self.traveller_box.setCurrentIndex(max(found, 0))

    def _fill_travellers(self, travellers: list[tuple[int, str, str]]) -> None:
        if travellers == self._travellers and self.traveller_box.count() == len(travellers) + 1:
            return
        self._travellers = travellers
        current = self.traveller_id()
        self.traveller_box.blockSignals(True)
        try:
            while self.traveller_box.count() > 1:
                self.traveller_box.removeItem(1)
            for key, _name, _name_ja in travellers:
                self.traveller_box.addItem("", key)
            self._name_travellers()
            found = self.traveller_box.findData(current) if current is not None else 0
            self.traveller_box.setCurrentIndex(max(found, 0))
        finally:
            self.traveller_box.blockSignals(False)

    def _name_travellers(self) -> None:
        self.traveller_box.setItemText(0, self.tr("Whole delegation"))
        for row, (_key, name, name_ja) in enumerate(self._travellers, start=1):
            self.traveller_box.setItemText(row, name_ja if self.language == "ja" and name_ja
                                           else name)

    def _traveller_chosen(self, _row: int) -> None:
        self.refresh()

    # --- selection ----------------------------------------------------------------------------
    def _cell_clicked(self, index: Index) -> None:
        if not index.isValid():
            return
        meeting = self.model.meeting_at(index.column())
        if meeting is not None:
            if index.data() in (SERVES_MARK, HINT_MARK):
                self.selection.select_items([meeting.uid], source=self)
            return
        goal = self.model.goal_at(index.row())
        if goal is not None:
            self.selection.select_items(list(goal.meetings), source=self)

    def _header_clicked(self, logical: int) -> None:
        meeting = self.model.meeting_at(logical)
        if meeting is not None:
            self.selection.select_items([meeting.uid], source=self)

    def _selection_changed(self, source: object) -> None:
        self._show_selection(scroll=source is not self)

    def _show_selection(self, scroll: bool) -> None:
        """Highlight the columns of the selected meetings (and scroll to the first)."""
        chosen = QItemSelection()
        columns = sorted(c for c in map(self.model.column_of, self.selection.items)
                         if c is not None)
        last_row = self.model.rowCount() - 1
        for column in columns:
            if last_row >= 0:
                chosen.select(self.model.index(0, column), self.model.index(last_row, column))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.table.selectionModel().select(chosen, flags)
        self.header.viewport().update()
        if scroll and columns and last_row >= 0:
            first = self.model.index(0, columns[0])
            self.table.scrollTo(first, QAbstractItemView.ScrollHint.EnsureVisible)
            hidden = self.goal_table.width() - self.table.visualRect(first).left()
            if hidden > 0:  # under the goal titles: scroll a little further
                bar = self.table.horizontalScrollBar()
                bar.setValue(bar.value() - hidden)

    def chosen_meetings(self) -> list[str]:
        """The UIDs of the meetings whose columns are highlighted."""
        selected = self.table.selectionModel()
        return [meeting.uid for n, meeting in enumerate(self.model.matrix.meetings)
                if selected.columnIntersectsSelection(CoverageModel.FIRST_MEETING + n,
                                                      QModelIndex())]

    # --- language -----------------------------------------------------------------------------
    def set_language(self, language: str) -> None:
        """Show goal titles, names and days in *language* (``"ja"``: Japanese where given)."""
        self.language = language
        self.model.set_language(language)  # the header repaints too (the days' names)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every text of the view in the current language."""
        self.traveller_label.setText(self.tr("Goals and meetings of"))
        self._name_travellers()
        self.legend.setText(self.tr("● the meeting serves the goal    ○ the host matches the "
                                    "goal, but the meeting is not linked to it    Host in "
                                    "italics: meeting not confirmed yet"))
        self.table.setAccessibleName(self.tr("Coverage of the learning goals"))
        self.model.retranslate()
        self._show_summary()

    def _show_summary(self) -> None:
        goals = self.model.matrix.goals
        missing = len(self.model.matrix.uncovered)
        if not goals:
            text = self.tr("No learning goals yet")
        elif missing == 0:
            text = self.tr("All %n goals covered", "", len(goals))
        else:
            text = fill(self.tr("%1 of %2 goals not covered"), missing, len(goals))
        if goals:
            score = fill(self.tr("coverage %1 (weighted by priority)"),
                         f"{self.model.matrix.score:.0%}")
            text = f"{text} · {score}"
        self.summary_label.setText(text)


def _read(document: TourDocument, traveller: int | None) -> tuple[list[tuple[int, str, str]],
                                                                 CoverageMatrix]:
    """The travellers and the matrix (for *traveller*, or the whole delegation)."""
    with document.store.session() as session:
        everyone = list(session.scalars(records("traveller")))
        chosen = next((t for t in everyone if t.id == traveller), None)
        return [(t.id, t.name, t.name_ja) for t in everyone], coverage_matrix(session, chosen)
