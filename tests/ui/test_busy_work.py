"""The states every dialog with long work shows the same way (ui/dialogs/parts.BusyWork), and the
one progress scaling the dialogs and the status bar share."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QProgressBar, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui.dialogs.parts import BusyWork, busy_bar, outcome_label
from ui.operations import PROGRESS_STEPS, Operations, Progress, show_progress


def test_progress_is_scaled_to_its_steps_and_an_unknown_total_stays_busy(qtbot: QtBot) -> None:
    bar = QProgressBar()
    qtbot.addWidget(bar)
    bar.setRange(0, 0)
    show_progress(bar, 5, 0)  # no total: still busy
    assert (bar.minimum(), bar.maximum()) == (0, 0)
    show_progress(bar, 3, 4)
    assert (bar.maximum(), bar.value()) == (PROGRESS_STEPS, 750)
    show_progress(bar, 12.5, 10)  # a report past the end fills the bar, no more
    assert bar.value() == PROGRESS_STEPS


def test_idle_working_cancelling_and_idle_again(qtbot: QtBot) -> None:
    dialog = QWidget()
    qtbot.addWidget(dialog)
    start, stop, close = (QPushButton(text, dialog) for text in ("Start", "Stop", "Close"))
    bar, status = busy_bar(dialog, "progress"), outcome_label(dialog, "outcome")
    layout = QVBoxLayout(dialog)
    for widget in (start, stop, close, bar, status):
        layout.addWidget(widget)
    dialog.show()
    operations = Operations(dialog)
    work = BusyWork(bar, status, starts=[start], during=[stop], close=close)
    assert start.isEnabled() and not stop.isEnabled() and bar.isHidden() and not work.running

    gate = threading.Event()

    def job(progress: Progress) -> int:
        progress.report(1, 4, "a quarter")
        assert gate.wait(30)
        progress.check()
        return 1

    with qtbot.waitSignal(operations.idle, timeout=30_000):
        work.start(operations.run("Working", job, lambda _n: work.finish("done", succeeded=True),
                                  on_cancel=lambda: work.finish("stopped")), "working…")
        assert work.running and not start.isEnabled() and stop.isEnabled()
        assert close.text() == "Cancel" and close.isEnabled() and bar.isVisible()
        assert status.text() == "working…"
        qtbot.waitUntil(lambda: bar.value() == PROGRESS_STEPS // 4, timeout=30_000)
        assert status.text() == "a quarter"
        assert work.cancel()
        assert not close.isEnabled() and status.text() == "Cancelling…"
        gate.set()
    assert status.text() == "stopped" and not work.running and not work.cancel()
    assert start.isEnabled() and not stop.isEnabled() and bar.isHidden()
    assert close.text() == "Close" and close.isEnabled()
