"""Automatic planning: search for a better plan (progress, Stop, Cancel), review what it would
add, move and drop and what it would leave behind, then apply it as one undoable step."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
)
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from planner import changes
from planner.formatting import LocalSpan
from planner.planning.prerequisites import NothingToPlan
from planner.planning.proposal import Action, Change, PlanProposal
from planner.planning.tour import MEETING_MINUTES, apply, propose, review
from planner.timezones import to_local
from ui import commands
from ui.dialogs.parts import BusyWork
from ui.document import TourDocument
from ui.i18n import current_language
from ui.models.readonly import ReadOnlyColumns
from ui.operations import Operations, Progress
from ui.text import fill, tooltip

Index = QModelIndex | QPersistentModelIndex
#: The widest each column but the last grows to its texts (who goes: a group's names wrap in
#: the tooltip, the goals served keep room).
WIDEST = (320, 320, 320, 220)


@dataclass
class Proposal:
    """A reviewed proposal, and the session it was made in (open until it is applied or
    discarded)."""

    session: Session
    plan: PlanProposal


class ChangesModel(ReadOnlyColumns, QAbstractTableModel):
    """The proposed changes: what, with whom, when, who of the delegation goes, which goals it
    serves."""

    COLUMNS = (QT_TRANSLATE_NOOP("Columns", "Change"),
               QT_TRANSLATE_NOOP("Columns", "Organisation"),
               QT_TRANSLATE_NOOP("Columns", "When"),
               QT_TRANSLATE_NOOP("Columns", "Who"),
               QT_TRANSLATE_NOOP("Columns", "Serves"))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Change] = []

    def set_changes(self, rows: Sequence[Change]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def action_text(self, action: Action) -> str:
        return {Action.ADDED: self.tr("add"), Action.MOVED: self.tr("move"),
                Action.DROPPED: self.tr("drop")}[action]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(str(self.data(index, Qt.ItemDataRole.DisplayRole) or ""))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        change = self.rows[index.row()]
        column = index.column()
        if column == 0:
            return self.action_text(change.action)
        if column == 1:
            return change.organisation
        if column == 2:
            if change.start is None:
                return ""
            return self.when_text(change.start, change.end, change.zone)
        if column == 3:
            return self.everyone_text() if change.everyone else ", ".join(change.attendees)
        return "; ".join(change.goals)

    def everyone_text(self) -> str:
        """What the Who column says of a meeting for the whole delegation."""
        return self.tr("everyone")

    @staticmethod
    def when_text(start: datetime, end: datetime | None, zone: str) -> str:
        """``Mon 10 May 10:35–17:50`` in the zone, the day in the window's language."""
        return LocalSpan(to_local(start, zone), to_local(end or start, zone)).text(
            current_language())


