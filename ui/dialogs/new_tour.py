"""New tour: title, dates, home time zone, the vision and where the tour file goes."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
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
from ui.dialogs.parts import refusal_label
from ui.dialogs.tour_properties import VisionEdit, zone_box
from ui.i18n import message_of
from ui.text import fill
from ui.widgets.clock import date_edit, pydate


def file_for_title(title: str) -> Path:
    """A tour file in the tours folder named after *title* ("Nordic Innovation 2027" ->
    ``Nordic-Innovation-2027.ecovisit``), never the name of a file that exists already."""
    stem = "-".join(re.sub(r"[^\w\s-]", " ", title).split())[:80].strip("-") or "new-tour"
    folder = tours_dir()
    path = folder / f"{stem}{SUFFIX}"
    number = 2
    while path.exists():
        path = folder / f"{stem}-{number}{SUFFIX}"
        number += 1
    return path


class NewTourDialog(QDialog):
    """Asks for what a new tour needs and creates its file; :attr:`created` is its path."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newTourDialog")
        self.setWindowTitle(self.tr("New Tour"))
        self.created = ""
        self.title = QLineEdit(self)
        self.title_ja = QLineEdit(self)
        start = local_today() + timedelta(weeks=8)
        self.start = date_edit(start, self)
        self.end = date_edit(start + timedelta(days=9), self)
        self.start.dateChanged.connect(self._keep_order)
        self.zone = zone_box(self)
        self.zone.setToolTip(self.tr("Where the delegation comes from. Type any part of a "
                                     "name, e.g. Stockholm."))
        self.vision = VisionEdit("", self)
        self.vision_ja = VisionEdit("", self)
        self.vision.setPlaceholderText(self.tr(
            "What the delegation should come home with (it can also be written later, in "
            "Tour > Properties)."))
        #: The file name follows the title while it is the one suggested.
        self.suggested = str(file_for_title(""))
        self.file = QLineEdit(self.suggested, self)
        self.title.textChanged.connect(self._follow_title)
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
                             (self.tr("&Home time zone:"), self.zone),
                             (self.tr("&Vision:"), self.vision),
                             (self.tr("Japanese v&ision:"), self.vision_ja)):
            form.addRow(label, field)
            field.setAccessibleName(label.replace("&", "").rstrip(":"))
        file_label = QLabel(self.tr("Tour fil&e:"), self)
        file_label.setBuddy(self.file)
        form.addRow(file_label, file_row)
        self.file.setAccessibleName(self.tr("Tour file"))
        self.error = refusal_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    def _follow_title(self, title: str) -> None:
        if self.file.text() == self.suggested:
            self.suggested = str(file_for_title(title))
            self.file.setText(self.suggested)

    def _keep_order(self, value: QDate) -> None:
        if self.end.date() < value:
            self.end.setDate(value)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New Tour File"), self.file.text(),
                                              fill(self.tr("Ecovisit tours (*%1)"), SUFFIX))
        if path:
            self.file.setText(path if path.endswith(SUFFIX) else path + SUFFIX)

    def accept(self) -> None:
        """Create the tour file; stay open with the reason if it cannot be made."""
        path = Path(self.file.text().strip())
        if path.suffix != SUFFIX:
            self.error.setText(fill(self.tr("A tour file name ends in %1."), SUFFIX))
            return
        values = {"vision": self.vision.toPlainText().rstrip(),
                  "vision_ja": self.vision_ja.toPlainText().rstrip()}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            create_tour(path, self.title.text(), pydate(self.start.date()),
                        pydate(self.end.date()), title_ja=self.title_ja.text(),
                        home_zone=self.zone.currentText().strip(),
                        values={k: v for k, v in values.items() if v})
        except (EcovisitError, OSError) as exc:
            self.error.setText(message_of(exc))
            return
        self.created = str(path)
        super().accept()
