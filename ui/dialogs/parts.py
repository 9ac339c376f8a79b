"""Pieces dialogs share: a busy bar, a label for the outcome of long work, the states of a dialog
that runs long work (:class:`BusyWork`), a dialog over the tour that runs its work on the window's
operations and applies a change as one undoable step (:class:`WorkDialog`), and the line that says
why a value was refused."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QWidget,
)
from sqlalchemy.orm import Session

from planner import changes
from ui import commands
from ui.document import TourDocument
from ui.operations import Operation, Operations, Progress, show_progress

T = TypeVar("T")


def busy_bar(parent: QWidget, name: str) -> QProgressBar:
    """A progress bar without a known end, hidden until the work runs."""
    bar = QProgressBar(parent)
    bar.setAccessibleName(name)
    bar.setTextVisible(False)
    bar.setRange(0, 0)
    bar.hide()
    return bar


def outcome_label(parent: QWidget, name: str) -> QLabel:
    """A label for what the work did or why it failed: plain text (file names, URLs and
    server errors are data), wrapped, selectable for copying."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(name)
    return label


def browse_row(form: QFormLayout, label: str, field: QLineEdit, browse: str,
               browsed: Callable[[], None]) -> None:
    """Add to *form* a row *label* (its mnemonic going to *field*) of *field* and a *browse*
    button beside it that calls *browsed* (a file dialog)."""
    parent = field.parentWidget()
    button = QPushButton(browse, parent)
    button.clicked.connect(browsed)
    row = QHBoxLayout()
    row.addWidget(field, 1)
    row.addWidget(button)
    buddy = QLabel(label, parent)
    buddy.setBuddy(field)
    form.addRow(buddy, row)


class BusyWork:
    """The states of a dialog that runs one piece of long work at a time, shown the same way in
    every such dialog (export, publish, planning).

    - idle: the buttons that start work (*starts*) enabled, those that act on running work
      (*during*, e.g. Stop) disabled; the bar hidden (or, *bar_stays*, shown at rest);
    - working (:meth:`start`): *starts* disabled, *during* enabled, the bar busy and then
      filling as the work reports (:func:`ui.operations.show_progress`; the report's text in
      *status* where *progress_texts*), the *close* button reading Cancel;
    - cancelling (:meth:`cancel`): Cancel disabled until the work stops, "Cancelling…" said;
    - done or failed (:meth:`finish`): idle again, the outcome in *status* (a full bar for
      work that succeeded, where the bar stays).
    """

    def __init__(self, bar: QProgressBar, status: QLabel, *,
                 starts: Sequence[QAbstractButton], during: Sequence[QAbstractButton] = (),
                 close: QAbstractButton | None = None, bar_stays: bool = False,
                 progress_texts: bool = True) -> None:
        self.bar, self.status, self.close = bar, status, close
        self.starts, self.during = tuple(starts), tuple(during)
        self.bar_stays, self.progress_texts = bar_stays, progress_texts
        #: The running work (None while idle).
        self.operation: Operation[Any] | None = None
        for button in self.during:
            button.setEnabled(False)

    @property
    def running(self) -> bool:
        return self.operation is not None

    def start(self, operation: Operation[Any], text: str) -> None:
        """Show *operation* (just started) as running, *text* saying what it does."""
        self.operation = operation
        self._enable(working=True)
        if self.close is not None:
            self.close.setText(QCoreApplication.translate("BusyWork", "Cancel"))
        self.bar.setRange(0, 0)
        self.bar.show()
        self.status.setText(text)
        operation.on_progress(self._progressed)

    def _progressed(self, done: float, total: float, text: str) -> None:
        show_progress(self.bar, done, total)
        if text and self.progress_texts:
            self.status.setText(text)

    def finish(self, text: str, *, succeeded: bool = False) -> None:
        """The work ended (in success, failure or a cancel): idle again, *text* saying how."""
        self.operation = None
        self._enable(working=False)
        if self.close is not None:
            self.close.setText(QCoreApplication.translate("BusyWork", "Close"))
            self.close.setEnabled(True)
        if not self.bar_stays:
            self.bar.hide()
        elif succeeded:
            self.bar.setRange(0, 1)
            self.bar.setValue(1)
        else:
            self.bar.setRange(0, 1)
            self.bar.reset()
        self.status.setText(text)

    def cancel(self) -> bool:
        """Ask running work to stop: True (the dialog stays until it has, where it has a
        *close* button, saying so); False when nothing runs."""
        if self.operation is None:
            return False
        self.operation.cancel()
        if self.close is not None:
            self.close.setEnabled(False)  # until the work stops
            self.status.setText(QCoreApplication.translate("BusyWork", "Cancelling…"))
        return True

    def _enable(self, *, working: bool) -> None:
        for button in self.starts:
            button.setEnabled(not working)
        for button in self.during:
            button.setEnabled(working)


def refusal_label(parent: QWidget) -> QLabel:
    """Where a dialog says why it cannot take what was typed (plain text: it may quote it),
    wrapped, in the highlight colour so it is seen."""
    label = QLabel(parent)
    label.setObjectName("error")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(highlight);")
    return label


class WorkDialog(QDialog):
    """A dialog over the tour (*document*) that runs its long work on the window's *operations*,
    one piece at a time (:attr:`work`, which the subclass makes once its buttons are there):
    closing it while work runs cancels the work first; a change is applied on a worker in one
    transaction and pushed as one undoable step (:meth:`apply_recorded`, as imports are)."""

    #: The states of the dialog's work (the subclass sets it up).
    work: BusyWork

    def __init__(self, document: TourDocument, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.operations = operations
        #: Counts the reads started: a read's outcome is dropped if another started since.
        self._generation = 0

    def apply_recorded(self, title: str, change: Callable[[Session], T],
                       applied: Callable[[T, changes.Changeset], None],
                       failed: Callable[[BaseException], None], *, cancelled: str,
                       busy: str) -> None:
        """Run *change* on a worker in one write transaction, recorded
        (:func:`planner.changes.record`): *applied* gets its result and the changeset (for
        :meth:`push_change`), *failed* the error; *cancelled* and *busy* say so."""
        store = self.document.store

        def work(progress: Progress) -> tuple[T, changes.Changeset]:
            progress.check()
            with store.transaction(write=True) as session:
                return changes.record(session, change)

        operation = self.operations.run(title, work, lambda result: applied(*result), failed,
                                        lambda: self.work.finish(cancelled))
        self.document.track_write(operation)
        self.work.start(operation, busy)

    def push_change(self, changeset: changes.Changeset, text: str) -> None:
        """The tour took *changeset* (applied on a worker): one undoable step, named *text*."""
        self.document.absorb(changeset)
        commands.execute(commands.AppliedChange(self.document, changeset, text))

    def tell_window(self, said: str) -> None:
        """Say *said* in the window's status bar (and as its last message)."""
        tell_window(self, said)

    def reject(self) -> None:
        if not self.work.cancel():
            super().reject()


def tell_window(dialog: QWidget, said: str) -> None:
    """Say *said* in the status bar of the window *dialog* belongs to (and as its last
    message), for the dialog's outcome to stay seen once it closes."""
    window = dialog.parentWidget()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(said, 30_000)
        if hasattr(window, "last_message"):
            window.last_message = said
