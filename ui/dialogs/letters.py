"""What the dialogs that write letters to hosts share (the thank-you letters after the tour, the
requests, reminders and confirmations before it): the hosts a letter is due to, read on a worker
and listed each checked, the current one's letter shown, and the chosen ones written into a folder
on a worker (progress, Cancel), asking before replacing files already there (as the export dialog
does), the outcome said and the folder opened with Open Folder.

A subclass says what its letters are (:meth:`LettersDialog.read_job`,
:meth:`LettersDialog.write_job` and the texts of its list and preview) and adds its options.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from planner.errors import FileExistsRefused
from ui.dialogs.export import failure_reason
from ui.dialogs.parts import BusyWork, WorkDialog, browse_row, busy_bar, outcome_label
from ui.document import TourDocument
from ui.operations import Operations, Progress
from ui.text import fill, tooltip

#: Reads the letters due (on a worker, in a session rolled back after).
ReadJob = Callable[[Session], list[Any]]
#: Writes the chosen hosts' letters into a folder (on a worker): (session, folder) -> files.
WriteJob = Callable[[Session, Path], list[Path]]


def addresses(letter: Any) -> str:
    """A letter's recipients as a mail program shows them ("Name <mail>, …")."""
    return ", ".join(f"{name} <{mail}>" if name else mail for name, mail in letter.to)


