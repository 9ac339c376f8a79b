"""File > Restore from Backup…, and what the window offers for a damaged tour.

A tour keeps rolling backups in the data folder (``planner.backups``: one a day of editing for a
week, one a week for eight weeks, taken on a worker after edits). The dialog lists them with the
date, the tour's revision and its number of agenda items, read on a worker; restoring one is one
step: the window closes the tour, the backup replaces it (the tour as it was is kept among the
backups), and the tour opens again, its undo history gone with the state it described.

A tour SQLite finds damaged is refused when opened, with an offer to restore its newest good
backup or to rescue what can be read into a new file (``planner.rescue``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.store import SUFFIX
from ui.document import TourDocument
from ui.operations import Operations
from ui.text import fill

if TYPE_CHECKING:
    from planner.backups import Backup
    from ui.mainwindow import MainWindow


def _when(backup: Backup) -> str:
    return backup.taken.astimezone().strftime("%Y-%m-%d %H:%M")


def _unknown(value: int | None) -> str:
    return "?" if value is None else str(value)


class RestoreDialog(QDialog):
    """The backups of the open tour, newest first; Restore puts the chosen one in place."""

    #: The user chose a backup to restore (the window does it: close, restore, open).
    restore_requested = Signal(object)

    COLUMNS = 4

    def __init__(self, document: TourDocument, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.document = document
        self.operations = operations
        self.backups: list[Backup] = []
        self.setWindowTitle(self.tr("Restore from Backup"))
        self.resize(640, 380)
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.setObjectName("backupsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Taken"), self.tr("Revision"),
                                              self.tr("Agenda items"), self.tr("State")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.itemDoubleClicked.connect(lambda _item: self.restore())
        layout.addWidget(self.table)
        self.status = QLabel(self)
        self.status.setObjectName("restoreStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = QPushButton(self.tr("Restore"), self)
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setEnabled(False)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.restore)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        path = document.store.path
        if path is None:
            self.intro.setText(self.tr("Only tour files have backups; this tour is in a "
                                       "database, which its server backs up."))
            return
        self.intro.setText(fill(self.tr("Backups of %1, newest first: one a day of editing for a "
                                        "week, then one a week for eight weeks. Restoring one "
                                        "replaces the tour; the tour as it is now is kept among "
                                        "the backups, and the undo history is cleared."),
                                path.name))
        self.status.setText(self.tr("Reading the backups…"))
        self.operations.run(fill(self.tr("Reading the backups of %1"), path.name),
                            lambda _progress: _list(path), self._listed, self._failed)

    def _listed(self, backups: list[Backup]) -> None:
        self.backups = backups
        self.table.setRowCount(len(backups))
        for row, backup in enumerate(backups):
            state = self.tr("good") if backup.good else self.tr("damaged")
            if backup.replaced:
                state += " · " + self.tr("the tour a restore replaced")
            for column, text in enumerate((_when(backup), _unknown(backup.revision),
                                           _unknown(backup.items), state)):
                cell = QTableWidgetItem(text)
                if column in (1, 2):
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if not backup.good:
                    cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.status.setText(self.tr("No backups yet: the first is taken after the first "
                                    "edit of the day.") if not backups else "")
        good = next((row for row, b in enumerate(backups) if b.good), None)
        if good is not None:
            self.table.selectRow(good)

    def _failed(self, error: BaseException) -> None:
        self.status.setText(fill(self.tr("The backups could not be read: %1"), str(error)))

    def chosen(self) -> Backup | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        backup = self.backups[rows[0].row()]
        return backup if backup.good else None

    def _selected(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)

    def restore(self) -> None:
        backup = self.chosen()
        if backup is None:
            return
        self.restore_requested.emit(backup)
        self.accept()


def _list(path: Path) -> list[Backup]:
    from planner.backups import list_backups

    return list_backups(path)


def offer_repair(window: MainWindow, path: Path, error: BaseException) -> None:
    """Say that *path* is damaged, and offer to restore its newest good backup or to rescue
    what can be read into a new file (the backups are looked at on a worker)."""

    def newest(_progress: Any) -> Backup | None:
        from planner.backups import newest_good_backup

        return newest_good_backup(path)

    title = QCoreApplication.translate("RepairOffer", "Looking for backups of %1")
    window.operations.run(fill(title, path.name), newest,
                          lambda found: _ask(window, path, error, found),
                          lambda _exc: _ask(window, path, error, None))


def _ask(window: MainWindow, path: Path, error: BaseException, newest: Backup | None) -> None:
    text = QCoreApplication.translate(
        "RepairOffer", "%1 is damaged: parts of it cannot be read, so it is not opened.")
    box = QMessageBox(QMessageBox.Icon.Critical,
                      QCoreApplication.translate("RepairOffer", "The tour is damaged"),
                      fill(text, path.name), QMessageBox.StandardButton.Cancel, window)
    box.setObjectName("repairBox")
    box.setTextFormat(Qt.TextFormat.PlainText)  # the file name is data
    box.setDetailedText(str(error))  # what SQLite found, for whoever looks into it
    if newest is not None:
        box.setInformativeText(fill(QCoreApplication.translate(
            "RepairOffer", "Its newest good backup is from %1 (revision %2, %3 agenda items). "
                           "Restore it (the damaged file is kept among the backups), or "
                           "rescue what can still be read into a new file."),
            _when(newest), _unknown(newest.revision), _unknown(newest.items)))
        restore = box.addButton(QCoreApplication.translate("RepairOffer", "Restore Backup"),
                                QMessageBox.ButtonRole.AcceptRole)
        restore.setObjectName("restoreNewest")
        restore.clicked.connect(lambda: window.restore_backup(newest, path))
    else:
        box.setInformativeText(QCoreApplication.translate(
            "RepairOffer", "No backup of it was found. Rescue what can still be read into a "
                           "new file."))
    rescue = box.addButton(QCoreApplication.translate("RepairOffer", "Rescue…"),
                           QMessageBox.ButtonRole.ActionRole)
    rescue.setObjectName("rescue")
    rescue.clicked.connect(lambda: _rescue(window, path))
    window.repair_box = box  # tests press its buttons
    box.open()


def _rescue(window: MainWindow, path: Path) -> None:
    target, _ = QFileDialog.getSaveFileName(
        window, QCoreApplication.translate("RepairOffer", "Rescue into"),
        str(path.with_name(path.stem + "-rescued" + SUFFIX)),
        fill(QCoreApplication.translate("RepairOffer", "Ecovisit tours (%1)"), "*" + SUFFIX))
    if target:
        window.rescue_tour(path, Path(target if target.endswith(SUFFIX) else target + SUFFIX))
