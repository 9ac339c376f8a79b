"""Long work off the UI thread: every task (checking a big tour, importing, planning, exporting,
publishing) is an :class:`Operation` run by the window's :class:`Operations`.

The work function runs on a worker of a :class:`QThreadPool` and receives a :class:`Progress` to
report to and to ask whether the user cancelled. Its result or its exception comes back to the
main thread through queued signals, where the success and failure callbacks run; a worker never
touches a widget. :class:`OperationIndicator` is the status bar's view of running operations:
what runs, how far it is, and a Cancel button.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

T = TypeVar("T")


class Cancelled(Exception):
    """Raised inside work when the user cancelled it (see :meth:`Progress.check`)."""


class Progress:
    """Handed to the work function: report how far it is; learn whether it was cancelled.

    Thread-safe. Reports are passed on at most every 50 ms, so a tight loop may report freely.
    """

    INTERVAL = 0.05

    def __init__(self, emit: Callable[[float, float, str], None]) -> None:
        self._emit = emit
        self._cancel = threading.Event()
        self._last = 0.0

    def report(self, done: float, total: float = 0.0, text: str = "") -> None:
        """*done* out of *total* (total 0: unknown), with an optional line of text."""
        now = time.monotonic()
        if now - self._last >= self.INTERVAL or (total and done >= total):
            self._last = now
            self._emit(float(done), float(total), text)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if the user cancelled."""
        if self._cancel.is_set():
            raise Cancelled()


@dataclass(frozen=True)
class _Outcome:
    """What the worker hands to the main thread (never None through a signal: PySide's queued
    signals mishandle None's reference count on Python 3.11)."""

    result: Any
    error: BaseException | None


class Operation(QObject, Generic[T]):
    """One piece of background work, from start to its result, error or cancellation.

    The result and error go to plain Python callbacks (:meth:`on_success`, :meth:`on_failure`)
    called on the main thread; :attr:`finished` and :attr:`cancelled` are signals.
    """

    progressed = Signal(float, float, str)
    cancelled = Signal()
    finished = Signal()
    _result = Signal(object)  # emitted by the worker with an _Outcome; queued to the main thread

    def __init__(self, title: str, work: Callable[[Progress], T], parent: QObject) -> None:
        super().__init__(parent)
        self.title = title
        self.work = work
        self.progress = Progress(self.progressed.emit)
        self.running = True
        self.worker_thread: int | None = None
        self.error: BaseException | None = None
        self._on_success: list[Callable[[T], None]] = []
        self._on_failure: list[Callable[[BaseException], None]] = []
        self._result.connect(self._deliver)

    def on_success(self, callback: Callable[[T], None]) -> None:
        self._on_success.append(callback)

    def on_failure(self, callback: Callable[[BaseException], None]) -> None:
        self._on_failure.append(callback)

    def cancel(self) -> None:
        """Ask the work to stop; it ends with :attr:`cancelled` instead of a result."""
        self.progress.cancel()

    def _run(self) -> None:  # on a worker thread
        self.worker_thread = threading.get_ident()
        try:
            outcome = _Outcome(self.work(self.progress), None)
        except BaseException as exc:  # delivered to the main thread, never lost
            if not isinstance(exc, Cancelled):
                exc.add_note(traceback.format_exc())
            outcome = _Outcome(None, exc)
        self._result.emit(outcome)

    @Slot(object)
    def _deliver(self, outcome: _Outcome) -> None:
        self.running = False
        self.error = outcome.error
        try:
            if isinstance(outcome.error, Cancelled) or (outcome.error is None
                                                        and self.progress.cancelled):
                self.cancelled.emit()
            elif outcome.error is not None:
                for failure in self._on_failure:
                    failure(outcome.error)
            else:
                for success in self._on_success:
                    success(outcome.result)
        finally:
            self.finished.emit()
            self.deleteLater()


class _Runnable(QRunnable):
    def __init__(self, operation: Operation[Any]) -> None:
        super().__init__()
        self.operation = operation

    def run(self) -> None:
        self.operation._run()


class Operations(QObject):
    """The window's operations: starts them on a thread pool and knows which are running."""

    started = Signal(object)
    idle = Signal()

    def __init__(self, parent: QObject | None = None, threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self.running: list[Operation[Any]] = []

    def run(self, title: str, work: Callable[[Progress], T],
            on_success: Callable[[T], None] | None = None,
            on_failure: Callable[[BaseException], None] | None = None,
            on_cancel: Callable[[], None] | None = None) -> Operation[T]:
        """Start *work* on a worker; the callbacks run on the main thread when it ends."""
        operation: Operation[T] = Operation(title, work, self)
        if on_success is not None:
            operation.on_success(on_success)
        if on_failure is not None:
            operation.on_failure(on_failure)
        if on_cancel is not None:
            operation.cancelled.connect(on_cancel)
        operation.finished.connect(lambda: self._finished(operation))
        self.running.append(operation)
        self.started.emit(operation)
        self.pool.start(_Runnable(operation))
        return operation

    def _finished(self, operation: Operation[Any]) -> None:
        if operation in self.running:
            self.running.remove(operation)
        if not self.running:
            self.idle.emit()

    @property
    def busy(self) -> bool:
        return bool(self.running)

    def cancel_all(self) -> None:
        for operation in list(self.running):
            operation.cancel()

    def shut_down(self, msecs: int = 10_000) -> bool:
        """Cancel everything and wait for the workers (when the window closes)."""
        self.cancel_all()
        return self.pool.waitForDone(msecs)


class OperationIndicator(QWidget):
    """Status bar widget: the running operation's title, a progress bar and a Cancel button."""

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setMaximumWidth(180)
        self.bar.setTextVisible(False)
        self.cancel_button = QToolButton(self)
        self.cancel_button.clicked.connect(self._cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.retranslate()
        operations.started.connect(self._started)
        self.hide()

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the running task"))
        self.bar.setAccessibleName(self.tr("Progress of the running task"))

    def _started(self, operation: Operation[Any]) -> None:
        operation.progressed.connect(self._progressed)
        operation.finished.connect(self._refresh)
        self._refresh()

    def _refresh(self) -> None:
        running = [op for op in self.operations.running if op.running]
        if not running:
            self.hide()
            return
        current = running[-1]
        more = len(running) - 1
        self.label.setText(current.title + (self.tr(" (+%n more)", "", more) if more else ""))
        self.bar.setRange(0, 0)
        self.show()

    def _progressed(self, done: float, total: float, text: str) -> None:
        if total > 0:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * min(done, total) / total))
        if text:
            self.bar.setToolTip(text)

    def _cancel(self) -> None:
        self.operations.cancel_all()
