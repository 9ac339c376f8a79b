"""After the tour, the files that go out and come back: the notes sheet (exported for the
executives, imported back with what they wrote), the follow-ups as task lists (.ics, one owner's)
or a spreadsheet (.xlsx), and the thank-you letters to the hosts.

Each dialog writes or reads on a worker of the window's operations (progress, Cancel) through the
functions the command line uses (:mod:`planner.debrief.notes`, :mod:`planner.calendar.todos`,
:mod:`planner.debrief.follow_ups`, :mod:`planner.debrief.letters`), suggests the documents folder
as the export dialog does, and asks before replacing a file. Importing a notes sheet shows what
it would add and change, and every problem by sheet, row and column, before anything changes; the
import is one undoable step (recorded with :func:`planner.changes.record`).

The window's File menu opens them (``MainWindow._open_dialog("debrief_files", ...)``), importing
this module when one is first opened.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from planner import changes
from planner.calendar.todos import write_follow_ups_ics
from planner.debrief.follow_ups import ALL_OWNERS, write_follow_ups_xlsx
from planner.debrief.letters import Letter, letters, write_thanks
from planner.debrief.notes import NotesRejected, NotesReport, export_notes, import_notes, read_notes
from planner.feasibility import Severity
from ui.dialogs.export import (
    Job,
    _ExportDialog,
    default_folder,
    failure_reason,
    file_name,
)
from ui.dialogs.letters import LettersDialog, ReadJob, WriteJob
from ui.dialogs.parts import BusyWork, WorkDialog, browse_row, busy_bar, outcome_label
from ui.document import TourDocument
from ui.i18n import current_language
from ui.operations import Operations, Progress
from ui.severity import severity_colour
from ui.text import fill, tooltip


def _language_box(parent: QWidget) -> QComboBox:
    box = QComboBox(parent)
    box.addItem(QCoreApplication.translate("Export", "English"), "en")
    box.addItem(QCoreApplication.translate("Export", "Japanese"), "ja")
    box.setCurrentIndex(max(0, box.findData(current_language())))
    return box


# --- the notes sheet out --------------------------------------------------------------------------
class ExportNotesDialog(_ExportDialog):
    """The notes sheet (.xlsx) for one traveller or the whole delegation (a sheet each)."""

    SUFFIX = ".xlsx"

    def add_options(self) -> None:
        self.setWindowTitle(self.tr("Export Notes Sheet"))
        self.language = _language_box(self)
        self.language.currentIndexChanged.connect(lambda _i: self._fill_default_destination())
        self.travellers.setItemText(0, self.tr("Whole delegation (a sheet each)"))
        self._add_row(self.tr("&Traveller:"), self.travellers)
        self._add_row(self.tr("&Language:"), self.language)
        explanation = QLabel(self.tr(
            "A row per meeting the traveller attends, with its goals and prepared questions, "
            "and columns for what was learned, takeaways, a rating and follow-ups. Import the "
            "filled-in sheet with Import Notes Sheet."), self)
        explanation.setWordWrap(True)
        self.form.addRow("", explanation)

    def default_name(self) -> str:
        language = self.language.currentData() if hasattr(self, "language") else "en"
        return file_name(self.tour_title(language), self.tr("Notes"),
                         self.traveller_name(language))

    def file_filter(self) -> str:
        return self.tr("Excel workbooks (*.xlsx)")

    def job(self) -> Job:
        traveller_id, language = self.travellers.currentData(), self.language.currentData()
        writing = self.tr("Writing the notes sheet…")

        def write(session: Session, path: Path, progress: Progress, force: bool) -> int:
            progress.report(0, 0, writing)
            return export_notes(session, path, language=language, force=force,
                                traveller_ids=None if traveller_id is None else [traveller_id])
        return write

    def done_text(self, path: Path, count: int) -> str:
        text = self.tr("Wrote %1 (1 meeting row).") if count == 1 else \
            self.tr("Wrote %1 (%2 meeting rows).")
        return fill(text, path, count)


# --- follow-ups out -------------------------------------------------------------------------------
#: The owner box's "everyone" (a spreadsheet only) and "the coordinator".
EVERYONE, COORDINATOR = "everyone", "coordinator"


class ExportFollowUpsDialog(_ExportDialog):
    """The follow-ups as one owner's task list (.ics of VTODOs) or as a spreadsheet (.xlsx)."""

    SUFFIX = ".xlsx"

    def add_options(self) -> None:
        self.setWindowTitle(self.tr("Export Follow-ups"))
        self.travellers.hide()  # the owner box chooses (the coordinator too)
        self.format = QComboBox(self)
        self.format.addItem(self.tr("Spreadsheet (.xlsx)"), ".xlsx")
        self.format.addItem(self.tr("Task list of one owner (.ics)"), ".ics")
        self.owner = QComboBox(self)
        self.owner.addItem(self.tr("Everyone"), EVERYONE)
        self.owner.addItem(self.tr("Coordinator"), COORDINATOR)
        for n in range(1, self.travellers.count()):
            self.owner.addItem(self.travellers.itemText(n), self.travellers.itemData(n))
        self.language = _language_box(self)
        self._add_row(self.tr("&Format:"), self.format)
        self._add_row(self.tr("&Owner:"), self.owner)
        self._add_row(self.tr("&Language:"), self.language)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        # room for the longer of its two texts, whichever shows first
        self.explanation.setMinimumHeight(4 * self.explanation.fontMetrics().lineSpacing() + 4)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.form.addRow("", self.explanation)
        for box in (self.format, self.owner, self.language):
            box.currentIndexChanged.connect(lambda _i: self._options_changed())
        self._options_changed()

    def _options_changed(self) -> None:
        suffix = self.format.currentData()
        tasks = suffix == ".ics"
        if tasks and self.owner.currentData() == EVERYONE:
            self.owner.setCurrentIndex(1)  # a task list is one owner's: the coordinator's
        model = self.owner.model()
        item = getattr(model, "item", None)
        if callable(item):
            item(0).setEnabled(not tasks)
        self.form.setRowVisible(self.language, not tasks)  # a task list has no headers
        self.explanation.setText(self.tr(
            "The owner's task list: Thunderbird, Apple Reminders and other task programs take "
            "its tasks, and update them when it is imported again. Outlook for Windows imports "
            "only the events of an .ics file, not its tasks: give Outlook users the "
            "spreadsheet.") if tasks else self.tr(
            "A row per follow-up: what, who, with whom, from which meeting and goal, due, "
            "status."))
        if suffix != self.SUFFIX:
            self.SUFFIX = suffix
            current = getattr(self, "destination", None)
            if current is not None and self._destination_chosen and current.text().strip():
                current.setText(str(Path(current.text().strip()).with_suffix(suffix)))
        self._fill_default_destination()

    def owner_key(self) -> Any:
        data = self.owner.currentData()
        return ALL_OWNERS if data == EVERYONE else None if data == COORDINATOR else data

    def default_name(self) -> str:
        if not hasattr(self, "owner"):
            return "tour"
        language = self.language.currentData()
        data = self.owner.currentData()
        who = "" if data == EVERYONE else self.owner.currentText()
        return file_name(self.tour_title(language), self.tr("Follow-ups"), who)

    def file_filter(self) -> str:
        return self.tr("iCalendar files (*.ics)") if self.SUFFIX == ".ics" else \
            self.tr("Excel workbooks (*.xlsx)")

    def check_options(self) -> str:
        if self.SUFFIX == ".ics" and self.owner.currentData() == EVERYONE:
            return self.tr("A task list is one owner's: choose the coordinator or a traveller.")
        return ""

    def job(self) -> Job:
        tasks, owner = self.SUFFIX == ".ics", self.owner_key()
        language, today = self.language.currentData(), self.document.today
        writing = self.tr("Writing the follow-ups…")

        def write(session: Session, path: Path, progress: Progress, force: bool) -> int:
            progress.report(0, 0, writing)
            if tasks:
                return write_follow_ups_ics(session, path, owner, force=force)
            return write_follow_ups_xlsx(session, path, owner_id=owner, language=language,
                                         today=today, force=force)
        return write

    def done_text(self, path: Path, count: int) -> str:
        text = self.tr("Wrote %1 (1 follow-up).") if count == 1 else \
            self.tr("Wrote %1 (%2 follow-ups).")
        return fill(text, path, count)


