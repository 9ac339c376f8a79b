"""A list of records with a filter box, column sorting, Add/Delete, and a detail form.

The directory (organisations, contacts) and the delegation editor (travellers, goals) are made
of these. The table edits in place; the form below it edits the current row through a
``QDataWidgetMapper`` (every field, including the ones the table does not list), and both end up
in the model's ``setData``, i.e. as undo commands.

A refused value is said once (the model tells the document; see
:class:`ui.models.records.RecordTableModel`), the field shows the stored value again, and the
record that was being edited stays current, with the focus back in the refused field, even if
the click that left the field chose another record.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    Property,
    QAbstractItemModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDataWidgetMapper,
    QFormLayout,
    QHBoxLayout,
    QItemDelegate,
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
    QVBoxLayout,
    QWidget,
)

from planner.folding import fold
from ui import commands
from ui.commands import AddRecord, DeleteRecord
from ui.models.records import Column, RecordTableModel, SortRole
from ui.widgets.columns import ColumnWidths

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


#: Records another column refers to, as (name, key) (a goal's owner: the travellers).
References = Callable[[], list[tuple[str, int]]]


class ChoiceBox(QComboBox):
    """A drop-down list whose value is the data of the chosen item (a choice's value, or a
    referenced record's key as text, "" for none), read and written through its user property
    ``value`` by the form's mapper and the table's delegate. Its items are asked for whenever a
    value is shown and when the list opens, so they follow renamed and new records."""

    def __init__(self, items: Callable[[], list[tuple[str, str]]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items = items
        self.refresh()

    def refresh(self) -> None:
        """Ask for the items again, keeping the chosen value."""
        chosen, value = self.currentIndex() >= 0, self.get_value()
        items = self._items()
        if [(self.itemText(i), self.itemData(i)) for i in range(self.count())] != items:
            self.clear()
            for label, data in items:
                self.addItem(label, data)
        self.setCurrentIndex(self.findData(value) if chosen else -1)  # nothing stays nothing

    def get_value(self) -> str:
        data = self.currentData()
        return "" if data is None else str(data)

    def set_value(self, value: Any) -> None:
        self.refresh()
        self.setCurrentIndex(self.findData("" if value is None else str(value)))

    value = Property(str, get_value, set_value, user=True)

    def showPopup(self) -> None:
        self.refresh()
        super().showPopup()


class ChoiceDelegate(QStyledItemDelegate):
    """The table edits choices and references with the form's drop-down list."""

    def __init__(self, browser: RecordBrowser) -> None:
        super().__init__(browser)
        self.browser = browser

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        column = self.browser.model.columns[index.column()]
        if column.editor not in ("choice", "reference"):
            return super().createEditor(parent, option, index)
        box = self.browser.form.choice_box(column, parent)
        box.activated.connect(lambda _row: self._chosen(box))
        return box

    def _chosen(self, box: ChoiceBox) -> None:
        self.commitData.emit(box)
        self.closeEditor.emit(box)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, ChoiceBox) and editor.currentIndex() < 0:
            return  # nothing chosen
        super().setModelData(editor, model, index)


