"""GUI fixtures: private settings, a main window with the demo tour open and checked, and the
watch on what a test leaves running (workers and timers, as napari's conftest does)."""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path
from weakref import WeakKeyDictionary

import pytest
from PySide6.QtCore import QRunnable, QSettings, QThreadPool, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from ui.mainwindow import MainWindow

#: Screenshots for people to look at are written here (kept out of git).
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture(scope="session", autouse=True)
def _derived_data_built() -> None:
    """The gazetteer's index and the land mask are built into the run's cache folder before
    the first window: a first start builds them on workers that no cancel reaches, so a window
    closed meanwhile waits for them, and the leak watch would rightly call them left running."""
    from planner.geo.gazetteer import gazetteer
    from planner.geo.landmask import land_mask

    gazetteer()
    land_mask()


@pytest.fixture(autouse=True)
def _private_settings(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    """Each test gets empty settings of its own, never the user's."""
    qapp.setOrganizationName("Ecovisit")
    qapp.setApplicationName("Ecovisit")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    yield


#: How long a worker may still take after the test ended (its fixtures torn down) before the
#: test is failed for leaving it running: enough for a worker that is returning, far less than
#: any real work.
WORKER_GRACE_MS = 200
#: Frames of these folders are the interpreter's and the libraries', not Ecovisit's.
_LIBRARIES = tuple({sys.prefix, sys.base_prefix, sys.exec_prefix})


def _calling_place(depth: int = 3) -> str:
    """The innermost frames of Ecovisit's code (and its tests) that led here, innermost first
    (this conftest, the libraries and the interpreter left out)."""
    ours = [f"{Path(frame.filename).name}:{frame.lineno} in {frame.name}"
            for frame in reversed(traceback.extract_stack()[:-2])
            if frame.filename != __file__ and not frame.filename.startswith(_LIBRARIES)
            and not frame.filename.startswith("<")]
    return " < ".join(ours[:depth]) or "(outside Ecovisit's code)"


class _Watched(QRunnable):
    """A pool's task, run as given, that sets *ended* when it has run (the pool deletes the
    runnable then: what the watch reads afterwards is kept apart from it)."""

    def __init__(self, task: QRunnable, ended: threading.Event) -> None:
        super().__init__()
        self.task = task
        self.ended = ended

    def run(self) -> None:
        try:
            self.task.run()
        finally:
            self.ended.set()


@pytest.fixture(autouse=True)
def _no_dangling_workers(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail a test that leaves a worker of a thread pool running (an operation not waited for):
    its result would reach the next test's window, or a deleted one. Runs after the test's own
    fixtures are torn down (windows closed), so a window that waits for its workers passes."""
    tasks: list[tuple[str, threading.Event]] = []  # (who started it, has it ended)
    start = QThreadPool.start

    def watched_start(pool: QThreadPool, task: QRunnable, priority: int = 0) -> None:
        tasks.append((_calling_place(), threading.Event()))
        start(pool, _Watched(task, tasks[-1][1]), priority)

    monkeypatch.setattr(QThreadPool, "start", watched_start)
    yield
    running = [place for place, ended in tasks if not ended.wait(WORKER_GRACE_MS / 1000)]
    for _place, ended in tasks:
        ended.wait(10)  # leave nothing to the next test
    assert not running, (
        "The test left workers running; wait for them (qtbot.waitSignal on the operation's "
        "end, or close the window). They were started at:\n  " + "\n  ".join(running))


@pytest.fixture(autouse=True)
def _no_dangling_timers(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail a test that leaves a timer running (a closed window still polling, a delayed
    refresh still due): it would fire in the next test. Timers deleted with their owner are
    gone and fine; pytest-qt's own timers are stopped by the time this runs."""
    started: WeakKeyDictionary[QTimer, str] = WeakKeyDictionary()
    start = QTimer.start

    def recorded_start(timer: QTimer, *msec: int) -> None:
        started[timer] = _calling_place()
        start(timer, *msec)

    monkeypatch.setattr(QTimer, "start", recorded_start)
    yield
    running: list[str] = []
    for timer, place in list(started.items()):
        with suppress(RuntimeError):  # deleted with its owner
            if timer.isActive():
                running.append(place)
                timer.stop()
    assert not running, (
        "The test left timers running; stop them (close the window that owns them) before "
        "it ends. They were started at:\n  " + "\n  ".join(running))


def open_window(qtbot: QtBot, location: Path | str) -> MainWindow:
    """A shown main window with *location* open and its first full check done."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.findings_shown, timeout=30_000):
        window.open_tour(str(location))
    return window


@pytest.fixture
def window(qtbot: QtBot, demo_path: Path) -> Iterator[MainWindow]:
    """The main window on a private copy of the demo tour."""
    shown = open_window(qtbot, demo_path)
    yield shown
    shown.translators.install("en")
    shown.close()


def screenshot(widget: object, name: str) -> Path:
    """Save a picture of *widget* for people to look at; returns its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    assert widget.grab().save(str(path))  # type: ignore[attr-defined]
    return path


def tour_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of the tour file (revisions included: any commit shows), read
    by a new store, as after a restart. The file's bytes would not do: commits wait in the
    write-ahead log."""
    from sqlalchemy import select

    from planner.model import Base
    from planner.store import TourStore

    with TourStore.open(path) as store, store.transaction() as session:
        return {table.name: sorted((tuple(row) for row in session.execute(select(table))),
                                   key=repr)
                for table in Base.metadata.sorted_tables}


def dialog_of(qtbot: QtBot, action: QAction) -> QDialog:
    """Trigger *action* (a menu's) and return the one dialog it opened, once shown."""
    action.trigger()
    found: list[QDialog] = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, QDialog) and w.isVisible()]
        return len(found) == 1

    qtbot.waitUntil(shown)
    return found[0]
