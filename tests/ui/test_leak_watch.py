"""The watch on what a test leaves running fails the tests that leak, and only those.

Three small tests run in a pytest of their own, with this folder's conftest: one leaves an
operation's worker busy, one leaves a window's timer polling, one waits as it should.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

LEAKY = '''
import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from ui.operations import Operations

KEEP = []


def test_leaves_a_worker_running(qtbot):
    release = threading.Event()
    operations = Operations()
    KEEP.append((operations, release))
    operations.run("Checking", lambda progress: release.wait(30))
    threading.Timer(2.0, release.set).start()


def test_leaves_a_timer_polling(qtbot):
    widget = QWidget()
    KEEP.append(widget)
    timer = QTimer(widget)
    timer.setInterval(2000)
    timer.start()


def test_waits_for_its_work(qtbot):
    operations = Operations()
    operation = operations.run("Checking", lambda progress: 42)
    with qtbot.waitSignal(operations.idle, timeout=10_000):
        pass
    assert operation.error is None
    widget = QWidget()
    qtbot.addWidget(widget)
    timer = QTimer(widget)
    timer.start(2000)
    timer.stop()
'''


def test_a_test_that_leaves_work_or_timers_running_fails_and_says_where(
        pytester: pytest.Pytester) -> None:
    shutil.copy(Path(__file__).with_name("conftest.py"), pytester.path / "conftest.py")
    pytester.makepyfile(test_leaky=LEAKY)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q")
    result.assert_outcomes(passed=3, errors=2)
    text = result.stdout.str()
    assert "The test left workers running" in text
    assert "test_leaky.py:15 in test_leaves_a_worker_running" in text
    assert "The test left timers running" in text
    assert "test_leaky.py:24 in test_leaves_a_timer_polling" in text