class PlanningDialog(QDialog):
    """Runs the planner on the open tour and applies the reviewed result."""

    def __init__(self, document: TourDocument, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.operations = operations
        self.proposal: Proposal | None = None
        self._stop = threading.Event()
        self.setWindowTitle(self.tr("Plan the Tour"))
        self.seconds = QSpinBox(self)
        self.seconds.setRange(1, 600)
        self.seconds.setValue(10)
        self.seconds.setSuffix(self.tr(" s"))
        self.seconds.setAccessibleName(self.tr("Search time"))
        self.minutes = QSpinBox(self)
        self.minutes.setRange(15, 240)
        self.minutes.setSingleStep(15)
        self.minutes.setValue(MEETING_MINUTES)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setAccessibleName(self.tr("Length of a new meeting"))
        #: For tests and benchmarks: stop after this many iterations (None: by time).
        self.max_iterations: int | None = None
        form = QFormLayout()
        form.addRow(self.tr("&Search for:"), self.seconds)
        form.addRow(self.tr("&New meetings last:"), self.minutes)
        explanation = QLabel(self.tr(
            "Planning keeps fixed items and meetings that work, repairs meetings in trouble and "
            "fills free time with hosts that serve the delegation's goals."), self)
        explanation.setWordWrap(True)
        self.start_button = QPushButton(self.tr("&Start"), self)
        self.start_button.clicked.connect(self.start)
        self.stop_button = QPushButton(self.tr("S&top and Review"), self)
        self.stop_button.clicked.connect(self._stop.set)
        self.bar = QProgressBar(self)
        self.bar.setAccessibleName(self.tr("Search progress"))
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        # the summary and why the search stopped, never squashed by the tables below
        self.status.setMinimumHeight(3 * self.status.fontMetrics().lineSpacing())
        self.travellers = QLabel(self)  # each traveller's coverage, before and after
        self.travellers.setTextFormat(Qt.TextFormat.PlainText)
        self.travellers.setWordWrap(True)
        self.changes_model = ChangesModel(self)
        self.changes_view = QTableView(self)
        self.changes_view.setModel(self.changes_model)
        self.changes_view.setAccessibleName(self.tr("Proposed changes"))
        self.changes_view.verticalHeader().hide()
        header = self.changes_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)  # the goals served take the rest
        self.size_columns()
        self.left_out = QPlainTextEdit(self)
        self.left_out.setReadOnly(True)
        self.left_out.setMaximumHeight(160)  # a sentence a host, wrapped
        self.left_out.setAccessibleName(self.tr("Days and hosts left out, and why"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.apply_button = self.buttons.addButton(self.tr("&Apply Plan"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setEnabled(False)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        self.work = BusyWork(self.bar, self.status, starts=[self.start_button],
                             during=[self.stop_button], bar_stays=True, progress_texts=False)
        self.body = layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.start_button)
        row.addWidget(self.stop_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.travellers)
        layout.addWidget(self.changes_view, 1)
        layout.addWidget(QLabel(self.tr("Left out:"), self))
        layout.addWidget(self.left_out)
        layout.addWidget(self.buttons)
        self.resize(860, 680)

    def size_columns(self) -> None:
        """Widths from the font and what each column holds in the window's language (the
        changes' texts once proposed, a typical row before): never squashed to the titles."""
        model, metrics = self.changes_model, self.changes_view.fontMetrics()
        sample = datetime(2027, 5, 10, 10, 35, tzinfo=UTC)
        typical = ["", "x" * 24, model.when_text(sample, sample + timedelta(hours=7), "UTC"),
                   model.everyone_text()]
        for column in range(model.columnCount() - 1):
            texts = [typical[column], str(model.headerData(column, Qt.Orientation.Horizontal))]
            texts += [str(model.data(model.index(row, column)) or "")
                      for row in range(model.rowCount())]
            texts += [model.action_text(action) for action in Action] if column == 0 else []
            widest = max(metrics.horizontalAdvance(text) for text in texts)
            self.changes_view.setColumnWidth(column, min(widest + 24, WIDEST[column]))

    # --- searching ----------------------------------------------------------------------------
    def start(self) -> None:
        """Search on a worker; progress shows here and in the status bar."""
        self._discard()
        self.travellers.clear()
        self._fit_travellers()
        self._stop.clear()
        store = self.document.store
        seconds, minutes = float(self.seconds.value()), self.minutes.value()
        iterations, stop = self.max_iterations, self._stop

        def work(progress: Progress) -> Proposal:
            session = store.session()
            try:
                found = propose(
                    session, seconds=seconds, meeting_minutes=minutes,
                    max_iterations=iterations,
                    progress=lambda _it, best, elapsed: progress.report(
                        min(elapsed, seconds), seconds, f"{best:.1f}"),
                    cancel=lambda: stop.is_set() or progress.cancelled)
                progress.check()
                return Proposal(session, review(session, found))
            except BaseException:
                session.close()
                raise

        self.apply_button.setEnabled(False)
        self.work.start(self.operations.run(self.tr("Planning the tour"), work, self._proposed,
                                            self._failed, self._cancelled),
                        self.tr("Searching…"))

    def _proposed(self, proposal: Proposal) -> None:
        self.proposal = proposal
        plan = proposal.plan
        self.work.finish("", succeeded=True)
        self.status.setText(fill(
            self.tr("Adds %1, moves %2, drops %3 meetings. Goals covered: %4 → %5. "
                    "Errors afterwards: %6."),
            plan.count(Action.ADDED), plan.count(Action.MOVED), plan.count(Action.DROPPED),
            f"{plan.coverage_before:.0%}", f"{plan.coverage_after:.0%}", plan.errors_after))
        language = current_language()
        # how long the search ran and why it stopped ("stopped after 2.1 s: no better plan
        # found for 1.0 s"), in the planner's words as the command line says it
        search = plan.search_text(language)
        self.status.setText(f"{self.status.text()}\n{search[:1].upper()}{search[1:]}")
        self.travellers.setText(fill(self.tr("Goals covered by traveller: %1"), ", ".join(
            f"{mine.name} {mine.before:.0%} → {mine.after:.0%}"
            for mine in plan.coverage_by_traveller)) if plan.coverage_by_traveller else "")
        self._fit_travellers()
        self.changes_model.set_changes(plan.changes)
        self.size_columns()
        # the days planning left alone (their fixed items conflict), then the hosts, each with
        # its sentence (which day, how far from which place, which window), as the command
        # line says them
        self.left_out.setPlainText("\n".join(
            [*plan.conflict_messages(language),
             *(f"{host.organisation}: {host.reason_text(language)}"
               for host in plan.left_out)]))
        self.apply_button.setEnabled(bool(plan.changes))

    def _fit_travellers(self) -> None:
        """The travellers' coverage as tall as its text wrapped to the dialog's width: never
        squashed by the tables below."""
        label = self.travellers
        margins = self.body.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        label.setMinimumHeight(label.fontMetrics().boundingRect(
            QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, label.text()).height()
            if label.text() else 0)
        self.body.activate()  # at once: the tables give way before the dialog is drawn

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_travellers()

    def _failed(self, error: BaseException) -> None:
        """Say why: what the tour lacks for planning (:class:`NothingToPlan`) in the window's
        language, in the one sentence the command line prints."""
        self.work.finish(error.message(current_language()) if isinstance(error, NothingToPlan)
                         else str(error))

    def _cancelled(self) -> None:
        self.work.finish(self.tr("Cancelled: nothing was changed."))

    # --- applying -----------------------------------------------------------------------------
    def apply(self) -> None:
        """Apply the reviewed proposal in one transaction, as one undoable step."""
        proposal, self.proposal = self.proposal, None
        if proposal is None:
            return
        self.apply_button.setEnabled(False)

        def work(_progress: Progress) -> changes.Changeset:
            session = proposal.session
            try:
                _, changeset = changes.record(
                    session, lambda s: apply(s, proposal.plan))
                session.commit()
                return changeset
            finally:
                session.close()

        self.status.setText(self.tr("Applying…"))
        self.document.track_write(
            self.operations.run(self.tr("Applying the plan"), work, self._applied, self._failed))

    def _applied(self, changeset: changes.Changeset) -> None:
        document = self.document
        document.absorb(changeset)
        commands.execute(commands.AppliedChange(document, changeset,
                                                self.tr("Plan the tour automatically")))
        super().accept()

    def _discard(self) -> None:
        if self.proposal is not None:
            self.proposal.session.close()
            self.proposal = None

    def reject(self) -> None:
        """Cancel: stop a running search and keep the tour as it is."""
        self.work.cancel()
        self._discard()
        super().reject()
