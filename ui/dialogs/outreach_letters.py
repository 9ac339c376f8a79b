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

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QWidget
from sqlalchemy.orm import Session

from planner.formatting import language_names
from planner.model import LetterKind
from planner.outreach.letters import RequestLetter, request_letters, write_requests
from ui.dialogs.export import default_folder, file_name
from ui.dialogs.letters import LettersDialog, ReadJob, WriteJob, addresses
from ui.document import TourDocument
from ui.i18n import current_language
from ui.operations import Operations
from ui.text import fill


class WriteLettersDialog(LettersDialog):
    """Request, reminder or confirmation letters to the hosts they are due to, written into a
    folder (plain text, and an e-mail draft where an address is known)."""

    letters: list[RequestLetter]

    def __init__(self, document: TourDocument, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(document, operations, parent)
        tour = document.tour
        self._title = tour.title_ja if current_language() == "ja" and tour.title_ja \
            else tour.title
        self._suggested = ""  # the folder last suggested (another text is the user's)
        self.setWindowTitle(self.tr("Write Host Letters"))
        self.hosts.setObjectName("letterHosts")
        self.hosts.setAccessibleName(self.tr("Hosts to write to"))
        self.split.setSizes([280, 560])
        self.resize(900, 600)
        self._kind_changed()

    def add_options(self) -> None:
        self.kind = QComboBox(self)
        self.kind.setObjectName("letterKind")
        self.kind.addItem(self.tr("Request"), LetterKind.REQUEST.value)
        self.kind.addItem(self.tr("Reminder"), LetterKind.REMINDER.value)
        self.kind.addItem(self.tr("Confirmation"), LetterKind.CONFIRMATION.value)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        kind_label = QLabel(self.tr("&Letter:"), self)
        kind_label.setBuddy(self.kind)
        self.form.addRow(kind_label, self.kind)

    def explanation(self) -> str:
        return self.tr(
            "Each letter is written as text to paste and, where the host has an address, as "
            "an e-mail draft to send from your mail program. Writing them changes nothing in "
            "the tour: mark each letter sent when it has gone.")

    def set_options_enabled(self, enabled: bool) -> None:
        self.kind.setEnabled(enabled)

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

    def read_job(self) -> ReadJob:
        kind = self.letter_kind()

        def read(session: Session) -> list[Any]:
            return list(request_letters(session, kind))
        return read

    def host_text(self, letter: RequestLetter) -> str:
        spoken = language_names([letter.language], current_language())
        return fill(self.tr("%1 (%2)"), letter.name, spoken)

    def host_tip(self, letter: RequestLetter) -> str:
        return addresses(letter) or self.tr("No e-mail address: only the text is written.")

    def found_text(self, count: int) -> str:
        if count == 1:
            return self.tr("1 host is due this letter.")
        if count:
            return fill(self.tr("%1 hosts are due this letter."), count)
        return self.tr(
            "No host is due this letter: a request goes to a host still to ask, a reminder "
            "to a host whose request went unanswered, a confirmation to a host with a "
            "confirmed meeting whose confirmation has not gone.")

    def letter_text(self, letter: RequestLetter) -> str:
        head = [fill(self.tr("To: %1"), addresses(letter) or self.tr("(no e-mail address)")),
                fill(self.tr("Subject: %1"), letter.subject)]
        if letter.brief:
            head.append(self.tr("Attached: the host brief (PDF)"))
        return "\n".join(head) + "\n\n" + letter.text

    # --- writing ----------------------------------------------------------------------------
    def no_hosts_text(self) -> str:
        return self.tr("Choose the hosts to write to.")

    def write_job(self, keys: list[int], force: bool) -> WriteJob:
        kind = self.letter_kind()

        def write(session: Session, folder: Path) -> list[Path]:
            return write_requests(session, folder, kind, organisation_ids=keys, force=force)
        return write
