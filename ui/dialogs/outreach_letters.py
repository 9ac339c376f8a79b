"""Before the tour, the letters that ask hosts (issue 20): requests, reminders and confirmations
written into a folder as ``.txt`` and ``.eml`` drafts by :func:`planner.outreach.letters.
write_requests`, the function the command line's ``write-requests`` uses.

The hosts a letter of the chosen kind is due to are read on a worker
(:func:`planner.outreach.letters.request_letters`), listed with their letter's language, each
checked; the current one's letter is shown. Writing runs on a worker (progress, Cancel), asks
before replacing files already there (as the export dialog does), and changes nothing in the
tour: marking a letter sent is the outreach panel's.

The window's File menu opens it (``MainWindow._open_dialog("outreach_letters", ...)``),
importing this module when it is first opened.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from planner.errors import FileExistsRefused
from planner.formatting import language_names
from planner.model import LetterKind
from planner.outreach.letters import RequestLetter, request_letters, write_requests
from ui.dialogs.export import default_folder, failure_reason, file_name
from ui.dialogs.parts import BusyWork, busy_bar, outcome_label
from ui.document import TourDocument
from ui.i18n import current_language
from ui.operations import Operations, Progress
from ui.text import fill, tooltip


class WriteLettersDialog(QDialog):
    """Request, reminder or confirmation letters to the hosts they are due to, written into a
    folder (plain text, and an e-mail draft where an address is known)."""

    def __init__(self, document: TourDocument, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.operations = operations
        #: The letters due for the chosen kind (as last read).
        self.letters: list[RequestLetter] = []
        #: The files the last writing made.
        self.written: list[Path] = []
        self._generation = 0
        self.setWindowTitle(self.tr("Write Host Letters"))
        self.kind = QComboBox(self)
        self.kind.setObjectName("letterKind")
        self.kind.addItem(self.tr("Request"), LetterKind.REQUEST.value)
        self.kind.addItem(self.tr("Reminder"), LetterKind.REMINDER.value)
        self.kind.addItem(self.tr("Confirmation"), LetterKind.CONFIRMATION.value)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        tour = document.tour
        self._title = tour.title_ja if current_language() == "ja" and tour.title_ja \
            else tour.title
        self.folder = QLineEdit(self)
        self.folder.setAccessibleName(self.tr("Folder for the letters"))
        self._suggested = ""  # the folder last suggested (another text is the user's)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form = QFormLayout()
        kind_label = QLabel(self.tr("&Letter:"), self)
        kind_label.setBuddy(self.kind)
        form.addRow(kind_label, self.kind)
        label = QLabel(self.tr("&Folder:"), self)
        label.setBuddy(self.folder)
        form.addRow(label, row)
        explanation = QLabel(self.tr(
            "Each letter is written as text to paste and, where the host has an address, as "
            "an e-mail draft to send from your mail program. Writing them changes nothing in "
            "the tour: mark each letter sent when it has gone."), self)
        explanation.setWordWrap(True)
        form.addRow("", explanation)
        self.hosts = QListWidget(self)
        self.hosts.setObjectName("letterHosts")
        self.hosts.setAccessibleName(self.tr("Hosts to write to"))
        self.hosts.currentRowChanged.connect(self._preview)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("The letter"))
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.hosts)
        split.addWidget(self.text)
        split.setStretchFactor(1, 2)
        split.setSizes([280, 560])
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
        layout.addLayout(form)
        layout.addWidget(split, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(900, 600)
        self.write_button.setEnabled(False)
        self._kind_changed()

    # --- what is due ------------------------------------------------------------------------
    def letter_kind(self) -> LetterKind:
        return LetterKind(self.kind.currentData())

    def _kind_name(self) -> str:
        return {LetterKind.REQUEST: self.tr("Requests"),
                LetterKind.REMINDER: self.tr("Reminders"),
                LetterKind.CONFIRMATION: self.tr("Confirmations")}[self.letter_kind()]

    def _kind_changed(self) -> None:
        if self.folder.text().strip() in ("", self._suggested):
            self._suggested = str(default_folder(self.document.store.path)
                                  / file_name(self._title, self._kind_name()))
            self.folder.setText(self._suggested)
        self._read_letters()

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.windowTitle(), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def _read_letters(self) -> None:
        if self.work.running and self.work.operation is not None:
            self.work.operation.cancel()
        store, kind = self.document.store, self.letter_kind()
        self._generation += 1
        generation = self._generation
        self.letters = []
        self.hosts.clear()
        self.text.clear()
        self.write_button.setEnabled(False)

        def read(progress: Progress) -> list[RequestLetter]:
            with store.session() as session:
                try:
                    progress.check()
                    return request_letters(session, kind)
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

    def _got(self, found: list[RequestLetter], generation: int) -> None:
        if generation != self._generation:
            return
        self.letters = found
        language = current_language()
        self.hosts.clear()
        for letter in found:
            spoken = language_names([letter.language], language)
            item = QListWidgetItem(fill(self.tr("%1 (%2)"), letter.name, spoken), self.hosts)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, letter.organisation_id)
            addresses = ", ".join(f"{name} <{mail}>" if name else mail
                                  for name, mail in letter.to)
            item.setToolTip(tooltip(addresses or self.tr(
                "No e-mail address: only the text is written.")))
        if found:
            self.hosts.setCurrentRow(0)
            self.work.finish(self.tr("1 host is due this letter.") if len(found) == 1 else
                             fill(self.tr("%1 hosts are due this letter."), len(found)))
        else:
            self.work.finish(self.tr(
                "No host is due this letter: a request goes to a host still to ask, a reminder "
                "to a host whose request went unanswered, a confirmation to a host with a "
                "confirmed meeting whose confirmation has not gone."))
        self.write_button.setEnabled(bool(found))

    def _preview(self, row: int) -> None:
        if 0 <= row < len(self.letters):
            letter = self.letters[row]
            to = ", ".join(f"{name} <{mail}>" if name else mail for name, mail in letter.to)
            head = [fill(self.tr("To: %1"), to or self.tr("(no e-mail address)")),
                    fill(self.tr("Subject: %1"), letter.subject)]
            if letter.brief:
                head.append(self.tr("Attached: the host brief (PDF)"))
            self.text.setPlainText("\n".join(head) + "\n\n" + letter.text)
        else:
            self.text.clear()

    def chosen(self) -> list[int]:
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
            self.status.setText(self.tr("Choose the hosts to write to."))
            return
        folder = Path(text).expanduser()
        store, kind = self.document.store, self.letter_kind()
        written = threading.Event()

        def work(progress: Progress) -> list[Path]:
            progress.report(0, 0, "")
            progress.check()
            if not folder.exists() and folder.parent.is_dir():
                folder.mkdir()  # the suggested folder, named for the tour
            with store.session() as session:
                try:
                    paths = write_requests(session, folder, kind, organisation_ids=keys,
                                           force=force)
                finally:
                    session.rollback()
            written.set()
            return paths

        self.written = []
        self.open_button.setEnabled(False)
        self.kind.setEnabled(False)  # until the writing ends
        self.work.start(self.operations.run(
            fill(self.tr("Writing letters to %1"), folder.name), work,
            lambda paths: self._done(folder, paths),
            lambda error: self._failed(folder, error, force),
            lambda: self._ended(
                fill(self.tr("The letters had already been written to %1."), folder)
                if written.is_set() else self.tr("Cancelled: no letter was written."))),
            fill(self.tr("Writing letters to %1…"), folder))

    def _ended(self, text: str) -> None:
        self.kind.setEnabled(True)
        self.work.finish(text)

    def _done(self, folder: Path, paths: list[Path]) -> None:
        self.kind.setEnabled(True)
        self.written = paths
        self.work.finish(fill(self.tr("Wrote %1 files to %2."), len(paths), folder),
                         succeeded=True)
        self.open_button.setEnabled(True)

    def _failed(self, folder: Path, error: BaseException, forced: bool) -> None:
        self.kind.setEnabled(True)
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

    def reject(self) -> None:
        if not self.work.cancel():
            super().reject()
