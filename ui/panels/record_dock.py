"""What the record docks (follow-ups, outreach) share: a table of rows read on a worker, a filter
row with its counts above it, the buttons beside it, and the dock in the main window.

:class:`RecordDockPanel` reads its rows on a worker (:class:`ui.views.reading.Reader`) while it
can be seen, after every change to the kinds of records it shows (:attr:`SHOWN_KINDS`, once for
the several kinds one edit changes); a dock tab behind another catches up when it comes forward.
It keeps the selection (by the records' keys) across a read, and enables its buttons as the
selection and the document allow. A subclass makes its model, filter, buttons and filter row,
says what a read does (:meth:`_work`, :meth:`_put`, :meth:`_clear`, :meth:`_filled`) and which
buttons the selection enables (:meth:`_enable`); its texts stay its own (its ``tr`` context).

:func:`install_dock` puts a panel's :class:`RecordDock` into a main window, tabbed with the
findings and listed in the View menu, following the tour the window opens.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDockWidget,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui import commands
from ui.commands import DeleteRecord
from ui.document import TourDocument
from ui.models.rows import RowsFilter, RowsModel
from ui.operations import Operations
from ui.text import fill
from ui.views.reading import Reader

D = TypeVar("D", bound=QDialog)


def follow_dock(widget: QWidget, followed: QDockWidget | None,
                catch_up: Callable[[], Any]) -> QDockWidget | None:
    """The dock now holding *widget* (its parent changed), which calls *catch_up* when it comes
    forward (a tab behind another is "visible" to Qt, so no show event says so); *followed*:
    the dock it held it before."""
    parent = widget.parentWidget()
    dock = parent if isinstance(parent, QDockWidget) else None
    if dock is None or dock is followed:
        return followed
    dock.visibilityChanged.connect(lambda shown: shown and QTimer.singleShot(0, widget, catch_up))
    return dock


#: The most buttons a panel stacks in one column beside its table (the follow-ups' six).
MAX_BUTTONS_IN_A_COLUMN = 6


class RecordDockPanel(QWidget):
    """Rows read on a worker in a sorted, filtered table, with their buttons."""

    #: The list shows the records as they are now.
    refreshed = Signal()
    #: The records the table shows: a change to one is read again.
    SHOWN_KINDS: tuple[str, ...] = ()

    model: RowsModel[Any]
    proxy: RowsFilter
    reader: Reader
    table: QTableView

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.document: TourDocument | None = None
        self.dialog: QDialog | None = None
        self.buttons: dict[str, QToolButton] = {}
        self.count_label = QLabel(self)
        self._timer = QTimer(self)  # once for the several kinds one edit changes
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        self._dock: QDockWidget | None = None

    # --- making it ----------------------------------------------------------------------------
    def _add_buttons(self, name: str, slots: Sequence[tuple[str, Callable[[], Any]]]) -> None:
        """A tool button for each (name, slot), its object name *name* formatted with its."""
        for key, slot in slots:
            button = QToolButton(self)
            button.setObjectName(name.format(key))
            button.clicked.connect(lambda _checked=False, s=slot: s())
            self.buttons[key] = button

    def _make_table(self, name: str, sort_column: int, samples: Sequence[tuple[int, str]],
                    *, stretch_last: bool) -> QTableView:
        """The table over :attr:`proxy`, sorted by *sort_column*, each column as wide as its
        sample text."""
        self.table = table = QTableView(self)
        table.setObjectName(name)
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(sort_column, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(stretch_last)
        metrics = table.fontMetrics()
        for column, sample in samples:
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 16)
        table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        for signal in (self.proxy.modelReset, self.proxy.layoutChanged, self.proxy.rowsInserted,
                       self.proxy.rowsRemoved):
            signal.connect(self._count)
        return table

    def _lay_out(self, filters: QHBoxLayout, spacing: int | None = None) -> None:
        """The filter row above the table, the buttons beside it (the filters keep the width
        above it); then the texts and the buttons' state."""
        tools = QGridLayout()
        if spacing is not None:
            tools.setSpacing(spacing)
        # more buttons than a bottom dock's height holds stand in two columns: a tall column
        # would make the dock, and with it the whole bottom dock area, take the agenda's room
        columns = 1 if len(self.buttons) <= MAX_BUTTONS_IN_A_COLUMN else 2
        for number, button in enumerate(self.buttons.values()):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            tools.addWidget(button, number // columns, number % columns)
        tools.setRowStretch(tools.rowCount(), 1)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(tools)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addLayout(body, 1)
        self.retranslate()
        self._update_buttons()

    # --- the document -------------------------------------------------------------------------
    def set_document(self, document: TourDocument | None) -> None:
        """Show the records of *document* (None: no tour)."""
        old = self.document
        if old is not None:
            with contextlib.suppress(RuntimeError, TypeError):  # already gone
                old.records_changed.disconnect(self._records_changed)
        self.document = document
        self._clear()
        if document is not None:
            document.records_changed.connect(self._records_changed)
        self._update_buttons()
        self.refresh()

    def _records_changed(self, kind: str, _keys: list[int]) -> None:
        if kind in self.SHOWN_KINDS:
            self._timer.start()

    def refresh(self) -> None:
        """Read the records again (on a worker), if the list can be seen."""
        self._timer.stop()
        document = self.document
        if document is None or document.closed:
            self._clear()
            self._filled()
            self._update_buttons()
            return
        self.reader.read(self._work(document), self._show)

    def _show(self, result: Any) -> None:
        if self.document is None or self.document.closed:
            return
        chosen = self.selected_keys()
        self._put(result)
        self._filled()
        self.select_keys(chosen)
        self._update_buttons()
        self.refreshed.emit()

    def _work(self, document: TourDocument) -> Callable[[], Any]:
        """What a read runs on a worker; its result goes to :meth:`_put`."""
        raise NotImplementedError

    def _put(self, result: Any) -> None:
        """Show a read's *result* in the model."""
        raise NotImplementedError

    def _clear(self) -> None:
        """Show no rows."""
        raise NotImplementedError

    def _filled(self) -> None:
        """The model holds new rows: the filters and counts again."""
        raise NotImplementedError

    def catch_up(self) -> None:
        """Read what changed while the list was not to be seen."""
        if self.reader.stale:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self.catch_up)

    def _follow_dock(self) -> None:
        self._dock = follow_dock(self, self._dock, self.catch_up)

    # --- filters ------------------------------------------------------------------------------
    def set_filter(self) -> None:
        """Clear the filters as a user would (a subclass takes the filters' choices too)."""
        raise NotImplementedError

    def _count(self) -> None:
        raise NotImplementedError

    # --- reading ------------------------------------------------------------------------------
    def shown_rows(self) -> list[Any]:
        """The rows as the table shows them, in order."""
        found = []
        for n in range(self.proxy.rowCount()):
            row = self.model.row_at(self.proxy.mapToSource(self.proxy.index(n, 0)).row())
            if row is not None:
                found.append(row)
        return found

    def row_texts(self) -> list[list[str]]:
        """What each shown row says, column by column."""
        return [[str(self.proxy.index(n, c).data() or "") for c in range(self.proxy.columnCount())]
                for n in range(self.proxy.rowCount())]

    def selected_rows(self) -> list[Any]:
        rows = sorted({self.proxy.mapToSource(i).row()
                       for i in self.table.selectionModel().selectedRows()})
        return [r for r in (self.model.row_at(n) for n in rows) if r is not None]

    def selected_keys(self) -> list[int]:
        return [self.model.key_of(row) for row in self.selected_rows()]

    def select_keys(self, keys: list[int]) -> None:
        """Select the records *keys* (those shown), the first current."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        first = True
        for n in range(self.proxy.rowCount()):
            index = self.proxy.index(n, 0)
            row = self.model.row_at(self.proxy.mapToSource(index).row())
            if row is not None and self.model.key_of(row) in keys:
                flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
                if first:
                    selection.setCurrentIndex(index, flags)
                    first = False
                else:
                    selection.select(index, flags)

    def reveal(self, key: int) -> None:
        """Show and select the record *key* (the filters cleared if they hide it), now or once
        the list has been read."""
        row = next((r for r in self.model.rows if self.model.key_of(r) == key), None)
        if row is None or self.reader.stale:
            self._wanted(key)
            self.catch_up()
            return
        if row not in self.shown_rows():
            self.set_filter()
        self.select_keys([key])
        self.table.setFocus()

    def _wanted(self, key: int | None) -> None:
        """Select *key* once the list shows it."""
        if key is None:
            return

        def select() -> None:
            self.refreshed.disconnect(select)
            if key not in [self.model.key_of(r) for r in self.shown_rows()]:
                self.set_filter()
            self.select_keys([key])

        self.refreshed.connect(select)

    def _update_buttons(self) -> None:
        self._enable(self.document is not None and not self.document.read_only,
                     self.selected_rows())

    def _enable(self, editable: bool, chosen: list[Any]) -> None:
        """Enable the buttons for the rows *chosen* (none if the tour is not *editable*)."""
        raise NotImplementedError

    # --- editing ------------------------------------------------------------------------------
    def _open(self, dialog: D, accepted: Callable[[], Any] | None = None) -> D:
        """Open *dialog* (window modal, deleted when closed); when accepted, call *accepted*,
        or select the record it made (its ``key``) once the list shows it."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(accepted if accepted is not None
                                else lambda: self._wanted(getattr(dialog, "key", None)))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _delete(self, kind: str, several: str, name: Callable[[Any], str]) -> None:
        """Delete the selected records of *kind*, each called *name* (one undoable step,
        *several* with %1 the count when there are more than one)."""
        document = self.document
        chosen = self.selected_rows()
        if document is None or not chosen:
            return
        with commands.one_step(document, len(chosen), fill(several, len(chosen))):
            for row in chosen:
                commands.execute(DeleteRecord(document, kind, self.model.key_of(row), name(row)))

    # --- language -----------------------------------------------------------------------------
    def _label_buttons(self, labels: Sequence[tuple[str, str, str]], *,
                       named_by_tip: bool) -> None:
        """Each button's (name, text, tip); its accessible name the tip or the text."""
        for name, text, tip in labels:
            button = self.buttons[name]
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName((tip if named_by_tip else text).rstrip("…"))

    def title(self) -> str:
        """What the records are called (the dock's title, the table's name)."""
        raise NotImplementedError

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.ParentChange:
            self._follow_dock()
        super().changeEvent(event)