class LettersDialog(WorkDialog):
    """A letter per host, chosen from a list with the current one's letter beside it, written
    into a folder (plain text, and an e-mail draft where an address is known)."""

    def __init__(self, document: TourDocument, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(document, operations, parent)
        #: The letters due (as last read), in the list's order.
        self.letters: list[Any] = []
        #: The files the last writing made.
        self.written: list[Path] = []
        self.form = QFormLayout()
        self.add_options()
        self.folder = QLineEdit(self)
        self.folder.setAccessibleName(self.tr("Folder for the letters"))
        browse_row(self.form, self.tr("&Folder:"), self.folder, self.tr("Browse…"),
                   self._browse)
        explained = self.explanation()
        if explained:
            explanation = QLabel(explained, self)
            explanation.setWordWrap(True)
            self.form.addRow("", explanation)
        self.hosts = QListWidget(self)
        self.hosts.currentRowChanged.connect(self._preview)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("The letter"))
        self.split = QSplitter(Qt.Orientation.Horizontal, self)
        self.split.addWidget(self.hosts)
        self.split.addWidget(self.text)
        self.split.setStretchFactor(1, 2)
        self.bar = busy_bar(self, self.tr("Progress"))
        self.status = outcome_label(self, self.tr("Outcome"))
        self.buttons = QDialogButtonBox(self)
        self.write_button = self.buttons.addButton(self.tr("&Write Letters"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button = self.buttons.addButton(self.tr("&Open Folder"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._open_folder)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.write)
        self.buttons.rejected.connect(self.reject)
        self.work = BusyWork(self.bar, self.status, starts=[self.write_button],
                             close=self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.split, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.write_button.setEnabled(False)

    # --- what a subclass says ---------------------------------------------------------------
    def add_options(self) -> None:
        """Add the option rows above the folder to :attr:`form` (none here)."""

    def explanation(self) -> str:
        """A text under the folder ("": none)."""
        return ""

    def read_job(self) -> ReadJob:
        """The reading of the letters due, with the options as they are now."""
        raise NotImplementedError

    def write_job(self, keys: list[int], force: bool) -> WriteJob:
        """The writing of the letters to the hosts *keys*, replacing files where *force*."""
        raise NotImplementedError

    def host_text(self, letter: Any) -> str:
        """A host's line in the list."""
        return str(letter.name)

    def host_tip(self, letter: Any) -> str:
        """A host's tooltip in the list."""
        return addresses(letter)

    def found_text(self, count: int) -> str:
        """What to say when *count* letters were read."""
        raise NotImplementedError

    def letter_text(self, letter: Any) -> str:
        """The letter as the preview shows it."""
        return f"{letter.subject}\n\n{letter.text}"

    def no_hosts_text(self) -> str:
        """What to say when Write is pressed with no host chosen."""
        raise NotImplementedError

    def set_options_enabled(self, enabled: bool) -> None:
        """Enable the options (disabled while letters are written)."""

    # --- the letters due --------------------------------------------------------------------
    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.windowTitle(), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def _read_letters(self) -> None:
        if self.work.running and self.work.operation is not None:
            self.work.operation.cancel()
        store, job = self.document.store, self.read_job()
        self._generation += 1
        generation = self._generation
        self.letters = []
        self.hosts.clear()
        self.text.clear()
        self.write_button.setEnabled(False)

        def read(progress: Progress) -> list[Any]:
            with store.session() as session:
                try:
                    progress.check()
                    return job(session)
                finally:
                    session.rollback()

        self.work.start(self.operations.run(
            self.tr("Reading the letters"), read,
            lambda found: self._got(found, generation),
            lambda error: self._read_failed(error, generation),
            lambda: self._read_cancelled(generation)),
            self.tr("Reading the letters…"))
        self.write_button.setEnabled(False)

    def _read_failed(self, error: BaseException, generation: int) -> None:
        if generation == self._generation:
            self.work.finish(fill(self.tr("The letters could not be read: %1"),
                                  failure_reason(error)))
            self.write_button.setEnabled(False)

    def _read_cancelled(self, generation: int) -> None:
        if generation == self._generation:
            self.work.finish(self.tr("Cancelled: no letter was read."))
            self.write_button.setEnabled(False)

    def _got(self, found: list[Any], generation: int) -> None:
        if generation != self._generation:
            return
        self.letters = found
        self.hosts.clear()
        for letter in found:
            item = QListWidgetItem(self.host_text(letter), self.hosts)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, letter.organisation_id)
            item.setToolTip(tooltip(self.host_tip(letter)))
        if found:
            self.hosts.setCurrentRow(0)
        self.work.finish(self.found_text(len(found)))
        self.write_button.setEnabled(bool(found))

    def _preview(self, row: int) -> None:
        if 0 <= row < len(self.letters):
            self.text.setPlainText(self.letter_text(self.letters[row]))
        else:
            self.text.clear()

    def chosen(self) -> list[int]:
        """The keys of the hosts checked in the list."""
        keys = []
        for n in range(self.hosts.count()):
            item = self.hosts.item(n)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                keys.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return keys

    # --- writing ----------------------------------------------------------------------------
    def write(self, *, force: bool = False) -> None:
        """Write the chosen hosts' letters on a worker; files already there are replaced only
        when the user says so."""
        if self.work.running:
            return
        text, keys = self.folder.text().strip(), self.chosen()
        if not text:
            self.status.setText(self.tr("Choose the folder for the letters."))
            return
        if not keys:
            self.status.setText(self.no_hosts_text())
            return
        folder = Path(text).expanduser()
        store, job = self.document.store, self.write_job(keys, force)
        written = threading.Event()

        def work(progress: Progress) -> list[Path]:
            progress.report(0, 0, "")
            progress.check()
            if not folder.exists() and folder.parent.is_dir():
                folder.mkdir()  # the suggested folder, named for the tour
            with store.session() as session:
                try:
                    paths = job(session, folder)
                finally:
                    session.rollback()
            written.set()
            return paths

        self.written = []
        self.open_button.setEnabled(False)
        self.set_options_enabled(False)  # until the writing ends
        self.work.start(self.operations.run(
            fill(self.tr("Writing letters to %1"), folder.name), work,
            lambda paths: self._done(folder, paths),
            lambda error: self._failed(folder, error, force),
            lambda: self._ended(
                fill(self.tr("The letters had already been written to %1."), folder)
                if written.is_set() else self.tr("Cancelled: no letter was written."))),
            fill(self.tr("Writing letters to %1…"), folder))

    def _ended(self, text: str) -> None:
        self.set_options_enabled(True)
        self.work.finish(text)

    def _done(self, folder: Path, paths: list[Path]) -> None:
        self.set_options_enabled(True)
        self.written = paths
        self.work.finish(fill(self.tr("Wrote %1 files to %2."), len(paths), folder),
                         succeeded=True)
        self.open_button.setEnabled(True)

    def _failed(self, folder: Path, error: BaseException, forced: bool) -> None:
        self.set_options_enabled(True)
        if isinstance(error, FileExistsRefused) and not forced:
            self.work.finish("")
            if self.confirm_replace(folder):
                self.write(force=True)
            else:
                self.status.setText(self.tr("Nothing was written."))
            return
        self.work.finish(fill(self.tr("The letters could not be written: %1"),
                              failure_reason(error)))

    def confirm_replace(self, folder: Path) -> bool:
        answer = QMessageBox.question(
            self, self.windowTitle(),
            fill(self.tr("%1 already holds letters for these hosts. Replace them?"), folder),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _open_folder(self) -> None:
        if self.written:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written[0].parent)))