# --- the notes sheet back -------------------------------------------------------------------------
class ImportNotesDialog(WorkDialog):
    """Choose a filled-in notes sheet, see what importing it would add and change and every
    problem (sheet, row, column), then import it as one undoable step."""

    SHEET, ROW, COLUMN, WHAT = range(4)

    def __init__(self, document: TourDocument, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(document, operations, parent)
        #: What the last reading of the file found (None before one).
        self.report: NotesReport | None = None
        #: What the import did (None until it did).
        self.imported: NotesReport | None = None
        self._read_key: tuple[Path, int] | None = None  # the file as last read
        self.setWindowTitle(self.tr("Import Notes Sheet"))
        self.file = QLineEdit(self)
        self.file.setAccessibleName(self.tr("Notes sheet to import"))
        self.file.editingFinished.connect(lambda: self.read_file(again=False))
        form = QFormLayout()
        browse_row(form, self.tr("&File:"), self.file, self.tr("Browse…"), self._browse)
        self.summary = outcome_label(self, self.tr("What the import would do"))
        self.bar = busy_bar(self, self.tr("Progress"))
        self.preview = QTreeWidget(self)
        self.preview.setObjectName("notesPreview")
        self.preview.setRootIsDecorated(False)
        self.preview.setUniformRowHeights(True)
        self.preview.setAlternatingRowColors(True)
        self.preview.setColumnCount(4)
        self.preview.setHeaderLabels([self.tr("Sheet"), self.tr("Row"), self.tr("Column"),
                                      self.tr("What")])
        self.preview.setAccessibleName(self.tr("What the import would do, row by row"))
        self.preview.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.preview.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = self.preview.fontMetrics()
        for column, sample in ((self.SHEET, "Hiroshi Nakamurax"), (self.ROW, "Rowxx"),
                               (self.COLUMN, "Follow-ups (what; who; by when)")):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 16)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.import_button = self.buttons.addButton(self.tr("&Import"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        self.work = BusyWork(self.bar, self.summary, starts=[], close=self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.bar)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.buttons)
        self.resize(860, 560)

    def _browse(self) -> None:
        start = self.file.text().strip() or str(default_folder(self.document.store.path))
        path, _ = QFileDialog.getOpenFileName(
            self, self.windowTitle(), start, self.tr("Excel workbooks (*.xlsx)"))
        if path:
            self.file.setText(path)
            self.read_file()

    # --- the trial --------------------------------------------------------------------------
    def read_file(self, *, again: bool = True) -> None:
        """Read the sheet on a worker and show what importing it would do (nothing changes);
        unless *again*, only if it is another file or changed since it was read (the file
        field losing its focus to the Import button reads nothing)."""
        text = self.file.text().strip()
        if not text or self.work.running or Path(text).is_dir():
            return
        path = Path(text).expanduser()
        try:
            key: tuple[Path, int] | None = (path, path.stat().st_mtime_ns)
        except OSError:
            key = None
        if not again and key is not None and key == self._read_key:
            return
        self._read_key = key
        store = self.document.store
        self._generation += 1
        generation = self._generation
        self.report = None
        self.import_button.setEnabled(False)

        def trial(progress: Progress) -> NotesReport:
            with store.session() as session:
                try:
                    progress.check()
                    return read_notes(session, path)
                finally:
                    session.rollback()

        self.work.start(self.operations.run(
            fill(self.tr("Reading %1"), path.name), trial,
            lambda report: self._read(report, generation),
            lambda error: self._failed(path, error),
            lambda: self.work.finish(self.tr("Cancelled: nothing was read."))),
            fill(self.tr("Reading %1…"), path.name))

    def _read(self, report: NotesReport, generation: int) -> None:
        if generation != self._generation:
            return
        self.report = report
        self._show(report, would=True)
        self.import_button.setEnabled(report.ok and bool(report.added or report.changed))

    def _show(self, report: NotesReport, *, would: bool) -> None:
        language = current_language()
        if report.problems:
            text = report.summary(language)
        elif not (report.added or report.changed):
            text = fill(self.tr("%1: nothing to import (%2 rows are in the tour already, %3 "
                                "empty)."), Path(report.source).name, report.unchanged,
                        report.empty)
        else:
            text = fill(self.tr("Would add %1 and change %2 (%3 rows unchanged, %4 empty).")
                        if would else self.tr("Imported: %1 added, %2 changed."),
                        len(report.added), len(report.changed), report.unchanged, report.empty)
        self.work.finish(text)
        self.preview.clear()
        rows: list[QTreeWidgetItem] = []
        error = severity_colour(Severity.ERROR)
        for problem in report.problems:
            item = QTreeWidgetItem([problem.sheet, str(problem.row or ""), problem.column,
                                    problem.text(language).rsplit(": ", 1)[-1]])
            for column in range(4):
                item.setForeground(column, error)
            item.setToolTip(self.WHAT, tooltip(problem.text(language)))
            rows.append(item)
        for change in (*report.added, *report.changed):
            line = change.line(language)
            item = QTreeWidgetItem([change.sheet, str(change.row), "",
                                    line.split(": ", 1)[-1]])
            item.setToolTip(self.WHAT, tooltip(line))
            rows.append(item)
        self.preview.addTopLevelItems(rows)

    def _failed(self, path: Path, error: BaseException) -> None:
        if isinstance(error, NotesRejected):
            self.report = error.report
            self._show(error.report, would=True)
            self.import_button.setEnabled(False)
            return
        self.preview.clear()
        self.import_button.setEnabled(False)
        self.work.finish(fill(self.tr("%1 cannot be imported: %2"), path.name,
                              failure_reason(error)))

    # --- the import -------------------------------------------------------------------------
    def apply(self) -> None:
        """Import for real, in one transaction, as one undoable step."""
        report = self.report
        if report is None or not report.ok or self.work.running:
            return
        path = Path(self.file.text().strip()).expanduser()
        self.import_button.setEnabled(False)
        self.apply_recorded(
            fill(self.tr("Importing %1"), path.name), lambda s: import_notes(s, path),
            lambda report, changeset: self._applied(path, report, changeset),
            lambda error: self._failed(path, error),
            cancelled=self.tr("Cancelled: nothing was imported."),
            busy=fill(self.tr("Importing %1…"), path.name))

    def _applied(self, path: Path, report: NotesReport,
                 changeset: changes.Changeset) -> None:
        self.imported = report
        self.push_change(changeset, fill(self.tr("Import notes %1"), path.name))
        self._show(report, would=False)
        self.tell_window(fill(self.tr("Imported %1: %2 added, %3 changed."), path.name,
                              len(report.added), len(report.changed)))


# --- thank-you letters ----------------------------------------------------------------------------
class WriteThanksDialog(LettersDialog):
    """A thank-you letter per host met (plain text, and an e-mail draft where an address is
    known), English or Japanese as the host reads, written into a folder."""

    letters: list[Letter]

    #: The texts of :class:`LettersDialog` this dialog words as its own (in Japanese お礼状, a
    #: thank-you letter, where the base says 手紙): ``tr`` looks in this class's context first.
    OWN_WORDING = (
        QT_TRANSLATE_NOOP("WriteThanksDialog", "Folder for the letters"),
        QT_TRANSLATE_NOOP("WriteThanksDialog", "The letter"),
        QT_TRANSLATE_NOOP("WriteThanksDialog", "&Write Letters"),
        QT_TRANSLATE_NOOP("WriteThanksDialog", "Reading the letters"),
        QT_TRANSLATE_NOOP("WriteThanksDialog", "Reading the letters…"),
        QT_TRANSLATE_NOOP("WriteThanksDialog", "The letters could not be read: %1"),
        QT_TRANSLATE_NOOP("WriteThanksDialog", "Cancelled: no letter was read."),
        QT_TRANSLATE_NOOP("WriteThanksDialog", "Choose the folder for the letters."),
        QT_TRANSLATE_NOOP("WriteThanksDialog", "Writing letters to %1"),
        QT_TRANSLATE_NOOP("WriteThanksDialog", "Writing letters to %1…"),
        QT_TRANSLATE_NOOP("WriteThanksDialog", "The letters could not be written: %1"),
        QT_TRANSLATE_NOOP("WriteThanksDialog",
                          "%1 already holds letters for these hosts. Replace them?"),
        QT_TRANSLATE_NOOP("WriteThanksDialog", "Cancelled: no letter was written."),
        QT_TRANSLATE_NOOP("WriteThanksDialog", "The letters had already been written to %1."),
    )

    def __init__(self, document: TourDocument, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(document, operations, parent)
        self.setWindowTitle(self.tr("Write Thank-you Letters"))
        tour = document.tour
        title = tour.title_ja if current_language() == "ja" and tour.title_ja else tour.title
        self.folder.setText(str(default_folder(document.store.path)
                                / file_name(title, self.tr("Thank-you letters"))))
        self.hosts.setObjectName("thanksHosts")
        self.hosts.setAccessibleName(self.tr("Hosts to thank"))
        self.split.setSizes([260, 520])
        self.resize(860, 560)
        self._read_letters()

    def read_job(self) -> ReadJob:
        today = self.document.today

        def read(session: Session) -> list[Any]:
            return list(letters(session, today=today))
        return read

    def found_text(self, count: int) -> str:
        if count == 1:
            return self.tr("1 host to thank.")
        if count:
            return fill(self.tr("%1 hosts to thank."), count)
        return self.tr("No host was met yet: there is nobody to thank.")

    def no_hosts_text(self) -> str:
        return self.tr("Choose the hosts to thank.")

    def write_job(self, keys: list[int], force: bool) -> WriteJob:
        today = self.document.today

        def write(session: Session, folder: Path) -> list[Path]:
            return write_thanks(session, folder, today=today, organisation_ids=keys,
                                force=force)
        return write
