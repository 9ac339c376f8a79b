"""Export the tour: its calendar (.ics) or a PDF (agenda, briefing book, host brief).

Both dialogs take the options of ``ecovisit export-ics`` and ``export-pdf``, a destination (typed,
or chosen with Browse), and write the file as a background operation through the functions the
command line uses (:mod:`planner.exports`): to a temporary name beside the destination, renamed
when complete, so a failed or cancelled export leaves no file (and an existing one as it was).
The dialog stays open to show the outcome; Open shows the file in the system's viewer.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from planner.errors import EcovisitError, InputError
from planner.exports import PDF_KINDS, hosts, write_ics, write_pdf
from planner.model import Organisation, Traveller
from planner.queries import records
from ui.dialogs.parts import BusyWork, busy_bar, outcome_label
from ui.document import TourDocument
from ui.i18n import current_language
from ui.operations import Operations, Progress
from ui.text import fill

#: Writes an export: (session, destination, progress, replace) -> events or pages written.
Job = Callable[[Session, Path, Progress, bool], int]
#: Characters a file name cannot hold on some system (Windows is the strictest).
_UNSAFE = re.compile(r'\s*[<>:"/\\|?*\x00-\x1f]+\s*')


def file_name(*parts: str) -> str:
    """A file name (without suffix) made of *parts*, safe on every desktop system."""
    name = " - ".join(_UNSAFE.sub(" - ", part).strip(" .-") for part in parts if part.strip())
    return re.sub(r"\s+", " ", name)[:150].strip(" .-") or "tour"


def documents_folder() -> Path | None:
    """The platform's documents folder (``~/Documents``, or as the desktop names it), which
    need not exist: a fresh account may have none."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else None


def default_folder(tour_file: Path | None) -> Path:
    """Where exports go unless the user says otherwise: the documents folder if there is one,
    else the folder of the tour file (*tour_file*; the home folder for a tour in a database).
    Nothing is created: an export to a folder that does not exist would fail."""
    documents = documents_folder()
    if documents is not None and documents.is_dir():
        return documents
    return tour_file.parent if tour_file is not None else Path.home()


def failure_reason(error: BaseException) -> str:
    """Why an export failed, for the user (an OSError's temporary file name left out)."""
    if isinstance(error, OSError):
        return error.strerror or str(error)
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text if isinstance(error, EcovisitError) else f"{type(error).__name__}: {text}"


#: Where the traveller box keeps each traveller's (name, Japanese name).
NAMES_ROLE = Qt.ItemDataRole.UserRole + 1


def traveller_box(document: TourDocument, parent: QWidget) -> QComboBox:
    """A choice of the whole delegation (data None) or one traveller (data: the key), each
    named in the window's language (高橋 健二 in a Japanese window, where the tour has it)."""
    box = QComboBox(parent)
    box.addItem(QCoreApplication.translate("Export", "Whole delegation"), None)
    japanese = current_language() == "ja"
    with document.store.session() as session:
        for traveller in session.scalars(records("traveller")).unique():
            box.addItem(traveller.name_ja if japanese and traveller.name_ja else traveller.name,
                        traveller.id)
            box.setItemData(box.count() - 1, (traveller.name, traveller.name_ja), NAMES_ROLE)
    return box


