"""A list of records with a filter box, column sorting, Add/Delete, and a detail form.

The directory (organisations, contacts) and the delegation editor (travellers, goals) are made
of these. The table edits in place; the form below it edits the current row through a
``QDataWidgetMapper`` (every field, including the ones the table does not list), and both end up
in the model's ``setData``, i.e. as undo commands.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDataWidgetMapper,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.geo.names import fold
from ui import commands
from ui.commands import AddRecord, DeleteRecord
from ui.models.records import RecordTableModel, SortRole

Index = QModelIndex | QPersistentModelIndex


class RecordFilter(QSortFilterProxyModel):
    """Keeps the rows whose text contains every word typed (accents, case and width ignored)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.setSortRole(SortRole)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = fold(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        assert isinstance(model, RecordTableModel)
        text = model.search_text(source_row)
        return all(word in text for word in self._words)


class RecordForm(QScrollArea):
    """Every column of the current record as a labelled field."""

    def __init__(self, model: QSortFilterProxyModel, source: RecordTableModel,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.mapper = QDataWidgetMapper(self)
        self.mapper.setModel(model)
        self.mapper.setSubmitPolicy(QDataWidgetMapper.SubmitPolicy.AutoSubmit)
        body = QWidget(self)
        self.layout_ = QFormLayout(body)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels: list[tuple[QLabel, Any]] = []
        self.editors: dict[str, QWidget] = {}
        for section, column in enumerate(source.columns):
            editor: QWidget
            prop = b"text"
            if column.field is None:
                editor = QLabel(body)
                editor.setTextFormat(Qt.TextFormat.PlainText)  # user text is data
                editor.setWordWrap(True)
                editor.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            elif column.editor == "text":
                editor = QPlainTextEdit(body)
                editor.setTabChangesFocus(True)
                editor.setMinimumHeight(60)
                prop = b"plainText"
            elif column.editor == "choice":
                editor = QComboBox(body)
                editor.addItems(list(column.choices))
                prop = b"currentText"
            elif column.editor == "flag":
                editor = QCheckBox(body)
                prop = b"checked"
            else:
                editor = QLineEdit(body)
            editor.setObjectName(f"{source.kind}_{column.field or section}")
            label = QLabel(body)
            label.setBuddy(editor)
            self.labels.append((label, column.title))
            self.layout_.addRow(label, editor)
            self.mapper.addMapping(editor, section, prop)
            if column.field is not None:
                self.editors[column.field] = editor
            if isinstance(editor, QComboBox):
                editor.activated.connect(self.mapper.submit)
            if isinstance(editor, QCheckBox):
                editor.toggled.connect(self.mapper.submit)
        self.setWidget(body)
        self.retranslate()
        self.setEnabled(False)

    def retranslate(self) -> None:
        for label, title in self.labels:
            text = QCoreApplication.translate("Columns", str(title))
            label.setText(text + ":")
            buddy = label.buddy()
            if buddy is not None:
                buddy.setAccessibleName(text)
        self.layout_.invalidate()  # the label column follows the new texts' widths
        self.layout_.activate()

    def add_section(self, widget: QWidget) -> None:
        """Put *widget* below the fields (a part of the record the table has no column for,
        such as an organisation's place or its available slots); it follows the current
        record itself (:meth:`RecordBrowser.current_record`, ``current_changed``)."""
        body = self.widget()
        assert body is not None
        self.layout_.addRow(widget)
        widget.setParent(body)

    def show_row(self, row: int) -> None:
        self.setEnabled(row >= 0)
        self.mapper.setCurrentIndex(row)
        if row < 0:
            for editor in self.editors.values():
                if isinstance(editor, (QLineEdit, QPlainTextEdit)):
                    editor.clear()


class RecordBrowser(QWidget):
    """Filter box, table, Add and Delete buttons, and the detail form of one kind of record."""

    #: The current record changed (the record, or None when there is none).
    current_changed = Signal(object)

    def __init__(self, model: RecordTableModel, new_values: Callable[[], dict[str, Any] | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.new_values = new_values
        self.proxy = RecordFilter(self)
        self.proxy.setSourceModel(model)
        self.filter_box = QLineEdit(self)
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setObjectName(f"{model.kind}Filter")
        self.filter_box.textChanged.connect(self.proxy.set_text)
        self.add_button = QToolButton(self)
        self.add_button.clicked.connect(self.add)
        self.delete_button = QToolButton(self)
        self.delete_button.clicked.connect(self.delete)
        self.count_label = QLabel(self)
        self.table = QTableView(self)
        self.table.setObjectName(f"{model.kind}Table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 8)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for section, column in enumerate(model.columns):
            self.table.setColumnHidden(section, not column.listed)
            self.table.setColumnWidth(section, 200 if section == 0 else 120)
        self.form = RecordForm(self.proxy, model, self)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.proxy.modelReset.connect(lambda: self.form.show_row(-1))
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset,
                       self.proxy.layoutChanged):
            signal.connect(self._count)
        tools = QHBoxLayout()
        tools.addWidget(self.filter_box, 1)
        tools.addWidget(self.count_label)
        tools.addWidget(self.add_button)
        tools.addWidget(self.delete_button)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.form)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(tools)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.filter_box, self.table)
        self.setTabOrder(self.table, self.form)
        self.retranslate()

    def retranslate(self) -> None:
        kind = self.model.kind
        texts = {
            "organisation": (self.tr("Filter organisations…"), self.tr("Add organisation"),
                             self.tr("Delete organisation"), self.tr("New organisation"),
                             self.tr("Organisations")),
            "contact": (self.tr("Filter contacts…"), self.tr("Add contact"),
                        self.tr("Delete contact"), self.tr("New contact"), self.tr("Contacts")),
            "traveller": (self.tr("Filter the delegation…"), self.tr("Add traveller"),
                          self.tr("Delete traveller"), self.tr("New traveller"),
                          self.tr("Travellers")),
            "goal": (self.tr("Filter goals…"), self.tr("Add learning goal"),
                     self.tr("Delete learning goal"), self.tr("New learning goal"),
                     self.tr("Learning goals")),
        }[kind]
        self.filter_box.setPlaceholderText(texts[0])
        self.filter_box.setAccessibleName(texts[0].rstrip("…"))
        self.add_button.setText("+")
        self.add_button.setToolTip(texts[1])
        self.add_button.setAccessibleName(texts[1])
        self.delete_button.setText("−")
        self.delete_button.setToolTip(texts[2])
        self.delete_button.setAccessibleName(texts[2])
        self.new_name = texts[3]
        self.table.setAccessibleName(texts[4])
        self.form.retranslate()
        self._count()

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.form.show_row(current.row())
        self.current_changed.emit(self.current_record())

    def _count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(str(total) if shown == total else f"{shown} / {total}")

    # --- selection ----------------------------------------------------------------------------
    def current_record(self) -> Any:
        current = self.table.currentIndex()
        if not current.isValid():
            return None
        return self.model.record_at(self.proxy.mapToSource(current).row())

    def select_key(self, key: int) -> bool:
        """Make the record *key* current (clearing the filter if it hides it)."""
        row = self.model.row_of(key)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.filter_box.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    # --- add and delete -----------------------------------------------------------------------
    def add(self) -> None:
        document = self.model.document
        values = self.new_values()
        if document is None or values is None:
            return
        name_field = "title" if self.model.kind == "goal" else "name"
        values = {name_field: self.new_name, **values}
        command = AddRecord(document, self.model.kind, values, self.add_button.toolTip())
        if commands.execute(command) and command.key is not None:
            self.select_key(command.key)
            editor = self.form.editors.get(name_field)
            if isinstance(editor, QLineEdit):
                editor.setFocus()
                editor.selectAll()

    def delete(self) -> None:
        document = self.model.document
        rows = sorted({self.proxy.mapToSource(i).row()
                       for i in self.table.selectionModel().selectedRows()})
        records = [self.model.record_at(row) for row in rows]
        if document is None or not records:
            return
        name_field = "title" if self.model.kind == "goal" else "name"
        stack = document.undo_stack
        if len(records) > 1:
            stack.beginMacro(self.tr("Delete %n records", "", len(records)))
        try:
            for obj in records:
                commands.execute(DeleteRecord(document, self.model.kind, obj.id,
                                              str(getattr(obj, name_field))))
        finally:
            if len(records) > 1:
                stack.endMacro()
