"""Long work off the UI thread: every task (checking a big tour, importing, planning, exporting,
publishing) is an :class:`Operation` run by the window's :class:`Operations`.

The work function runs on a worker of a :class:`QThreadPool` and receives a :class:`Progress` to
report to and to ask whether the user cancelled. Its result or its exception comes back to the
main thread through queued signals, where the success and failure callbacks run; a worker never
touches a widget. :class:`OperationIndicator` is the status bar's view of running operations:
what runs, how far it is, and a Cancel button.
"""

from __future__ import annotations

import contextlib
import gc
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

T = TypeVar("T")


_collections_lock = threading.Lock()
_collections_paused = 0


@contextlib.contextmanager
def collections_paused() -> Iterator[None]:
    """No automatic full garbage collection while the block runs (on a worker).

    A full collection holds the interpreter lock, whichever thread runs it; while a worker
    builds tens of thousands of objects (reading a big tour) it would scan the window's objects
    again and again and freeze the window for over 100 ms each time. The window freezes what
    it keeps (``gc.freeze``) once it shows the result.
    """
    global _collections_paused
    with _collections_lock:
        _collections_paused += 1
        gc.disable()
    try:
        yield
    finally:
        with _collections_lock:
            _collections_paused -= 1
            if not _collections_paused:
                gc.enable()


#: A progress bar's range while the work says how far it is (fine enough for any bar's width).
PROGRESS_STEPS = 1000


def show_progress(bar: QProgressBar, done: float, total: float) -> None:
    """Show *done* out of *total* on *bar*, scaled to 0–:data:`PROGRESS_STEPS`; an unknown
    total (0) leaves the bar as it is (busy, without an end)."""
    if total > 0:
        bar.setRange(0, PROGRESS_STEPS)
        bar.setValue(int(PROGRESS_STEPS * min(done, total) / total))


class Cancelled(Exception):
    """Raised inside work when the user cancelled it (see :meth:`Progress.check`)."""


class Progress:
    """Handed to the work function: report how far it is; learn whether it was cancelled.

    Thread-safe. Reports are passed on at most every 50 ms (a new text at once), so a tight loop
    may report freely.
    """

    INTERVAL = 0.05

    def __init__(self, emit: Callable[[float, float, str], None]) -> None:
        self._emit = emit
        self._cancel = threading.Event()
        self._last = 0.0
        self._text = ""

    def report(self, done: float, total: float = 0.0, text: str = "") -> None:
        """*done* out of *total* (total 0: unknown), with an optional line of text."""
        now = time.monotonic()
        if now - self._last >= self.INTERVAL or (total and done >= total) or \
                text != self._text:  # a new stage is always told
            self._last, self._text = now, text
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
    """What a worker hands to the main thread (never None through a signal)."""

    operation: Operation[Any]
    result: Any
    error: BaseException | None


class Operation(Generic[T]):
    """One piece of background work, from start to its result, error or cancellation.

    A plain Python object: its callbacks run on the main thread, called by :class:`Operations`
    (whose one long-lived QObject carries every signal, so no per-task QObject can be deleted
    while an event for it is still queued).
    """

    def __init__(self, title: str, work: Callable[[Progress], T],
                 emit: Callable[[float, float, str], None]) -> None:
        self.title = title
        self.work = work
        self.progress = Progress(emit)
        self.running = True
        self.worker_thread: int | None = None
        self.error: BaseException | None = None
        self._on_success: list[Callable[[T], None]] = []
        self._on_failure: list[Callable[[BaseException], None]] = []
        self._on_cancel: list[Callable[[], None]] = []
        self._on_progress: list[Callable[[float, float, str], None]] = []

    def on_success(self, callback: Callable[[T], None]) -> None:
        self._on_success.append(callback)

    def on_failure(self, callback: Callable[[BaseException], None]) -> None:
        self._on_failure.append(callback)

    def on_cancel(self, callback: Callable[[], None]) -> None:
        self._on_cancel.append(callback)

    def on_progress(self, callback: Callable[[float, float, str], None]) -> None:
        self._on_progress.append(callback)

    def cancel(self) -> None:
        """Ask the work to stop; it ends in the cancel callbacks instead of a result."""
        self.progress.cancel()

    def _run(self) -> _Outcome:  # on a worker thread
        self.worker_thread = threading.get_ident()
        try:
            return _Outcome(self, self.work(self.progress), None)
        except BaseException as exc:  # delivered to the main thread, never lost
            if not isinstance(exc, Cancelled):
                exc.add_note(traceback.format_exc())
            return _Outcome(self, None, exc)

    def _deliver(self, outcome: _Outcome) -> None:  # on the main thread
        self.running = False
        self.error = outcome.error
        # Work that finished despite a cancel (it was past its last check, e.g. committed)
        # delivers its result: what was done must be shown and be undoable.
        if isinstance(outcome.error, Cancelled):
            for cancelled in self._on_cancel:
                cancelled()
        elif outcome.error is not None:
            for failure in self._on_failure:
                failure(outcome.error)
        else:
            for success in self._on_success:
                success(outcome.result)