class RecordDock(QDockWidget):
    """A panel's dock, titled as the panel says (:meth:`RecordDockPanel.title`) in the window's
    language; named as the panel is (``followUpsPanel``: ``followUpsDock``)."""

    def __init__(self, panel: RecordDockPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(panel.objectName().removesuffix("Panel") + "Dock")
        self.setWidget(panel)
        self.panel = panel
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.panel.title())

    def reveal(self, key: int) -> None:
        """Bring the dock forward and show the record *key* in it."""
        self.show()
        self.raise_()
        self.panel.reveal(key)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def install_dock(window: Any, dock: RecordDock, finding_chosen: Callable[[Any], None]) -> None:
    """Put *dock* into *window* (a :class:`ui.mainwindow.MainWindow`) tabbed with the findings,
    listed in the View menu; its panel follows the tour the window opens, and a click on a
    finding calls *finding_chosen* with it."""
    assert isinstance(window, QMainWindow)
    parts: Any = window  # the window's findings and signals, looked up as it has them
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    findings = getattr(window, "findings_dock", None)
    if isinstance(findings, QDockWidget):
        window.tabifyDockWidget(findings, dock)
        findings.raise_()
    view_menu = getattr(window, "view_menu", None)
    if view_menu is not None:
        view_menu.addAction(dock.toggleViewAction())

    def follow() -> None:
        dock.panel.set_document(getattr(window, "document", None))

    def chosen(index: Any) -> None:
        finding = parts.findings_model.finding_at(index)
        if finding is not None:
            finding_chosen(finding)

    findings_view = getattr(window, "findings_view", None)
    if findings_view is not None and hasattr(window, "findings_model"):
        findings_view.clicked.connect(chosen)
        findings_view.activated.connect(chosen)
    tour_opened = getattr(window, "tour_opened", None)
    if tour_opened is not None:
        tour_opened.connect(lambda _location: follow())
    if getattr(window, "document", None) is not None:
        follow()