class _ExportDialog(QDialog):
    """What both export dialogs share: options above, the destination, progress and outcome,
    and Export, Open and Close. A subclass adds its options and does the writing."""

    SUFFIX = ""

    def __init__(self, document: TourDocument, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.operations = operations
        #: The file the last export wrote (None until one succeeded).
        self.written: Path | None = None
        #: The file the file dialog asked about replacing: the next export does not ask again
        #: (one answer for one export: exporting again asks again).
        self._replace_confirmed: Path | None = None
        self._destination_chosen = False  # typed or browsed: no more default names
        self.form = QFormLayout()
        self.travellers = self._traveller_box()
        self.add_options()
        self.destination = QLineEdit(self)
        self.destination.setAccessibleName(self.tr("Save to"))
        self.destination.textEdited.connect(self._destination_typed)
        self.browse_button = QPushButton(self.tr("Browse…"), self)
        self.browse_button.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.destination, 1)
        row.addWidget(self.browse_button)
        destination_label = QLabel(self.tr("&Save to:"), self)
        destination_label.setBuddy(self.destination)
        self.form.addRow(destination_label, row)
        self.bar = busy_bar(self, self.tr("Export progress"))  # shown while the work runs
        self.status = outcome_label(self, self.tr("Outcome of the export"))
        # two lines: a long path's outcome wraps instead of being cut off
        self.status.setMinimumHeight(2 * self.status.fontMetrics().lineSpacing() + 4)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(self.tr("&Export"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button = self.buttons.addButton(self.tr("&Open"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_file)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        self.work = BusyWork(self.bar, self.status, starts=[self.export_button],
                             close=self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addSpacing(6)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._fill_default_destination()
        self._chain_tabs()
        self.resize(620, self.sizeHint().height())

    def _chain_tabs(self) -> None:
        """Tab goes down the form as it reads, then to the buttons."""
        chain: list[QWidget] = []
        for row in range(self.form.rowCount()):
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if item is None:
                continue
            inner = item.layout()
            children = [item] if inner is None else [inner.itemAt(i) for i in range(inner.count())]
            widgets = [child.widget() for child in children if child is not None]
            chain += [w for w in widgets
                      if w is not None and w.focusPolicy() != Qt.FocusPolicy.NoFocus]
        chain += [self.export_button, self.open_button, self.close_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # --- options (subclasses) -----------------------------------------------------------------
    def add_options(self) -> None:
        """Add the subclass's option rows to :attr:`form`."""
        raise NotImplementedError

    def default_name(self) -> str:
        """The file name (without folder and suffix) the current options suggest."""
        raise NotImplementedError

    def file_filter(self) -> str:
        """The file dialog's filter."""
        raise NotImplementedError

    def job(self) -> Job:
        """The writing, with the options as they are now (it runs on a worker, so it must
        not touch a widget): (session, path, progress, force) -> number of events or pages."""
        raise NotImplementedError

    def done_text(self, path: Path, count: int) -> str:
        """What to tell the user when *path* was written with *count* events or pages."""
        raise NotImplementedError

    def _traveller_box(self) -> QComboBox:
        box = traveller_box(self.document, self)
        box.currentIndexChanged.connect(lambda _i: self._fill_default_destination())
        return box

    def _add_row(self, label: str, field: QWidget) -> None:
        self.form.addRow(label, field)
        field.setAccessibleName(label.replace("&", "").rstrip(":"))

    def traveller_name(self, language: str = "en") -> str:
        """The chosen traveller's name in *language* ("" for the whole delegation)."""
        names = self.travellers.currentData(NAMES_ROLE)
        if self.travellers.currentData() is None or not names:
            return ""
        name, name_ja = names
        return str(name_ja if language == "ja" and name_ja else name)

    def tour_title(self, language: str = "en") -> str:
        tour = self.document.tour
        return tour.title_ja if language == "ja" and tour.title_ja else tour.title

    # --- destination --------------------------------------------------------------------------
    def _destination_typed(self, _text: str) -> None:
        self._destination_chosen = True

    def _fill_default_destination(self) -> None:
        if getattr(self, "destination", None) is None or self._destination_chosen:
            return
        current = self.destination.text().strip()
        folder = Path(current).parent if current else default_folder(self.document.store.path)
        self.destination.setText(str(folder / (self.default_name() + self.SUFFIX)))

    def browse(self) -> None:
        """Choose the destination with the system's file dialog (which asks before replacing
        an existing file)."""
        path, _ = QFileDialog.getSaveFileName(
            self, self.windowTitle(), self.destination.text(), self.file_filter())
        if not path:
            return
        chosen = Path(path)
        if chosen.suffix.lower() != self.SUFFIX:
            chosen = chosen.with_name(chosen.name + self.SUFFIX)
        else:
            self._replace_confirmed = chosen
        self.destination.setText(str(chosen))
        self._destination_chosen = True

    def confirm_replace(self, path: Path) -> bool:
        """Ask whether to replace the existing file *path* (as the command line refuses to
        without --force)."""
        answer = QMessageBox.question(
            self, self.windowTitle(),
            fill(self.tr("%1 already exists. Replace it?"), path.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    # --- exporting ----------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.work.running

    def export(self) -> None:
        """Write the file as a background operation; its outcome shows in the dialog."""
        if self.running:
            return
        text = self.destination.text().strip()
        if not text:
            self.status.setText(self.tr("Choose where to save the file."))
            return
        path = Path(text).expanduser()
        if path.suffix.lower() != self.SUFFIX:
            path = path.with_name(path.name + self.SUFFIX)
            self.destination.setText(str(path))
        confirmed, self._replace_confirmed = self._replace_confirmed, None
        force = path.exists()
        if force and path != confirmed and not self.confirm_replace(path):
            return
        problem = self.check_options()
        if problem:
            self.status.setText(problem)
            return
        store = self.document.store
        job = self.job()
        written = threading.Event()  # set once the file is in place, whatever happens next

        def work(progress: Progress) -> int:
            with store.session() as session:
                progress.check()
                count = job(session, path, progress, force)
            written.set()
            return count

        self.written = None
        self.open_button.setEnabled(False)
        self.work.start(self.operations.run(
            fill(self.tr("Exporting %1"), path.name), work,
            lambda count: self._done(path, self.done_text(path, count)),
            lambda error: self._failed(path, error),
            lambda: self._cancelled(path, written.is_set())),
            fill(self.tr("Exporting to %1…"), path))

    def check_options(self) -> str:
        """Why the options cannot be exported ('' if they can)."""
        return ""

    def _done(self, path: Path, told: str) -> None:
        self.work.finish(told, succeeded=True)
        self.written = path
        self.open_button.setEnabled(True)

    def _failed(self, path: Path, error: BaseException) -> None:
        self.work.finish(fill(self.tr("%1 could not be written: %2"), path,
                              failure_reason(error)))

    def _cancelled(self, path: Path, written: bool) -> None:
        if written:  # the cancel came too late: say what is there
            self._done(path, fill(self.tr("The export had already finished: %1 was written."),
                                  path))
            return
        self.work.finish(self.tr("Cancelled: no file was written."))

    def open_file(self) -> None:
        """Open the written file in the system's program for it."""
        if self.written is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written)))

    def reject(self) -> None:
        """Close; while exporting, cancel the export instead (the dialog stays to say so)."""
        if not self.work.cancel():
            super().reject()


class ExportCalendarDialog(_ExportDialog):
    """Export the tour, or one traveller's part, as an iCalendar (.ics) file."""

    SUFFIX = ".ics"

    def add_options(self) -> None:
        self.setWindowTitle(self.tr("Export Calendar"))
        self.alarm = QSpinBox(self)
        self.alarm.setRange(0, 7 * 24 * 60)
        self.alarm.setSingleStep(5)
        self.alarm.setValue(15)
        self.alarm.setSuffix(self.tr(" min before"))
        self.alarm.setSpecialValueText(self.tr("No reminder"))
        self.phones = QCheckBox(self.tr("Include the hosts' phone numbers"), self)
        self.phones.setAccessibleName(self.tr("Include the hosts' phone numbers"))
        # Ideas are the coordinator's, not yet the executives': out unless asked for.
        self.ideas = QCheckBox(self.tr("Include the idea items"), self)
        self.ideas.setAccessibleName(self.tr("Include the idea items"))
        self.ideas.setToolTip(self.tr(
            "Items still at the idea stage are left out of calendars unless this is checked; "
            "requested items are always in, as tentative."))
        self._add_row(self.tr("&Traveller:"), self.travellers)
        self._add_row(self.tr("&Reminder:"), self.alarm)
        self.form.addRow("", self.phones)
        self.form.addRow("", self.ideas)
        explanation = QLabel(self.tr(
            "Calendar programs update the events they imported before when the file is "
            "imported again; cancelled meetings are removed."), self)
        explanation.setWordWrap(True)
        self.form.addRow("", explanation)

    def default_name(self) -> str:
        language = current_language()  # a calendar has no language of its own: the window's
        return file_name(self.tour_title(language), self.traveller_name(language))

    def file_filter(self) -> str:
        return self.tr("iCalendar files (*.ics)")

    def job(self) -> Job:
        traveller_id = self.travellers.currentData()
        alarm, phones = self.alarm.value(), self.phones.isChecked()
        ideas = self.ideas.isChecked()
        writing = self.tr("Writing the calendar…")

        def write(session: Session, path: Path, progress: Progress, force: bool) -> int:
            traveller = _get(session, Traveller, traveller_id)
            progress.report(0, 0, writing)
            return write_ics(session, path, traveller=traveller, alarm_minutes=alarm,
                             with_phones=phones, include_ideas=ideas, force=force,
                             before_replace=progress.check)
        return write

    def done_text(self, path: Path, count: int) -> str:
        text = self.tr("Wrote %1 (1 event).") if count == 1 else \
            self.tr("Wrote %1 (%2 events).")
        return fill(text, path, count)


class ExportPdfDialog(_ExportDialog):
    """Print the agenda, the briefing book or a host brief as PDF."""

    SUFFIX = ".pdf"

    def add_options(self) -> None:
        self.setWindowTitle(self.tr("Export PDF"))
        self.kind = QComboBox(self)
        for text, kind in ((self.tr("Agenda (a page per day)"), "agenda"),
                           (self.tr("Briefing book"), "book"),
                           (self.tr("Host brief (for one host)"), "host-brief"),
                           (self.tr("Debrief report (after the tour)"), "debrief")):
            if kind in PDF_KINDS:
                self.kind.addItem(text, kind)
        self.language = QComboBox(self)
        self.language.addItem(self.tr("English"), "en")
        self.language.addItem(self.tr("Japanese"), "ja")
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.host = QComboBox(self)
        with self.document.store.session() as session:
            for organisation in session.scalars(hosts()):
                self.host.addItem(organisation.name, organisation.id)
        self.paper = QComboBox(self)
        self.paper.addItem(self.tr("A4"), "a4")
        self.paper.addItem(self.tr("Letter"), "letter")
        self._add_row(self.tr("&Print:"), self.kind)
        self._add_row(self.tr("&Language:"), self.language)
        self._add_row(self.tr("&Traveller:"), self.travellers)
        self._add_row(self.tr("&Host:"), self.host)
        self._add_row(self.tr("&Paper:"), self.paper)
        for box in (self.kind, self.language, self.host):
            box.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self._kind_changed()

    def _kind_changed(self) -> None:
        brief = self.kind.currentData() == "host-brief"
        # a brief is for the delegation, the debrief for the board and colleagues
        personal = self.kind.currentData() in ("agenda", "book")
        self.form.setRowVisible(self.host, brief)
        self.form.setRowVisible(self.travellers, personal)
        self.host.setEnabled(brief)
        self.travellers.setEnabled(personal)
        self._fill_default_destination()

    def default_name(self) -> str:
        kind = self.kind.currentData()
        language = self.language.currentData()
        if kind == "host-brief":
            return file_name(self.tour_title(language), self.tr("Host brief"),
                             self.host.currentText())
        if kind == "debrief":
            return file_name(self.tour_title(language), self.tr("Debrief"))
        what = self.tr("Briefing book") if kind == "book" else self.tr("Agenda")
        return file_name(self.tour_title(language), what, self.traveller_name(language))

    def file_filter(self) -> str:
        return self.tr("PDF files (*.pdf)")

    def check_options(self) -> str:
        if self.kind.currentData() == "host-brief" and self.host.currentData() is None:
            return self.tr("No organisation receives the delegation yet: there is no host "
                           "to write a brief for.")
        return ""

    def job(self) -> Job:
        kind, language = self.kind.currentData(), self.language.currentData()
        paper = self.paper.currentData()
        brief = kind == "host-brief"
        traveller_id = self.travellers.currentData() if kind in ("agenda", "book") else None
        host_id = self.host.currentData() if brief else None
        laying_out = self.tr("Laying out the pages…")
        today = self.document.today  # what is overdue in a debrief: the window's today
        host_gone = fill(self.tr("%1 is no longer in the directory."), self.host.currentText())

        def write(session: Session, path: Path, progress: Progress, force: bool) -> int:
            traveller = _get(session, Traveller, traveller_id)
            host = _get(session, Organisation, host_id)
            if brief and host is None:
                raise InputError(host_gone)
            progress.report(0, 0, laying_out)
            return write_pdf(session, path, kind, language=language, traveller=traveller,
                             host=host, paper=paper, force=force, before_replace=progress.check,
                             today=today)
        return write

    def done_text(self, path: Path, count: int) -> str:
        text = self.tr("Wrote %1 (1 page).") if count == 1 else self.tr("Wrote %1 (%2 pages).")
        return fill(text, path, count)


def _get(session: Session, entity: type[Any], key: int | None) -> Any:
    return None if key is None else session.get(entity, key)
