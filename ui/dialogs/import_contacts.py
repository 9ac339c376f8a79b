"""Import contacts: choose a file, check how its columns map to fields and what would happen to
each row, then apply it as one undoable step.

Reading the file and the trial run (the importer with ``dry_run``) happen on a worker whenever
the file, the encoding or a column's field changes; Import applies the same mapping in one
transaction, recorded (:mod:`planner.changes`) so that one undo takes the whole import back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner import changes
from planner.directory.fields import FIELDS, map_columns
from planner.directory.importer import ImportReport, import_table
from planner.directory.sources import Table, read_table
from ui import commands
from ui.document import TourDocument
from ui.operations import Operations, Progress
from ui.text import tooltip

Index = QModelIndex | QPersistentModelIndex
PREVIEW_ROWS = 50
ENCODINGS = ("", "utf-8", "utf-16", "cp932", "cp1252", "latin-1")


class PreviewModel(QAbstractTableModel):
    """The first rows of the file as read, one column per file column, headed by the field
    each column goes to."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.table: Table | None = None
        self.mapping: dict[str, str] = {}

    def set_table(self, table: Table | None, mapping: dict[str, str]) -> None:
        self.beginResetModel()
        self.table, self.mapping = table, dict(mapping)
        self.endResetModel()

    def set_mapping(self, mapping: dict[str, str]) -> None:
        self.mapping = dict(mapping)
        if self.table is not None and self.table.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                        len(self.table.columns) - 1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() or self.table is None:
            return 0
        return min(PREVIEW_ROWS, len(self.table.rows))

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.table is None else len(self.table.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.table is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            row = self.table.rows[index.row()]
            text = row.values.get(self.table.columns[index.column()], "")
            return tooltip(text) if role == Qt.ItemDataRole.ToolTipRole else text
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.table is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(self.table.rows[section].number) if section < len(self.table.rows) \
                else None
        column = self.table.columns[section]
        field = self.mapping.get(column)
        return f"{column}\n→ {field}" if field else f"{column}\n({self.tr('not imported')})"


class ImportContactsDialog(QDialog):
    """Choose, check and import a directory file (CSV, Excel, vCard)."""

    def __init__(self, document: TourDocument, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.operations = operations
        self.table: Table | None = None
        self.report: ImportReport | None = None
        self.imported: ImportReport | None = None
        self._generation = 0  # later checks win over slower earlier ones
        self.setWindowTitle(self.tr("Import Contacts"))
        self.file = QLineEdit(self)
        self.file.setAccessibleName(self.tr("File to import"))
        self.file.editingFinished.connect(self.read_file)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        self.encoding = QComboBox(self)
        self.encoding.setAccessibleName(self.tr("Encoding"))
        for code in ENCODINGS:
            self.encoding.addItem(code or self.tr("Detect"), code)
        self.encoding.currentIndexChanged.connect(lambda _i: self.read_file())
        top = QFormLayout()
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(browse)
        file_label = QLabel(self.tr("&File:"), self)
        file_label.setBuddy(self.file)
        top.addRow(file_label, file_row)
        top.addRow(self.tr("&Encoding:"), self.encoding)
        self.mapping_box = QGroupBox(self.tr("Columns"), self)
        self.mapping_form = QFormLayout(self.mapping_box)
        self.field_boxes: dict[str, QComboBox] = {}
        self.preview = PreviewModel(self)
        self.preview_view = QTableView(self)
        self.preview_view.setModel(self.preview)
        self.preview_view.setAccessibleName(self.tr("Preview of the file"))
        self.preview_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Interactive)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("What the import would do, row by row"))
        upper = QSplitter(Qt.Orientation.Horizontal, self)
        upper.addWidget(self.mapping_box)
        upper.addWidget(self.preview_view)
        upper.setStretchFactor(1, 3)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.summary)
        lower_layout.addWidget(self.details)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(upper)
        split.addWidget(lower)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(self.tr("&Import"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.buttons)
        self.resize(1000, 680)

    # --- reading the file ---------------------------------------------------------------------
    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import Contacts"), self.file.text(),
            self.tr("Directory files (*.csv *.txt *.xlsx *.vcf);;All files (*)"))
        if path:
            self.file.setText(path)
            self.read_file()

    def read_file(self) -> None:
        """Read the chosen file on a worker, then map its columns and check it."""
        text = self.file.text().strip()
        if not text:
            return
        path = Path(text)
        encoding = self.encoding.currentData() or None
        self.import_button.setEnabled(False)
        self.summary.setText(self.tr("Reading %1…").replace("%1", path.name))
        self._generation += 1
        generation = self._generation
        self.operations.run(self.tr("Reading %1").replace("%1", path.name),
                            lambda _progress: read_table(path, encoding),
                            lambda table: self._read(table, generation), self._failed)

    def _read(self, table: Table, generation: int) -> None:
        if generation != self._generation:
            return
        self.table = table
        mapping = map_columns(table.columns)
        self._fill_mapping(table.columns, mapping)
        self.preview.set_table(table, mapping)
        self.check()

    def _fill_mapping(self, columns: list[str], mapping: dict[str, str]) -> None:
        while self.mapping_form.rowCount():
            self.mapping_form.removeRow(0)
        self.field_boxes = {}
        for column in columns:
            box = QComboBox(self.mapping_box)
            box.addItem(self.tr("(not imported)"), "")
            for field in FIELDS:
                box.addItem(field.name, field.name)
                box.setItemData(box.count() - 1, field.description, Qt.ItemDataRole.ToolTipRole)
            box.setCurrentIndex(max(0, box.findData(mapping.get(column, ""))))
            box.setAccessibleName(self.tr("Field for column %1").replace("%1", column))
            box.currentIndexChanged.connect(lambda _i: self._mapping_changed())
            label = QLabel(column, self.mapping_box)
            label.setTextFormat(Qt.TextFormat.PlainText)
            self.mapping_form.addRow(label, box)
            self.field_boxes[column] = box

    def mapping(self) -> dict[str, str]:
        """Column -> field as chosen (a field chosen twice goes to the first column)."""
        chosen: dict[str, str] = {}
        for column, box in self.field_boxes.items():
            field = box.currentData()
            if field and field not in chosen.values():
                chosen[column] = field
        return chosen

    def _mapping_changed(self) -> None:
        self.preview.set_mapping(self.mapping())
        self.check()

    # --- the trial run ------------------------------------------------------------------------
    def check(self) -> None:
        """Run the import without keeping it, and show what it would do."""
        table = self.table
        if table is None:
            return
        mapping = self.mapping()
        self.import_button.setEnabled(False)
        self._generation += 1
        generation = self._generation
        store = self.document.store

        def trial(_progress: Progress) -> ImportReport:
            with store.session() as session:
                try:
                    return import_table(session, table, mapping, dry_run=True)
                finally:
                    session.rollback()

        self.summary.setText(self.tr("Checking…"))
        self.operations.run(self.tr("Checking %1").replace("%1", Path(table.source).name),
                            trial, lambda report: self._checked(report, generation),
                            self._failed)

    def _checked(self, report: ImportReport, generation: int) -> None:
        if generation != self._generation:
            return
        self.report = report
        self.summary.setText(self._summary(report, would=True))
        self.details.setPlainText(report.text())
        self.import_button.setEnabled(report.changed)

    def _summary(self, report: ImportReport, would: bool) -> str:
        text = self.tr("%1 new, %2 merged into existing organisations, %3 unchanged, "
                       "%4 rejected") if not would else \
            self.tr("Would add %1, merge %2 into existing organisations, leave %3 unchanged "
                    "and reject %4")
        return (text.replace("%1", str(len(report.added))).replace("%2", str(len(report.merged)))
                .replace("%3", str(len(report.unchanged)))
                .replace("%4", str(len(report.rejected_rows))) + ".")

    def _failed(self, error: BaseException) -> None:
        self.summary.setText(str(error))
        self.details.clear()
        self.import_button.setEnabled(False)

    # --- applying -----------------------------------------------------------------------------
    def apply(self) -> None:
        """Import for real, in one transaction, as one undoable step."""
        table = self.table
        if table is None or self.report is None or not self.report.changed:
            return
        mapping = self.mapping()
        store = self.document.store
        self.import_button.setEnabled(False)

        def work(_progress: Progress) -> tuple[ImportReport, changes.Changeset]:
            # the write lock from the start: two imports at once never double an organisation
            with store.transaction(write=True) as session:
                return changes.record(session, lambda s: import_table(s, table, mapping))

        self.summary.setText(self.tr("Importing…"))
        self.document.track_write(self.operations.run(
            self.tr("Importing %1").replace("%1", Path(table.source).name),
            work, lambda result: self._applied(*result), self._failed))

    def _applied(self, report: ImportReport, changeset: changes.Changeset) -> None:
        self.imported = report
        document = self.document
        document.absorb(changeset)
        name = Path(report.source).name
        commands.execute(commands.AppliedChange(
            document, changeset, self.tr("Import %1").replace("%1", name)))
        self.summary.setText(self._summary(report, would=False))
        self.accept()
