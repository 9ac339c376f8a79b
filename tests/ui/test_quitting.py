"""Quitting feels instant: the window hides at once, the workers are cancelled and waited
for, the tour's store is closed, and only then may the program end without tearing down every
object (ui.app.end_now); an edit made just before is in the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTime
from pytestqt.qtbot import QtBot

from tests.ui.conftest import open_window
from tests.ui.test_mainwindow import item_index, stored_times
from ui.models.agenda import AgendaModel

DINNER = "Bavarian dinner"


def test_a_clean_close_ends_the_workers_and_the_store_and_keeps_the_edit(
        qtbot: QtBot, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    index = item_index(window, DINNER, AgendaModel.TIME)
    assert window.agenda_model.setData(index, QTime(20, 30))
    document = window.document
    assert document is not None
    window.check_again()  # a full check still running when the window closes
    assert window.operations.busy
    hidden_while_waiting: list[bool] = []
    shut_down = window.operations.shut_down

    def watched(msecs: int = 10_000) -> bool:
        hidden_while_waiting.append(window.isHidden())
        return shut_down(msecs)

    window.operations.shut_down = watched  # type: ignore[method-assign]
    window.close()
    assert hidden_while_waiting == [True]  # gone from the screen before the wait
    assert window.closed_cleanly and window.operations.pool.activeThreadCount() == 0
    assert document.closed
    assert stored_times(demo_path, DINNER) == ("20:30", "22:30")


def test_a_worker_outliving_the_wait_keeps_the_full_teardown(
        qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, demo_path)
    qtbot.waitUntil(lambda: not window.operations.busy, timeout=30_000)
    monkeypatch.setattr(window.operations, "shut_down", lambda msecs=10_000: False)
    window.close()
    assert not window.closed_cleanly
