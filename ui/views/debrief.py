"""The Debrief view, a tab beside the agenda: what the delegation learned at a meeting and how
it rated it, for the meeting selected anywhere in the window (the one selection).

On the left, the meetings by day with the delegation's average rating (a click moves to one)
and every learning goal's outcome; on the right, the chosen meeting's summary (the item's
``learnings`` text), the goals it served (each with its outcome and what was learned for it at
this meeting), its key takeaways and other learnings (a tag each, who said it, the goal, a
partner candidate's next step) and each attendee's rating and whether she would recommend the
host. Every edit is one undo step; a text box is committed when it loses the focus or when the
typing pauses. The view reads on a worker (:class:`ui.views.reading.Reader`) after any edit of
what it shows, so undo and redo show here too.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QFocusEvent, QFont, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.formatting import format_day
from ui import commands
from ui.document import TourDocument
from ui.i18n import current_language
from ui.models.debrief import (
    TAKEAWAY_TAGS,
    DebriefRead,
    GoalRow,
    LearningsModel,
    MeetingDebrief,
    RatingsModel,
    average_text,
    read_debrief,
    short,
    tag_text,
)
from ui.models.records import GOAL_OUTCOMES, outcome_text
from ui.operations import Operations
from ui.selection import Selection
from ui.text import fill, tooltip
from ui.views.reading import Reader

Index = QModelIndex | QPersistentModelIndex

#: How long the typing may pause before a text box is committed (milliseconds).
PAUSE_MS = 1500
#: The kinds of record whose changes change what the view shows.
WATCHED = frozenset({"item", "learning", "rating", "goal", "traveller", "organisation"})


class CommitText(QPlainTextEdit):
    """A few lines of text committed (:attr:`committed`) when the focus leaves or the typing
    pauses; what is read from the tour never overwrites what the user has not committed."""

    committed = Signal(str)

    def __init__(self, lines: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFixedHeight(round(self.fontMetrics().lineSpacing() * lines) + 10)
        self.dirty = False
        self._setting = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self.commit)
        self.textChanged.connect(self._typed)

    def _typed(self) -> None:
        if not self._setting:
            self.dirty = True
            self._timer.start()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.commit()

    def commit(self) -> None:
        self._timer.stop()
        if self.dirty:
            self.dirty = False
            self.committed.emit(self.toPlainText().rstrip())

    def show_stored(self, text: str) -> None:
        if self.dirty or self.toPlainText().rstrip() == text:
            return
        self._setting = True
        try:
            self.setPlainText(text)
        finally:
            self._setting = False


class CommitLine(QLineEdit):
    """One line committed when the focus leaves, Return is pressed or the typing pauses."""

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dirty = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self.commit)
        self.textEdited.connect(self._typed)
        self.editingFinished.connect(self.commit)

    def _typed(self) -> None:
        self.dirty = True
        self._timer.start()

    def commit(self) -> None:
        self._timer.stop()
        if self.dirty:
            self.dirty = False
            self.committed.emit(self.text().strip())

    def show_stored(self, text: str) -> None:
        if not self.dirty and self.text() != text:
            self.setText(text)
            self.setCursorPosition(0)


class ChoiceDelegate(QStyledItemDelegate):
    """The tables' choice cells (a tag, who said it, a goal, stars, yes/no) as drop-down
    lists, committed when chosen."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        model = index.model()
        offer = getattr(model, "choices", None)
        choices: list[tuple[str, str]] = offer(index.column()) if callable(offer) else []
        if not choices:
            return super().createEditor(parent, option, index)
        box = QComboBox(parent)
        for label, value in choices:
            box.addItem(label, value)
        box.activated.connect(lambda _row: self._chosen(box))
        return box

    def _chosen(self, box: QComboBox) -> None:
        self.commitData.emit(box)
        self.closeEditor.emit(box)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(
                index.data(Qt.ItemDataRole.EditRole) or "")))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class ElidedLabel(QLabel):
    """One line of plain text, cut with "…" where it does not fit (the tooltip has it all)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setMinimumWidth(60)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._full = ""

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(tooltip(text))
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                                    max(self.width(), 20)))


def _table(parent: QWidget, name: str) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                          | QAbstractItemView.EditTrigger.EditKeyPressed
                          | QAbstractItemView.EditTrigger.SelectedClicked)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setItemDelegate(ChoiceDelegate(table))
    return table


class GoalLine:
    """One goal the meeting served: its title, its outcome, and what was learned for it."""

    def __init__(self, view: DebriefView, goal: GoalRow) -> None:
        self.goal = goal
        body = view.goals_box
        self.title = ElidedLabel(body)
        self.outcome = QComboBox(body)
        self.outcome.setObjectName(f"goalOutcome{goal.id}")
        for value in GOAL_OUTCOMES:
            self.outcome.addItem("", value)
        self.outcome.activated.connect(lambda _row: view.set_outcome(self))
        self.learning = CommitLine(body)
        self.learning.setObjectName(f"goalLearning{goal.id}")
        self.learning.committed.connect(lambda text: view.set_goal_learning(self, text))
        self.title.setBuddy(self.learning)
        self.speaker = QLabel(body)
        self.speaker.setTextFormat(Qt.TextFormat.PlainText)
        self.widgets: tuple[QWidget, ...] = (self.title, self.outcome, self.learning,
                                             self.speaker)

    def show(self, goal: GoalRow, language: str) -> None:
        self.goal = goal
        self.title.set_full_text(goal.text(language))
        for row, value in enumerate(GOAL_OUTCOMES):
            self.outcome.setItemText(row, outcome_text(value))
        if not self.outcome.view().isVisible():
            self.outcome.setCurrentIndex(self.outcome.findData(goal.outcome.value))
        self.outcome.setToolTip(tooltip(goal.outcome_summary) if goal.outcome_summary else "")
        self.learning.show_stored(goal.learning)
        self.learning.setToolTip(tooltip(goal.learning) if goal.learning else "")
        said = goal.speaker.text(language) if goal.speaker is not None else ""
        self.speaker.setText(fill(QCoreApplication.translate("DebriefView", "(%1)"), said)
                             if said else "")
        self.speaker.setVisible(bool(said))
        self.learning.setPlaceholderText(QCoreApplication.translate(
            "DebriefView", "What the delegation learned here for this goal"))
        self.learning.setAccessibleName(fill(QCoreApplication.translate(
            "DebriefView", "Learned for %1"), goal.text(language)))


class DebriefView(QWidget):
    """See the module docstring."""

    #: The view shows what it read last.
    refreshed = Signal()

    def __init__(self, selection: Selection, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("debriefView")
        self.selection = selection
        self.document: TourDocument | None = None
        self.language = current_language()
        #: The agenda item shown (its key), None before one is chosen.
        self.item_id: int | None = None
        self.shown: DebriefRead = DebriefRead()
        self._goal_lines: list[GoalLine] = []
        self._edit_after_read: int | None = None
        self.learnings_model = LearningsModel(self)
        self.ratings_model = RatingsModel(self)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)
        self.reader = Reader(self, self.tr("Reading the debrief"), operations)
        self._build()
        self.selection.changed.connect(self._selection_changed)
        self.retranslate()

    # --- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.meetings = QTreeWidget(self)
        self.meetings.setObjectName("debriefMeetings")
        self.meetings.setColumnCount(2)
        self.meetings.setRootIsDecorated(False)
        self.meetings.setUniformRowHeights(True)
        self.meetings.setAlternatingRowColors(True)
        header = self.meetings.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)  # a few dozen
        self.meetings.setIndentation(10)
        self.meetings.itemClicked.connect(self._meeting_clicked)
        self.meetings.itemActivated.connect(self._meeting_clicked)
        self.outcomes = QTreeWidget(self)
        self.outcomes.setObjectName("debriefOutcomes")
        self.outcomes.setColumnCount(2)
        self.outcomes.setRootIsDecorated(False)
        self.outcomes.setUniformRowHeights(True)
        outcomes_header = self.outcomes.header()
        outcomes_header.setStretchLastSection(False)
        outcomes_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        outcomes_header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        left = QSplitter(Qt.Orientation.Vertical, self)
        left.addWidget(self.meetings)
        left.addWidget(self.outcomes)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 1)
        left.setChildrenCollapsible(False)

        body = QWidget(self)
        self.heading = ElidedLabel(body)
        self.heading.setObjectName("debriefHeading")
        font = QFont(self.heading.font())
        font.setBold(True)
        self.heading.setFont(font)
        self.when = QLabel(body)
        self.when.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label = QLabel(body)
        self.summary = CommitText(3.2, body)
        self.summary.setObjectName("debriefSummary")
        self.summary.committed.connect(self.set_summary)
        self.summary_label.setBuddy(self.summary)
        self.goals_label = QLabel(body)
        self.goals_box = QWidget(body)
        self.goals_grid = QGridLayout(self.goals_box)
        self.goals_grid.setContentsMargins(12, 0, 0, 0)
        self.goals_grid.setVerticalSpacing(2)
        self.goals_grid.setColumnStretch(1, 1)
        self.no_goals = QLabel(body)
        self.takeaways_label = QLabel(body)
        self.add_button = QToolButton(body)
        self.add_button.setObjectName("addTakeaway")
        self.add_button.setText("+")
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.add_menu = QMenu(self.add_button)
        self.add_menu.setObjectName("addTakeawayMenu")
        self.add_actions: dict[str, QAction] = {}
        for tag in (*list(TAKEAWAY_TAGS)[1:], ""):
            action = self.add_menu.addAction("")
            action.triggered.connect(lambda _checked=False, t=tag: self.add_takeaway(t))
            self.add_actions[tag] = action
        self.add_button.setMenu(self.add_menu)
        self.delete_button = QToolButton(body)
        self.delete_button.setObjectName("deleteTakeaway")
        self.delete_button.setText("−")
        self.delete_button.clicked.connect(self.delete_takeaways)
        self.learnings_table = _table(body, "debriefLearnings")
        self.learnings_table.setModel(self.learnings_model)
        # a takeaway is a sentence or two: its rows wrap (a meeting has a handful)
        self.learnings_table.setWordWrap(True)
        self.learnings_model.modelReset.connect(self._fit_learning_rows)
        self.learnings_table.setMinimumHeight(self.learnings_table.fontMetrics().height() * 5)
        columns = self.learnings_table.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        columns.setSectionResizeMode(LearningsModel.TEXT, QHeaderView.ResizeMode.Stretch)
        metrics = self.fontMetrics()
        for column, sample in ((LearningsModel.TAG, "Partner candidate"),
                               (LearningsModel.SAID_BY, "Hiroshi Nak"),
                               (LearningsModel.GOAL, "Industrial AI"),
                               (LearningsModel.NEXT_STEP, "Pilot propos")):
            columns.resizeSection(column, metrics.horizontalAdvance(sample) + 12)
        self.ratings_label = QLabel(body)
        self.average_label = QLabel(body)
        self.average_label.setObjectName("debriefAverage")
        self.ratings_table = _table(body, "debriefRatings")
        self.ratings_table.setModel(self.ratings_model)
        self.ratings_table.setMinimumHeight(self.ratings_table.fontMetrics().height() * 4)
        rating_columns = self.ratings_table.horizontalHeader()
        rating_columns.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        rating_columns.setSectionResizeMode(RatingsModel.COMMENT, QHeaderView.ResizeMode.Stretch)
        for column, sample in ((RatingsModel.WHO, "Hiroshi Nakamura"),
                               (RatingsModel.SCORE, "★★★★★ 5xx"),
                               (RatingsModel.RECOMMEND, "Would recommend")):
            rating_columns.resizeSection(column, metrics.horizontalAdvance(sample) + 20)
        self.placeholder = QLabel(body)
        self.placeholder.setObjectName("debriefPlaceholder")
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)

        heading_bar = QHBoxLayout()
        heading_bar.addWidget(self.heading, 1)
        heading_bar.addWidget(self.when)
        takeaway_bar = QHBoxLayout()
        takeaway_bar.addWidget(self.takeaways_label, 1)
        takeaway_bar.addWidget(self.add_button)
        takeaway_bar.addWidget(self.delete_button)
        rating_bar = QHBoxLayout()
        rating_bar.addWidget(self.ratings_label)
        rating_bar.addWidget(self.average_label, 1)
        self.details = QWidget(body)
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addLayout(heading_bar)
        details.addWidget(self.summary_label)
        details.addWidget(self.summary)
        details.addWidget(self.goals_label)
        details.addWidget(self.goals_box)
        details.addWidget(self.no_goals)
        takeaways = QWidget(body)
        takeaways_layout = QVBoxLayout(takeaways)
        takeaways_layout.setContentsMargins(0, 0, 0, 0)
        takeaways_layout.addLayout(takeaway_bar)
        takeaways_layout.addWidget(self.learnings_table, 1)
        ratings = QWidget(body)
        ratings_layout = QVBoxLayout(ratings)
        ratings_layout.setContentsMargins(0, 0, 0, 0)
        ratings_layout.addLayout(rating_bar)
        ratings_layout.addWidget(self.ratings_table, 1)
        self.tables = QSplitter(Qt.Orientation.Vertical, body)
        self.tables.setObjectName("debriefTables")
        self.tables.addWidget(takeaways)
        self.tables.addWidget(ratings)
        self.tables.setStretchFactor(0, 3)
        self.tables.setStretchFactor(1, 2)
        self.tables.setChildrenCollapsible(False)
        details.addWidget(self.tables, 1)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(8, 6, 8, 6)
        body_layout.addWidget(self.placeholder)
        body_layout.addWidget(self.details, 1)
        self.scroller = QScrollArea(self)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidget(body)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.scroller)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([205, 595])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._show_chosen(None)

    # --- the document -------------------------------------------------------------------------
    def set_document(self, document: TourDocument | None) -> None:
        """Show the debrief of *document*'s tour (None: no tour open)."""
        if self.document is not None:
            self.document.records_changed.disconnect(self._records_changed)
            self.document.tour_changed.disconnect(self._schedule)
        self.finish_editing()
        self.document = document
        self.item_id = None
        if document is not None:
            document.records_changed.connect(self._records_changed)
            document.tour_changed.connect(self._schedule)
            if self.selection.items:
                self.item_id = document.item_key(self.selection.items[0])
        self.refresh()

    def _records_changed(self, kind: str, _keys: list[int]) -> None:
        if kind in WATCHED:
            self._schedule()

    def _schedule(self) -> None:
        self._refresh_timer.start()  # one read for the several notices of one edit

    def refresh(self) -> None:
        """Read the meetings and the chosen one's debrief again, on a worker."""
        self._refresh_timer.stop()
        document, item_id = self.document, self.item_id
        if document is None:
            self._show(None, DebriefRead())
            return

        def read() -> DebriefRead:
            with document.store.session() as session:
                return read_debrief(session, item_id)

        self.reader.read(read, lambda found: self._show(document, found))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self.catch_up)

    def catch_up(self) -> None:
        """Read what changed while the view was not to be seen."""
        if self.reader.stale:
            self.refresh()

    def _show(self, document: TourDocument | None, found: DebriefRead) -> None:
        if document is not self.document:
            return  # read for a tour no longer shown
        before, after = self.shown.chosen, found.chosen
        if before is not None and (after is None or after.meeting.id != before.meeting.id):
            self.finish_editing()  # what was typed goes to the meeting it was typed for
        self.shown = found
        self._fill_meetings()
        self._fill_outcomes()
        self._show_chosen(found.chosen)
        self.refreshed.emit()

    # --- the lists on the left ----------------------------------------------------------------
    def _fill_meetings(self) -> None:
        language = self.language
        tree = self.meetings
        tree.blockSignals(True)
        try:
            tree.clear()
            current: QTreeWidgetItem | None = None
            day_item: QTreeWidgetItem | None = None
            for meeting in self.shown.meetings:
                if day_item is None or day_item.data(0, Qt.ItemDataRole.UserRole) != meeting.day:
                    day_item = QTreeWidgetItem(tree, [format_day(meeting.day, language)])
                    day_item.setData(0, Qt.ItemDataRole.UserRole, meeting.day)
                    day_item.setFirstColumnSpanned(True)
                    day_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    bold = QFont(tree.font())
                    bold.setBold(True)
                    day_item.setFont(0, bold)
                text = f"{meeting.start:%H:%M} {meeting.text(language)}"
                row = QTreeWidgetItem(day_item, [text, average_text(meeting.average,
                                                                   meeting.count)])
                row.setData(0, Qt.ItemDataRole.UserRole, meeting.id)
                host = meeting.host_text(language)
                row.setToolTip(0, tooltip(f"{meeting.text(language)}\n{host}" if host
                                          else meeting.text(language)))
                if meeting.id == self.item_id:
                    current = row
            tree.expandAll()
            if current is not None:
                tree.setCurrentItem(current)
                tree.scrollToItem(current)
        finally:
            tree.blockSignals(False)

    def _fill_outcomes(self) -> None:
        self.outcomes.clear()
        for _key, title, title_ja, outcome in self.shown.goals:
            text = title_ja if self.language == "ja" and title_ja else title
            row = QTreeWidgetItem(self.outcomes, [text, outcome_text(outcome)])
            row.setToolTip(0, tooltip(text))

    def _meeting_clicked(self, row: QTreeWidgetItem, _column: int = 0) -> None:
        key = row.data(0, Qt.ItemDataRole.UserRole)
        meeting = next((m for m in self.shown.meetings if m.id == key), None)
        if meeting is None:
            return
        self.show_item(meeting.id)
        self.selection.select_items([meeting.uid], source=self)

    def show_item(self, key: int | None) -> None:
        """Show the debrief of agenda item *key*."""
        if key == self.item_id:
            return
        self.finish_editing()
        self.item_id = key
        self.refresh()

    def _selection_changed(self, source: object) -> None:
        if source is self or self.document is None or not self.selection.items:
            return
        key = self.document.item_key(self.selection.items[0])
        if key is not None:
            self.show_item(key)

    # --- the chosen meeting -------------------------------------------------------------------
    def _show_chosen(self, chosen: MeetingDebrief | None) -> None:
        language = self.language
        self.placeholder.setVisible(chosen is None)
        self.details.setVisible(chosen is not None)
        editable = self.document is not None and not self.document.read_only
        self.learnings_model.show(self.document, chosen)
        self.ratings_model.show(self.document, chosen)
        if chosen is None:
            self._set_goal_lines(())
            return
        meeting = chosen.meeting
        host = meeting.host_text(language)
        self.heading.set_full_text(f"{meeting.text(language)} — {host}" if host
                                   else meeting.text(language))
        self.when.setText(f"{format_day(meeting.day, language)} "
                          f"{meeting.start:%H:%M}–{meeting.end:%H:%M}")
        self.summary.show_stored(chosen.summary)
        self.summary.setReadOnly(not editable)
        self._set_goal_lines(chosen.goals)
        for line in self._goal_lines:
            line.learning.setReadOnly(not editable)
            line.outcome.setEnabled(editable)
        self.no_goals.setVisible(not chosen.goals)
        self.average_label.setText(average_text(meeting.average, meeting.count))
        self.add_button.setEnabled(editable)
        self.delete_button.setEnabled(editable)
        if self._edit_after_read is not None:
            row = self.learnings_model.row_of(self._edit_after_read)
            self._edit_after_read = None
            if row is not None:
                index = self.learnings_model.index(row, LearningsModel.TEXT)
                self.learnings_table.setCurrentIndex(index)
                self.learnings_table.setFocus()
                self.learnings_table.edit(index)

    def _set_goal_lines(self, goals: tuple[GoalRow, ...]) -> None:
        """One line per goal: kept (and updated in place) while the goals are the same, so a
        line being typed in keeps its focus."""
        if [line.goal.id for line in self._goal_lines] != [g.id for g in goals]:
            for line in self._goal_lines:
                line.learning.commit()
                for widget in line.widgets:
                    self.goals_grid.removeWidget(widget)
                    widget.deleteLater()
            self._goal_lines = [GoalLine(self, goal) for goal in goals]
            for row, line in enumerate(self._goal_lines):  # the title; its outcome and learning
                self.goals_grid.addWidget(line.title, 2 * row, 0, 1, 3)
                self.goals_grid.addWidget(line.outcome, 2 * row + 1, 0)
                self.goals_grid.addWidget(line.learning, 2 * row + 1, 1)
                self.goals_grid.addWidget(line.speaker, 2 * row + 1, 2)
        for line, goal in zip(self._goal_lines, goals, strict=True):
            line.show(goal, self.language)

    def _fit_learning_rows(self) -> None:
        """Each takeaway's row as high as its text, at most three lines (the tooltip has it
        all), so several stay in sight."""
        table = self.learnings_table
        table.resizeRowsToContents()
        most = table.fontMetrics().lineSpacing() * 3 + 8
        for row in range(self.learnings_model.rowCount()):
            if table.rowHeight(row) > most:
                table.setRowHeight(row, most)

    def goal_line(self, goal_id: int) -> GoalLine | None:
        return next((line for line in self._goal_lines if line.goal.id == goal_id), None)

    def finish_editing(self) -> None:
        """Commit what is typed and not yet committed (before undo, or moving away)."""
        self.summary.commit()
        for line in self._goal_lines:
            line.learning.commit()

    # --- editing ------------------------------------------------------------------------------
    def _chosen(self) -> MeetingDebrief | None:
        """The meeting the view's editors show (what they commit goes to it)."""
        return self.shown.chosen

    def set_summary(self, text: str) -> None:
        """The meeting's summary of what was learned (one undo step)."""
        chosen, document = self._chosen(), self.document
        if chosen is None or document is None or text == chosen.summary:
            return
        commands.execute(commands.SetField(document, "item", chosen.meeting.id, "learnings",
                                           text, short(chosen.meeting.title)))

    def set_goal_learning(self, line: GoalLine, text: str) -> None:
        """What the delegation learned for a goal here: added, changed, or (emptied)
        deleted; one undo step."""
        chosen, document = self._chosen(), self.document
        goal = line.goal
        if chosen is None or document is None or text == goal.learning:
            return
        if goal.learning_id is None:
            commands.execute(commands.AddRecord(
                document, "learning", {"item_id": chosen.meeting.id, "goal_id": goal.id,
                                       "text": text, "position": 0},
                fill(self.tr("Add learning for %1"), short(goal.title))))
        elif not text:
            commands.execute(commands.DeleteRecord(document, "learning", goal.learning_id,
                                                   short(goal.learning)))
        else:
            commands.execute(commands.SetField(document, "learning", goal.learning_id, "text",
                                               text, short(goal.learning)))

    def set_outcome(self, line: GoalLine) -> None:
        """A goal's outcome (answered, partly, open): one undo step."""
        document = self.document
        value = line.outcome.currentData()
        if document is None or value == line.goal.outcome.value:
            return
        if not commands.execute(commands.SetField(document, "goal", line.goal.id, "outcome",
                                                  value, line.goal.title)):
            line.outcome.setCurrentIndex(line.outcome.findData(line.goal.outcome.value))

    def add_takeaway(self, tag: str) -> None:
        """Add a takeaway with *tag* ("" : a plain learning) and start typing its text."""
        key = self.learnings_model.add(tag, self.tr("New takeaway") if tag
                                       else self.tr("New learning"))
        if key is not None:
            self._edit_after_read = key

    def delete_takeaways(self) -> None:
        rows = [index.row() for index in self.learnings_table.selectionModel().selectedRows()]
        if not rows and self.learnings_table.currentIndex().isValid():
            rows = [self.learnings_table.currentIndex().row()]
        self.learnings_model.delete(rows)

    # --- language -----------------------------------------------------------------------------
    def set_language(self, language: str) -> None:
        """Show names, days and words in *language*."""
        self.language = language
        self.retranslate()
        self._fill_meetings()
        self._fill_outcomes()
        self._show_chosen(self.shown.chosen)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every text of the view in the current language."""
        self.meetings.setHeaderLabels([self.tr("Meeting"), self.tr("Rating")])
        self.meetings.setAccessibleName(self.tr("Meetings"))
        self.outcomes.setHeaderLabels([self.tr("Learning goal"), self.tr("Outcome")])
        self.outcomes.setAccessibleName(self.tr("Outcomes of the learning goals"))
        self.summary_label.setText(self.tr("&Summary: what the delegation learned"))
        self.summary.setPlaceholderText(self.tr(
            "In a few lines: what this meeting taught the delegation"))
        self.summary.setAccessibleName(self.tr("Summary"))
        self.goals_label.setText(self.tr("Goals it served: outcome, and what was learned "
                                         "for each here"))
        self.no_goals.setText(self.tr("The meeting serves no learning goal (the item editor "
                                      "links goals)."))
        self.takeaways_label.setText(self.tr("Key takeaways and other learnings"))
        self.add_button.setToolTip(self.tr("Add a takeaway"))
        self.add_button.setAccessibleName(self.tr("Add a takeaway"))
        self.delete_button.setToolTip(self.tr("Delete the chosen takeaways"))
        self.delete_button.setAccessibleName(self.tr("Delete the chosen takeaways"))
        for tag, action in self.add_actions.items():
            action.setText(tag_text(tag) if tag else self.tr("Learning (no tag)"))
        self.ratings_label.setText(self.tr("Ratings by the attendees"))
        self.learnings_table.setAccessibleName(self.tr("Key takeaways and other learnings"))
        self.ratings_table.setAccessibleName(self.tr("Ratings by the attendees"))
        self.placeholder.setText(self.tr("Choose a meeting in the list, the agenda or the "
                                         "timeline to write down what the delegation learned "
                                         "there and how it rated it."))
        self.learnings_model.retranslate()
        self.ratings_model.retranslate()