class FormDelegate(QItemDelegate):
    """The form's delegate: a field is submitted when the focus leaves it, as with Qt's, but
    when the whole window loses the focus (to a message box, or another program) the focus
    stays in the field; Qt's item-view delegate would move it to the field's parent, so that
    after a refusal's message the typing went nowhere."""

    def eventFilter(self, editor: Any, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and isinstance(editor, QWidget) \
                and getattr(event, "reason", lambda: None)() \
                == Qt.FocusReason.ActiveWindowFocusReason:
            self.commitData.emit(editor)
            return False
        return super().eventFilter(editor, event)


class RecordForm(QScrollArea):
    """Every column of the current record as a labelled field."""

    def __init__(self, model: QSortFilterProxyModel, source: RecordTableModel,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        #: The records each reference field offers, set by :meth:`RecordBrowser.set_choices`.
        self.references: dict[str, References] = {}
        self.sections: list[QWidget] = []
        self.setWidgetResizable(True)
        self.mapper = QDataWidgetMapper(self)
        self.mapper.setModel(model)
        self.mapper.setItemDelegate(FormDelegate(self.mapper))
        self.mapper.setSubmitPolicy(QDataWidgetMapper.SubmitPolicy.AutoSubmit)
        body = QWidget(self)
        self.layout_ = QFormLayout(body)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels: list[tuple[QLabel, Column]] = []
        self.editors: dict[str, QWidget] = {}
        for section, column in enumerate(source.columns):
            editor: QWidget
            prop = b"text"
            if column.field is None:
                editor = QLabel(body)
                editor.setTextFormat(Qt.TextFormat.PlainText)  # user text is data
                editor.setWordWrap(True)
                editor.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                # as tall as its text: a form with room to spare gave a wrapped label all of it
                editor.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
            elif column.editor == "text":
                editor = QPlainTextEdit(body)
                editor.setTabChangesFocus(True)
                # four lines, scrolling inside: the fields below stay in sight at 1280×800
                editor.setFixedHeight(round(editor.fontMetrics().lineSpacing() * 4.5) + 8)
                prop = b"plainText"
            elif column.editor in ("choice", "reference"):
                editor = self.choice_box(column, body)
                prop = b"value"
            elif column.editor == "flag":
                editor = QCheckBox(body)
                prop = b"checked"
            else:
                editor = QLineEdit(body)
            editor.setObjectName(f"{source.kind}_{column.field or section}")
            label = QLabel(body)
            label.setBuddy(editor)
            self.labels.append((label, column))
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

    def choice_box(self, column: Column, parent: QWidget) -> ChoiceBox:
        """A drop-down list of *column*'s choices (labels in the window's language), or of the
        records it may refer to, "none" first."""
        def items() -> list[tuple[str, str]]:
            if column.editor == "reference":
                found = self.references.get(column.field or "")
                none = QCoreApplication.translate("Columns", str(column.none_text))
                return [(none, "")] + [(name, str(key))
                                       for name, key in (found() if found else [])]
            return [(column.choice_label(value), value) for value in column.choices]

        return ChoiceBox(items, parent)

    def retranslate(self) -> None:
        for label, column in self.labels:
            text = column.heading()
            label.setText(text + ":")
            buddy = label.buddy()
            if buddy is not None:
                buddy.setAccessibleName(text)
            if isinstance(buddy, ChoiceBox):
                buddy.refresh()
        for section in self.sections:
            retranslate = getattr(section, "retranslate", None)
            if callable(retranslate):
                retranslate()
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
        self.sections.append(widget)

    def show_row(self, row: int) -> None:
        """Show the record at *row*; none (-1): every field empty, not the last record's."""
        self.setEnabled(row >= 0)
        self.mapper.setCurrentIndex(row)
        if row >= 0:
            return
        for section in range(self.mapper.model().columnCount()):
            editor = self.mapper.mappedWidgetAt(section)
            if isinstance(editor, (QLineEdit, QPlainTextEdit, QLabel)):
                editor.clear()
            elif isinstance(editor, QComboBox):
                editor.setCurrentIndex(-1)
            elif isinstance(editor, QCheckBox):
                editor.setChecked(False)


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
        self.add_button.clicked.connect(lambda: self.add())
        self._add_choices: Callable[[], list[tuple[str, dict[str, Any]]]] | None = None
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
        for section, column in enumerate(model.columns):
            self.table.setColumnHidden(section, not column.listed)
        # Widths from the font and what each column typically holds (never ResizeToContents)
        self.column_widths = ColumnWidths(self.table, model.columns)
        self.form = RecordForm(self.proxy, model, self)
        self.table.setItemDelegate(ChoiceDelegate(self))
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        model.refused.connect(self._refused)
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
        self.splitter.setStretchFactor(0, 1)  # the form's fields before more rows
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(tools)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.filter_box, self.table)
        self.setTabOrder(self.table, self.form)
        self.retranslate()

    def texts(self) -> tuple[str, str, str, str, str]:
        """The filter's placeholder, the add and delete buttons' names, a new record's name
        and the table's name, in the window's language."""
        kind = self.model.kind
        return {
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

    def retranslate(self) -> None:
        texts = self.texts()
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

    def set_choices(self, field: str, references: References) -> None:
        """The records the reference *field* may name (as (name, key)), asked for each time
        the field shows a value or opens its list."""
        self.form.references[field] = references

    # --- a refused value ----------------------------------------------------------------------
    def _refused(self, key: int, field: str) -> None:
        in_table = self.table.state() == QAbstractItemView.State.EditingState
        # After the event that submitted the value (a click on another row goes on to choose
        # that row): the record being edited stays current, the focus in the refused field.
        QTimer.singleShot(0, self, lambda: self._back_to(key, field, in_table))

    def _back_to(self, key: int, field: str, in_table: bool) -> None:
        current = self.current_record()
        if (current is None or current.id != key) and not self.select_key(key):
            return  # gone meanwhile
        if in_table:
            row = self.table.currentIndex().row()
            index = self.proxy.index(row, self.model.column_of(field))
            self.table.setCurrentIndex(index)
            self.table.setFocus()
            return
        editor = self.form.editors.get(field)
        if editor is not None:
            self.form.ensureWidgetVisible(editor)
            editor.setFocus()
            if isinstance(editor, QLineEdit):
                editor.selectAll()

    # --- add and delete -----------------------------------------------------------------------
    def set_add_choices(self, choices: Callable[[], list[tuple[str, dict[str, Any]]]]) -> None:
        """Offer several kinds of new record under the Add button's arrow (a goal for the
        current traveller, for the whole delegation...): *choices* gives (text, values) each
        time the menu opens. A click on the button itself still adds with :attr:`new_values`."""
        self._add_choices = choices
        menu = QMenu(self.add_button)
        menu.aboutToShow.connect(self._fill_add_menu)
        self.add_button.setMenu(menu)
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)

    def _fill_add_menu(self) -> None:
        menu = self.add_button.menu()
        if menu is None or self._add_choices is None:
            return
        menu.clear()
        for text, values in self._add_choices():
            action = menu.addAction(text)
            action.triggered.connect(lambda _checked=False, v=values: self.add(v))

    def add(self, chosen: dict[str, Any] | None = None) -> None:
        """Add a record with *chosen* values, or else those :attr:`new_values` gives."""
        document = self.model.document
        values = self.new_values() if chosen is None else dict(chosen)
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
