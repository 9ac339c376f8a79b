"""New tour: title, dates, home time zone and where the tour file goes."""

from __future__ import annotations

import zoneinfo
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.edits import create_tour
from planner.errors import EcovisitError
from planner.locations import tours_dir
from planner.store import SUFFIX
from planner.timezones import local_today
from ui.i18n import message_of


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class NewTourDialog(QDialog):
    """Asks for what a new tour needs and creates its file; :attr:`created` is its path."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New Tour"))
        self.created = ""
        self.title = QLineEdit(self)
        self.title_ja = QLineEdit(self)
        start = local_today() + timedelta(weeks=8)
        self.start = QDateEdit(_qdate(start), self)
        self.end = QDateEdit(_qdate(start + timedelta(days=9)), self)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.start.dateChanged.connect(self._keep_order)
        self.zone = QComboBox(self)
        self.zone.setEditable(True)
        self.zone.addItems(sorted(zoneinfo.available_timezones()))
        self.zone.setCurrentText("Asia/Tokyo")
        self.file = QLineEdit(str(tours_dir() / f"new-tour{SUFFIX}"), self)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        for label, field in ((self.tr("&Title:"), self.title),
                             (self.tr("&Japanese title:"), self.title_ja),
                             (self.tr("&First day:"), self.start),
                             (self.tr("&Last day:"), self.end),
                             (self.tr("&Home time zone:"), self.zone)):
            form.addRow(label, field)
            field.setAccessibleName(label.replace("&", "").rstrip(":"))
        file_label = QLabel(self.tr("Tour &file:"), self)
        file_label.setBuddy(self.file)
        form.addRow(file_label, file_row)
        self.file.setAccessibleName(self.tr("Tour file"))
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # it quotes what was typed
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: palette(highlight);")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    def _keep_order(self, value: QDate) -> None:
        if self.end.date() < value:
            self.end.setDate(value)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New Tour File"), self.file.text(),
                                              self.tr("Ecovisit tours (*%1)").replace(
                                                  "%1", SUFFIX))
        if path:
            self.file.setText(path if path.endswith(SUFFIX) else path + SUFFIX)

    def accept(self) -> None:
        """Create the tour file; stay open with the reason if it cannot be made."""
        path = Path(self.file.text().strip())
        if path.suffix != SUFFIX:
            self.error.setText(self.tr("A tour file name ends in %1.").replace("%1", SUFFIX))
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            create_tour(path, self.title.text(), _date(self.start.date()),
                        _date(self.end.date()), title_ja=self.title_ja.text(),
                        home_zone=self.zone.currentText().strip())
        except (EcovisitError, OSError) as exc:
            self.error.setText(message_of(exc))
            return
        self.created = str(path)
        super().accept()