class _Runnable(QRunnable):
    def __init__(self, operation: Operation[Any], done: Callable[[_Outcome], None]) -> None:
        super().__init__()
        self.operation = operation
        self.done = done

    def run(self) -> None:
        outcome = self.operation._run()
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile: nobody to tell
            self.done(outcome)


#: Every pool an :class:`Operations` made, kept until the process ends. A ``QThreadPool``'s
#: destructor waits for its running workers while the interpreter lock is held, and a worker
#: needs that lock to end: a window deleted while its work ran (a dialog's check started as it
#: closed) hung the program for good. Idle pools cost nothing (their threads expire).
_POOLS: list[QThreadPool] = []


class Operations(QObject):
    """The window's operations: starts them on a thread pool and knows which are running.
    Once :meth:`shut_down` (the window closed), it starts nothing more."""

    #: An operation started (the Operation).
    started = Signal(object)
    #: An operation ended, whichever way (the Operation).
    finished = Signal(object)
    #: (operation, done, total, text) from a running operation.
    progressed = Signal(object, float, float, str)
    #: No operation is running any more.
    idle = Signal()
    _outcome = Signal(object)  # emitted on a worker; queued to the main thread

    def __init__(self, parent: QObject | None = None, threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = QThreadPool()  # no parent: never destroyed with its window (see _POOLS)
        self.pool.setMaxThreadCount(threads)
        _POOLS.append(self.pool)
        self.shut = False
        self.running: list[Operation[Any]] = []
        self._outcome.connect(self._deliver)
        self.progressed.connect(self._relay_progress)

    def run(self, title: str, work: Callable[[Progress], T],
            on_success: Callable[[T], None] | None = None,
            on_failure: Callable[[BaseException], None] | None = None,
            on_cancel: Callable[[], None] | None = None) -> Operation[T]:
        """Start *work* on a worker; the callbacks run on the main thread when it ends."""
        operation: Operation[T] = Operation(
            title, work, lambda done, total, text: self.progressed.emit(operation, done,
                                                                        total, text))
        if on_success is not None:
            operation.on_success(on_success)
        if on_failure is not None:
            operation.on_failure(on_failure)
        if on_cancel is not None:
            operation.on_cancel(on_cancel)
        if self.shut:  # the window closed: nothing is shown any more, nothing starts
            operation.running = False
            return operation
        self.running.append(operation)
        self.started.emit(operation)
        self.pool.start(_Runnable(operation, self._outcome.emit))
        return operation

    @Slot(object, float, float, str)
    def _relay_progress(self, operation: Operation[Any], done: float, total: float,
                        text: str) -> None:
        for callback in operation._on_progress:
            callback(done, total, text)

    @Slot(object)
    def _deliver(self, outcome: _Outcome) -> None:
        operation = outcome.operation
        try:
            operation._deliver(outcome)
        finally:
            if operation in self.running:
                self.running.remove(operation)
            self.finished.emit(operation)
            if not self.running:
                self.idle.emit()

    @property
    def busy(self) -> bool:
        return bool(self.running)

    def cancel_all(self) -> None:
        for operation in list(self.running):
            operation.cancel()

    def shut_down(self, msecs: int = 10_000) -> bool:
        """Cancel everything and wait for the workers (when the window closes); start nothing
        afterwards."""
        self.shut = True
        self.cancel_all()
        return self.pool.waitForDone(msecs)


class OperationIndicator(QWidget):
    """Status bar widget: the running operation's title, a progress bar and a Cancel button."""

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # titles name files
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
        operations.started.connect(self._refresh)
        operations.finished.connect(self._refresh)
        operations.progressed.connect(self._progressed)
        self.hide()

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setMinimumWidth(
            self.cancel_button.fontMetrics().horizontalAdvance(self.cancel_button.text()) + 20)
        self.cancel_button.setAccessibleName(self.tr("Cancel the running task"))
        self.bar.setAccessibleName(self.tr("Progress of the running task"))

    def _refresh(self, _operation: object = None) -> None:
        running = [op for op in self.operations.running if op.running]
        if not running:
            self.hide()
            return
        current = running[-1]
        more = len(running) - 1
        self.label.setText(current.title + (self.tr(" (+%n more)", "", more) if more else ""))
        self.bar.setRange(0, 0)
        self.show()

    def _progressed(self, operation: Operation[Any], done: float, total: float,
                    text: str) -> None:
        running = [op for op in self.operations.running if op.running]
        if not running or running[-1] is not operation:
            return
        show_progress(self.bar, done, total)
        if text:
            self.bar.setToolTip(text)

    def _cancel(self) -> None:
        self.operations.cancel_all()
