"""The operations layer: work on a worker thread, results and errors back on the main thread,
progress, cancel, and a window that keeps responding meanwhile."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from ui.operations import OperationIndicator, Operations, Progress


def test_work_runs_on_a_worker_and_the_result_comes_back_on_the_main_thread(
        qtbot: QtBot) -> None:
    operations = Operations()
    main = threading.get_ident()
    seen: dict[str, int] = {}

    def work(progress: Progress) -> int:
        seen["work"] = threading.get_ident()
        return 42

    results: list[int] = []
    with qtbot.waitSignal(operations.idle, timeout=5_000):
        operations.run("answer", work, lambda r: (results.append(r),
                                                  seen.setdefault("callback",
                                                                  threading.get_ident())))
    assert results == [42]
    assert seen["work"] != main
    assert seen["callback"] == main
    assert not operations.busy


def test_an_error_is_delivered_not_lost(qtbot: QtBot) -> None:
    operations = Operations()
    errors: list[BaseException] = []

    def work(_progress: Progress) -> None:
        raise ValueError("row 3: no name")

    with qtbot.waitSignal(operations.idle, timeout=5_000):
        operations.run("failing", work, lambda _r: pytest.fail("no result expected"),
                       errors.append)
    assert [str(e) for e in errors] == ["row 3: no name"]
    assert "Traceback" in errors[0].__notes__[0]


def test_the_window_keeps_ticking_while_work_runs_and_cancel_stops_it(qtbot: QtBot) -> None:
    """The work waits until the main thread has handled five timer ticks: were the main thread
    blocked, the ticks would never come. Then the Cancel button stops it."""
    operations = Operations()
    indicator = OperationIndicator(operations)
    qtbot.addWidget(indicator)
    ticks: list[int] = []
    five_ticks = threading.Event()
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: (ticks.append(1), len(ticks) >= 5 and five_ticks.set()))
    timer.start()
    reports: list[tuple[float, float]] = []

    def work(progress: Progress) -> str:
        assert five_ticks.wait(10)
        step = 0
        while not progress.cancelled:
            step += 1
            progress.report(step, 1_000_000, f"step {step}")
            progress.check()
        return "not reached"

    cancelled: list[bool] = []
    operation = operations.run("long task", work, lambda _r: pytest.fail("cancelled work "
                                                                         "has no result"))
    operation.on_cancel(lambda: cancelled.append(True))
    operation.on_progress(lambda done, total, _text: reports.append((done, total)))
    assert indicator.isVisibleTo(None) or not indicator.isHidden()
    assert indicator.label.text() == "long task"
    qtbot.waitUntil(lambda: len(reports) >= 2, timeout=10_000)
    with qtbot.waitSignal(operations.idle, timeout=10_000):
        indicator.cancel_button.click()
    timer.stop()
    assert cancelled == [True]
    assert len(ticks) >= 5
    assert all(total == 1_000_000 for _done, total in reports)
    assert indicator.isHidden()


def test_thousands_of_queued_signals_do_not_hurt_the_interpreter(qtbot: QtBot) -> None:
    """PySide6 6.12.0 dropped a reference to None per signal queued from a worker, and the
    interpreter died after a few thousand; pyproject.toml keeps that version out."""
    operations = Operations(threads=4)
    done: list[int] = []

    def work(progress: Progress) -> int:
        for step in range(20):
            progress.INTERVAL = 0.0
            progress.report(step, 20)
        return 1

    with qtbot.waitSignal(operations.idle, timeout=60_000):
        for _ in range(300):
            operations.run("small", work, done.append)
    assert len(done) == 300


DELETED_WHILE_WORKING = """
import threading
from PySide6.QtCore import QCoreApplication, QObject, QTimer
from ui.operations import Operations

class Window(QObject):
    def event(self, event):  # as the main window does: Qt's event() called from Python
        return super().event(event)

app = QCoreApplication([])
window = Window()
operations = Operations(QObject(window))
release, ended = threading.Event(), threading.Event()

def work(progress):
    release.wait(10)
    ended.set()

operations.run("Checking", work)
threading.Timer(0.3, release.set).start()
del operations
window.deleteLater()  # the window goes while its work runs
QTimer.singleShot(100, app.quit)
app.exec()
ended.wait(10)
print("ended" if ended.is_set() else "still running")
"""


def test_a_window_deleted_while_its_work_runs_does_not_hang_the_program() -> None:
    """A QThreadPool deleted with its window waited for its worker while holding the
    interpreter lock that the worker needed to end: the program hung for good (seen in a test
    whose import dialog started a check as it closed). Run apart, with a time limit."""
    import subprocess
    import sys

    try:
        result = subprocess.run([sys.executable, "-c", DELETED_WHILE_WORKING],
                                capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("the program hung when the window was deleted while its work ran")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ended"


def test_nothing_starts_once_the_operations_are_shut_down(qtbot: QtBot) -> None:
    operations = Operations()
    operations.shut_down()
    started: list[object] = []
    operations.started.connect(started.append)
    operation = operations.run("Checking", lambda progress: 42)
    assert not operation.running and not operations.busy and started == []
