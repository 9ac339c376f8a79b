"""A host's reply into the plan (issue 20): the slots it offers, pasted as text ("Tue
14:00–16:00, Wed morning") or from an .ics file, become its availability windows and its
meeting moves into one of them where the checker accepts it, in one undoable step.

As the text is typed, a dry run on a worker (:func:`planner.outreach.offers.offer_slots` in a
savepoint rolled back, as planning's review does) shows the slots read and where the meeting
would move, or why the text cannot be read, in the window's language. Apply does it for real in
one transaction, recorded with :func:`planner.changes.record` and pushed as one
:class:`ui.commands.AppliedChange` (as imports are), so Edit > Undo takes back the windows and
the move together.

The window's Tour menu opens it (``MainWindow.offered_slots``) with the selected organisation,
importing this module when it is first opened.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner import changes
from planner.model import Organisation
from planner.outreach.offers import OfferError, OfferResult, offer_slots
from ui.dialogs.export import failure_reason
from ui.dialogs.parts import (
    BusyWork,
    WorkDialog,
    browse_row,
    busy_bar,
    outcome_label,
    refusal_label,
)
from ui.document import TourDocument
from ui.i18n import current_language
from ui.operations import Operations, Progress
from ui.text import fill

#: How long typing pauses before the preview is worked out again (ms).
PREVIEW_DELAY = 350


class OfferSlotsDialog(WorkDialog):
    """Choose the host, paste the slots it offers (or choose its .ics), see what would change,
    and apply it as one undoable step."""

    def __init__(self, document: TourDocument, operations: Operations,
                 organisation_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(document, operations, parent)
        self._wanted = organisation_id
        #: The last dry run's result (None while there is none, or the text is refused).
        self.preview_result: OfferResult | None = None
        #: Why the last text was refused ("" when it was read).
        self.refusal = ""
        #: What Apply did (None until it did).
        self.applied: OfferResult | None = None
        self._previewing = False
        self.setWindowTitle(self.tr("Offered Slots"))
        self.host = QComboBox(self)
        self.host.setObjectName("offerHost")
        self.host.setAccessibleName(self.tr("Host"))
        self.host.currentIndexChanged.connect(lambda _i: self._changed())
        self.offer = QPlainTextEdit(self)
        self.offer.setObjectName("offerText")
        self.offer.setAccessibleName(self.tr("The slots the host offers"))
        self.offer.setPlaceholderText(self.tr("Paste the host's reply, e.g. "
                                              "“Tue 14:00–16:00, Wed morning”"))
        self.offer.setMaximumHeight(6 * self.offer.fontMetrics().lineSpacing() + 12)
        self.offer.textChanged.connect(self._changed)
        self.ics = QLineEdit(self)
        self.ics.setAccessibleName(self.tr("Calendar file of offered slots"))
        self.ics.setPlaceholderText(self.tr("(optional) an .ics file the host sent"))
        self.ics.editingFinished.connect(self._changed)
        form = QFormLayout()
        for text, widget in ((self.tr("&Host:"), self.host),
                             (self.tr("&Offered slots:"), self.offer)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addRow(label, widget)
        browse_row(form, self.tr("&Calendar file:"), self.ics, self.tr("Browse…"),
                   self._browse)
        self.error = refusal_label(self)
        self.error.hide()
        self.would = QPlainTextEdit(self)
        self.would.setObjectName("offerPreview")
        self.would.setReadOnly(True)
        self.would.setAccessibleName(self.tr("What applying the offer would do"))
        self.bar = busy_bar(self, self.tr("Progress"))
        self.status = outcome_label(self, self.tr("Outcome"))
        self.buttons = QDialogButtonBox(self)
        self.apply_button = self.buttons.addButton(self.tr("&Apply"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setEnabled(False)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        self.work = BusyWork(self.bar, self.status, starts=[], close=self.close_button)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PREVIEW_DELAY)
        self.timer.timeout.connect(self.preview)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(QLabel(self.tr("If applied:"), self))
        layout.addWidget(self.would, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(760, 520)
        self._read_hosts()

    # --- the hosts --------------------------------------------------------------------------
    def _read_hosts(self) -> None:
        store = self.document.store

        def read(_progress: Progress) -> list[tuple[int, str]]:
            with store.session() as session:
                return [(key, name) for key, name in session.execute(
                    select(Organisation.id, Organisation.name).order_by(Organisation.name))]

        self.work.start(self.operations.run(
            self.tr("Reading the hosts"), read, self._got_hosts,
            lambda error: self.work.finish(failure_reason(error)),
            lambda: self.work.finish("")), self.tr("Reading the hosts…"))

    def _got_hosts(self, hosts: list[tuple[int, str]]) -> None:
        self.host.blockSignals(True)
        for key, name in hosts:
            self.host.addItem(name, key)
        at = self.host.findData(self._wanted) if self._wanted is not None else -1
        self.host.setCurrentIndex(max(at, 0) if hosts else -1)
        self.host.blockSignals(False)
        self.work.finish("" if hosts else self.tr("The tour has no organisation yet."))
        self._changed()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.windowTitle(), self.ics.text(),
                                              self.tr("iCalendar files (*.ics)"))
        if path:
            self.ics.setText(path)
            self._changed()

    # --- the dry run ------------------------------------------------------------------------
    def offer_of(self) -> tuple[int | None, str, Path | None]:
        """The host's key, the pasted text and the .ics file (None: none given)."""
        ics = self.ics.text().strip()
        return (self.host.currentData(), self.offer.toPlainText(),
                Path(ics).expanduser() if ics else None)

    def _changed(self) -> None:
        self._generation += 1
        self.apply_button.setEnabled(False)
        self.timer.start()

    def preview(self) -> None:
        """Work out on a worker what applying the offer would do, changing nothing."""
        self.timer.stop()
        key, text, ics = self.offer_of()
        if key is None or (not text.strip() and ics is None):
            self.preview_result, self.refusal = None, ""
            self.error.hide()
            self.would.clear()
            return
        if self.work.running:  # the running work ends first (a stale preview is dropped)
            self.timer.start()
            return
        store = self.document.store
        generation = self._generation

        def dry_run(progress: Progress) -> OfferResult:
            progress.check()
            with store.session() as session:
                try:
                    with session.begin_nested() as savepoint:
                        result = offer_slots(session, int(key), text, ics)
                        savepoint.rollback()
                    return result
                finally:
                    session.rollback()

        self._previewing = True
        self.work.start(self.operations.run(
            self.tr("Reading the offered slots"), dry_run,
            lambda result: self._previewed(result, generation),
            lambda error: self._refused(error, generation),
            lambda: self._preview_ended(generation)), self.tr("Reading the offered slots…"))

    def _preview_ended(self, generation: int) -> None:
        self._previewing = False
        self.work.finish("")
        if generation != self._generation:
            self.timer.start()

    def _previewed(self, result: OfferResult, generation: int) -> None:
        self._preview_ended(generation)
        if generation != self._generation:
            return
        self.preview_result, self.refusal = result, ""
        self.error.hide()
        self.would.setPlainText(result.text(current_language()))
        self.apply_button.setEnabled(bool(result.added) or result.moved)

    def _refused(self, error: BaseException, generation: int) -> None:
        self._preview_ended(generation)
        if generation != self._generation:
            return
        self.preview_result = None
        self.refusal = error.message(current_language()) if isinstance(error, OfferError) \
            else failure_reason(error)
        self.error.setText(self.refusal)
        self.error.show()
        self.would.clear()

    # --- applying ---------------------------------------------------------------------------
    def apply(self) -> None:
        """Apply the offer for real, in one transaction, as one undoable step."""
        if self.preview_result is None or self.work.running:
            return
        key, text, ics = self.offer_of()
        if key is None:
            return
        host = self.host.currentText()
        self.apply_button.setEnabled(False)

        def change(session: Session) -> OfferResult:
            return offer_slots(session, int(key), text, ics)

        self.apply_recorded(
            fill(self.tr("Offered slots of %1"), host), change,
            lambda result, changeset: self._applied(host, result, changeset),
            lambda error: self.work.finish(fill(self.tr("The offer could not be applied: %1"),
                                                failure_reason(error))),
            cancelled=self.tr("Cancelled: nothing was changed."),
            busy=fill(self.tr("Applying the slots %1 offers…"), host))

    def _applied(self, host: str, result: OfferResult, changeset: changes.Changeset) -> None:
        self.applied = result
        self.preview_result = None
        self.push_change(changeset, fill(self.tr("Offered slots of %1"), host))
        language = current_language()
        self.would.setPlainText(result.text(language))
        said = [line for line in result.lines(language) if not line.startswith(" ")][-1]
        self.work.finish(fill(self.tr("Applied: %1"), said), succeeded=True)
        self.tell_window(said)

    def done(self, result: int) -> None:
        self.timer.stop()
        super().done(result)
