"""Import contacts: choose a file, check how its columns map to fields and what would happen to
each row, then apply it as one undoable step.

Reading the file and the trial run (the importer with ``dry_run``) happen on a worker whenever
the file, the encoding or a column's field changes; the preview then marks the rows that would
not be imported (and the values that would be left out) in the severity colours, with the reason
as their tooltip, and the report below says it row by row. Import applies the same mapping in
one transaction, recorded (:mod:`planner.changes`) so that one undo takes the whole import back,
and the window's status bar says what was added and merged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
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
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner import changes
from planner.directory.fields import FIELDS, map_columns
from planner.directory.importer import ImportReport, RowIssue, import_table
from planner.directory.sources import Table, read_table
from planner.feasibility import Severity
from ui import commands
from ui.document import TourDocument
from ui.operations import Operations, Progress
from ui.severity import severity_colour
from ui.text import fill, tooltip

Index = QModelIndex | QPersistentModelIndex
PREVIEW_ROWS = 50
ENCODINGS = ("", "utf-8", "utf-16", "cp932", "cp1252", "latin-1")
#: The report box shows at least this many lines without scrolling.
REPORT_LINES = 12


class PreviewModel(QAbstractTableModel):
    """The first rows of the file as read, one column per file column, headed by the field
    each column goes to."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.table: Table | None = None
        self.mapping: dict[str, str] = {}
        self.rejected: dict[int, list[RowIssue]] = {}  # row number -> why it would not be
        self.dropped: dict[tuple[int, str], list[RowIssue]] = {}  # (row, column) -> left out

    def set_table(self, table: Table | None, mapping: dict[str, str]) -> None:
        self.beginResetModel()
        self.table, self.mapping = table, dict(mapping)
        self.rejected, self.dropped = {}, {}
        self.endResetModel()

    def set_report(self, report: ImportReport | None) -> None:
        """Mark the rows *report* rejects and the values it leaves out."""
        self.rejected, self.dropped = {}, {}
        for issue in report.rejected if report else []:
            self.rejected.setdefault(issue.row, []).append(issue)
        for issue in report.dropped if report else []:
            self.dropped.setdefault((issue.row, issue.column), []).append(issue)
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, self.rowCount() - 1)

    def _severity(self, row: int, column: str | None) -> tuple[Severity | None, str]:
        """How bad row *row* (a file row number) or its *column*'s value is, and why."""
        if row in self.rejected:
            reasons = [f"{issue.column}: {issue.reason}" if issue.column else issue.reason
                       for issue in self.rejected[row]]
            return Severity.ERROR, "\n".join([self.tr("Would not be imported:"), *reasons])
        left_out = [issue for (number, name), issues in self.dropped.items()
                    for issue in issues if number == row and column in (None, name)]
        if left_out:
            return Severity.WARNING, "\n".join([
                self.tr("Imported without this value:") if column else
                self.tr("Imported without some values:"),
                *(f"{issue.column}: {issue.reason}" for issue in left_out)])
        return None, ""

    def _marked(self, severity: Severity | None, role: int) -> QColor | None:
        if severity is None:
            return None
        colour = severity_colour(severity)
        if role == Qt.ItemDataRole.BackgroundRole:
            colour.setAlpha(36)  # a tint of the severity's colour, under text that stays black
        return colour

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
        row = self.table.rows[index.row()]
        column = self.table.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.values.get(column, "")
        if role == Qt.ItemDataRole.ToolTipRole:
            severity, why = self._severity(row.number, column)
            text = row.values.get(column, "")
            return tooltip(f"{text}\n\n{why}" if severity is not None and text else why or text)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._marked(self._severity(row.number, column)[0], role)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.table is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            if section >= len(self.table.rows):
                return None
            number = self.table.rows[section].number
            if role == Qt.ItemDataRole.DisplayRole:
                return str(number)
            severity, why = self._severity(number, None)
            if role == Qt.ItemDataRole.ToolTipRole:
                return tooltip(why) if why else None
            if role == Qt.ItemDataRole.ForegroundRole:
                return self._marked(severity, role)
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
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
        self.summary.setMinimumHeight(2 * self.summary.fontMetrics().lineSpacing())
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("What the import would do, row by row"))
        # readable without scrolling at once: the file's report is what a coordinator acts on
        lines = self.details.fontMetrics().lineSpacing() * REPORT_LINES
        self.details.setMinimumHeight(lines + 2 * self.details.frameWidth()
                                      + int(self.details.document().documentMargin()) * 2)
        # a file of many columns scrolls its mapping instead of squeezing the report below
        mapping_scroll = QScrollArea(self)
        mapping_scroll.setWidget(self.mapping_box)
        mapping_scroll.setWidgetResizable(True)
        mapping_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        mapping_scroll.setMinimumWidth(280)
        upper = QSplitter(Qt.Orientation.Horizontal, self)
        upper.addWidget(mapping_scroll)
        upper.addWidget(self.preview_view)
        upper.setStretchFactor(1, 3)
        upper.setSizes([320, 680])
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.summary)
        lower_layout.addWidget(self.details)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(upper)
        split.addWidget(lower)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
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
        self.resize(1000, 720)

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
        self.summary.setText(fill(self.tr("Reading %1…"), path.name))
        self._generation += 1
        generation = self._generation
        self.operations.run(fill(self.tr("Reading %1"), path.name),
                            lambda _progress: read_table(path, encoding),
                            lambda table: self._read(table, generation), self._failed)

    def _read(self, table: Table, generation: int) -> None:
        if generation != self._generation:
            return
        self.table = table
        self.report = None
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
            box.setAccessibleName(fill(self.tr("Field for column %1"), column))
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
        self.operations.run(fill(self.tr("Checking %1"), Path(table.source).name),
                            trial, lambda report: self._checked(report, generation),
                            self._failed)

    def _checked(self, report: ImportReport, generation: int) -> None:
        if generation != self._generation:
            return
        self.report = report
        self.preview.set_report(report)
        self.summary.setText(self._summary(report, would=True))
        self.details.setPlainText(report.text())
        self.import_button.setEnabled(report.changed)

    def _summary(self, report: ImportReport, would: bool) -> str:
        text = self.tr("%1 new, %2 merged into existing organisations, %3 unchanged, "
                       "%4 rejected") if not would else \
            self.tr("Would add %1, merge %2 into existing organisations and leave %3 unchanged; "
                    "rows that would not be imported: %4")
        text = fill(text, len(report.added), len(report.merged), len(report.unchanged),
                    len(report.rejected_rows)) + "."
        if report.dropped:
            left_out = self.tr("Values that would be left out: %1 (marked in the preview).") \
                if would else self.tr("Values left out: %1.")
            text += " " + fill(left_out, str(len(report.dropped)))
        return text

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
            fill(self.tr("Importing %1"), Path(table.source).name),
            work, lambda result: self._applied(*result), self._failed))

    def _applied(self, report: ImportReport, changeset: changes.Changeset) -> None:
        self.imported = report
        document = self.document
        document.absorb(changeset)
        name = Path(report.source).name
        commands.execute(commands.AppliedChange(
            document, changeset, fill(self.tr("Import %1"), name)))
        said = fill(self.tr("Imported %1: %2"), name, self._summary(report, would=False))
        self.summary.setText(said)
        window = self.parentWidget()
        if isinstance(window, QMainWindow):  # the dialog closes: the window says it
            window.statusBar().showMessage(said, 30_000)
            if hasattr(window, "last_message"):
                window.last_message = said
        self.accept()
