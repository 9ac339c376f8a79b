"""Pieces dialogs share: a busy bar, a label for the outcome of long work, the states of a dialog
that runs long work (:class:`BusyWork`), and the line that says why a value was refused."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QProgressBar, QWidget

from ui.operations import Operation, show_progress


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
