"""How the desktop window feels: start-up, opening a big directory, filtering, editing, and
staying responsive while a big tour is checked.

Prints medians over several runs (min and max where they matter) of:

1. **Start-up**: from the moment the parent starts a new Python process to the main window
   exposed with the demo tour open (``MainWindow.tour_opened``), through the real start path
   (``ui.app.run`` as ``ecovisit gui --demo`` runs it); against the floor, a bare PySide6
   ``QWidget`` shown by the same Python; and the ratio. Each run is a fresh process with a fresh
   data folder holding the demo tour (already written, as at every start after the first) and
   fresh, private settings; the cache folder is shared by all runs, and a warm-up run fills it.
   A second floor is the same bare window in a process that first imports SQLAlchemy's ORM
   (``import sqlalchemy.orm``): the stack the window stands on; the target is within x2 of it.
2. **Opening 5,000 organisations** (and 500 agenda items) in a shown window: from
   ``open_tour()`` to ``tour_opened``, the main thread's part of it (``_show_tour``), the read
   alone, the longest the event loop stood still until the tour was painted, and (once) how
   long the first full check took to show its findings and the longest freeze meanwhile.
3. **A filter keystroke** in the organisations browser on those 5,000 organisations: one
   character inserted into the filter box, until the synchronous re-filter returns, and until
   the repaint after it is done too; the first keystroke (which builds the search text of every
   row) is quoted apart.
4. **An edit until the findings panel is updated** on the 500-item tour: a new start time set
   through the agenda model (as the time editor does), until ``findings_shown``; each edit moves
   an item by 30 minutes or back, so every edit is a real change. Says how many edits updated
   the findings within the edit call (the incremental re-check) and how many waited for a check
   on the worker.
5. **Responsiveness during a full check** (``TourDocument.check_everything``) of the 500-item
   and of a 2,000-item tour on the worker: a 10 ms timer ticks on the main thread; the longest
   gap between ticks is how long the window froze (the limit is 100 ms). The first check after
   opening (every item newly marked) is quoted apart from checking again. Full garbage
   collections are counted and timed too: one holds the GIL, whichever thread runs it.

6. **Making agenda items** on the 500-item tour: opening the item editor (an existing item, as
   a double-click does, and a new one, as Agenda > Add Item… does) until it is shown and
   painted; and an organisation dragged from the directory and dropped on the timeline, from
   the drag entering the timeline until the findings panel shows the new meeting's findings
   (and until repainted), with the longest the event loop stood still over each (the limit is
   100 ms). Each drop is undone before the next, so the tour stays the same.

``--profile`` adds cProfile's view of opening the 5,000 organisations (the read, and the main
thread up to the first paint).

Nothing of the user's is touched: settings are INI files in a temporary folder, and the data
and cache folders are temporary too (the cache folder persists between invocations so the
gazetteer's index is built once; ``--cache-dir`` picks another). A whole run takes minutes,
most of it the window's first check of the 2,000-item tour (``--big-items 0`` leaves it out).

    QT_QPA_PLATFORM=offscreen python bench/gui.py [--runs N] [--repeat N] [--profile]
    QT_QPA_PLATFORM=offscreen python bench/gui.py --only-items   # section 6 alone
    QT_QPA_PLATFORM=offscreen python bench/gui.py --only-startup --runs 9   # section 1 alone
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from open_large_tour import build  # bench/open_large_tour.py, beside this script
from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QMessageLogContext,
    QSettings,
    Qt,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication
from timing import timed  # bench/timing.py

from planner.demo import default_start, write_demo
from planner.locations import CACHE_DIR_VARIABLE, DATA_DIR_VARIABLE, demo_tour_path
from planner.store import TourStore, create_tour_file
from planner.timezones import local_today, to_local
from ui.app import application
from ui.document import read_contents
from ui.mainwindow import MainWindow
from ui.models.agenda import AgendaModel

#: The parent's wall clock when it started the child, for the child to compare with.
T0_VARIABLE = "ECOVISIT_BENCH_T0"
#: What the window must never exceed: the longest the event loop may stand still.
FREEZE_LIMIT = 0.100

#: The child for start-up: the program's own start (``ui.app.run``, as ``ecovisit gui --demo``:
#: nothing of Qt or the window imported before it, as run() imports them in its own order), its
#: application made with private settings and a hook on the first turn of its event loop, and an
#: exit as soon as the window is exposed with the tour open.
APP_CHILD = textwrap.dedent("""
    import os, sys, time
    import ui.app

    def finish(window):
        from PySide6.QtCore import QTimer

        handle = window.windowHandle()
        if handle is None or not handle.isExposed():
            QTimer.singleShot(1, lambda: finish(window))
            return
        print(time.time() - float(os.environ["ECOVISIT_BENCH_T0"]), window.location, flush=True)
        os._exit(0)  # the first check still runs on a worker; tearing down is not start-up

    def hook():
        from PySide6.QtWidgets import QApplication
        from ui.mainwindow import MainWindow

        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        if window.document is not None:
            finish(window)
        else:
            window.tour_opened.connect(lambda _location: finish(window))

    application = ui.app.application

    def private_application():  # run() calls it before it builds the window
        from PySide6.QtCore import QSettings, QTimer

        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[1])
        app = application()
        QTimer.singleShot(0, hook)
        return app

    ui.app.application = private_application
    sys.exit(ui.app.run(["--demo"]))  # a first start would ask what to open
""")

#: The floor: the same Python shows a bare widget and exits once it is exposed. ``{imports}`` is
#: what the second floor imports first: the stack the window stands on.
FLOOR_CHILD = textwrap.dedent("""
    import os, sys, time
    {imports}
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    widget = QWidget()
    widget.resize(1280, 800)
    widget.show()

    def finish():
        handle = widget.windowHandle()
        if handle is None or not handle.isExposed():
            QTimer.singleShot(1, finish)
            return
        print(time.time() - float(os.environ["ECOVISIT_BENCH_T0"]), flush=True)
        os._exit(0)

    QTimer.singleShot(0, finish)
    app.exec()
""")
#: The first floor: a bare PySide6 window.
BARE_FLOOR = FLOOR_CHILD.replace("{imports}", "")
#: The second floor: a bare PySide6 window in a process that imported SQLAlchemy's ORM, the
#: stack Ecovisit's window stands on (the target is within 2x of it).
ORM_FLOOR = FLOOR_CHILD.replace("{imports}", "import sqlalchemy.orm")


# --- helpers ----------------------------------------------------------------------------------
def ms(seconds: float) -> str:
    return f"{seconds * 1e3:.1f} ms"


def spread(values: Sequence[float]) -> str:
    """Median, min and max of some durations."""
    return (f"median {ms(statistics.median(values))} (min {ms(min(values))}, "
            f"max {ms(max(values))}; n={len(values)})")


def private_settings(folder: Path) -> None:
    """Every QSettings() of this process reads and writes INI files in *folder*."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


def _qt_message(_kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    if "does not support propagateSizeHints" not in message:  # the offscreen platform's
        print(message, file=sys.stderr)


def wait_until(condition: Callable[[], bool], timeout: float = 120.0) -> None:
    """Run the event loop until *condition* holds (looked at every 5 ms)."""
    loop = QEventLoop()
    deadline = time.perf_counter() + timeout

    def look() -> None:
        if condition() or time.perf_counter() > deadline:
            loop.quit()

    poll = QTimer()
    poll.timeout.connect(look)
    poll.start(5)
    try:
        if not condition():
            loop.exec()
    finally:
        poll.stop()
    if not condition():
        raise TimeoutError("the window did not get there in time")


def run_until(signal: Any, start: Callable[[], object], timeout: float = 120.0) -> float:
    """Call *start*, run the event loop until *signal* fires; returns when it fired
    (``perf_counter``)."""
    fired: list[float] = []
    loop = QEventLoop()
    limit = QTimer()
    limit.setSingleShot(True)
    limit.timeout.connect(loop.quit)

    def note(*_args: object) -> None:
        if not fired:
            fired.append(time.perf_counter())
            loop.quit()

    signal.connect(note)
    try:
        start()
        if not fired:
            limit.start(int(timeout * 1000))
            loop.exec()
    finally:
        limit.stop()
        signal.disconnect(note)
    if not fired:
        raise TimeoutError("the signal did not come in time")
    return fired[0]


def pause(seconds: float) -> None:
    """Let the event loop run for a while (paints, deferred deletes)."""
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def shown_window() -> MainWindow:
    window = MainWindow()
    window.show()
    wait_until(lambda: window.windowHandle() is not None and window.windowHandle().isExposed())
    return window


def checked(window: MainWindow) -> bool:
    """The tour is open, its first full check landed, and nothing runs in the background."""
    document = window.document
    return document is not None and document.checker is not None and \
        not window.operations.busy


def close(window: MainWindow) -> None:
    window.close()
    window.deleteLater()
    pause(0.05)


class TickMonitor:
    """A 10 ms timer on the main thread; the gaps between its ticks are the window's freezes.
    Full garbage collections (generation 2) are timed too: whichever thread runs one holds the
    GIL all along, so one on the worker freezes the window as well."""

    def __init__(self, interval_ms: int = 10) -> None:
        self.interval_ms = interval_ms
        self.ticks: list[float] = []
        self.collections: list[float] = []
        self._collecting = 0.0
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def _collected(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] == 2:
            if phase == "start":
                self._collecting = time.perf_counter()
            else:
                self.collections.append(time.perf_counter() - self._collecting)

    @contextmanager
    def watching(self) -> Iterator[TickMonitor]:
        self.ticks = [time.perf_counter()]
        self.collections = []
        gc.callbacks.append(self._collected)
        self.timer.start(self.interval_ms)
        try:
            yield self
        finally:
            self.timer.stop()
            gc.callbacks.remove(self._collected)

    def longest(self) -> tuple[float, float]:
        """The longest gap between ticks, and when it ended (``perf_counter``)."""
        gaps = [(b - a, b) for a, b in zip(self.ticks, self.ticks[1:], strict=False)]
        return max(gaps) if gaps else (0.0, 0.0)

    def over(self, limit: float) -> int:
        return sum(1 for a, b in zip(self.ticks, self.ticks[1:], strict=False) if b - a > limit)


# --- 1. start-up ------------------------------------------------------------------------------
def child_seconds(code: str, args: Sequence[str], env: dict[str, str], expect: str = "") -> float:
    """Seconds from starting a Python child running *code* to the moment it reports (with
    *expect* in its report)."""
    env = {**env, T0_VARIABLE: repr(time.time())}
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True,
                          text=True, timeout=300, check=False)
    if done.returncode != 0 or not done.stdout.strip() or expect not in done.stdout:
        raise RuntimeError(f"the child failed ({done.returncode}): {done.stdout[-300:]}\n"
                           f"{done.stderr[-3000:]}")
    return float(done.stdout.split()[0])


def measure_startup(demo: Path, cache: Path, runs: int) -> None:
    print(f"1. start-up to the window shown with the demo tour open ({runs} runs, "
          "a fresh process each)")
    # PYTHONDONTWRITEBYTECODE (set in some shells and CI) would make every run compile the
    # modules changed since their bytecode was written: an installed program has it cached
    base = {k: v for k, v in os.environ.items()
            if k not in (DATA_DIR_VARIABLE, T0_VARIABLE, "PYTHONDONTWRITEBYTECODE")}
    base[CACHE_DIR_VARIABLE] = str(cache)

    def app_run() -> float:
        with tempfile.TemporaryDirectory(prefix="ecovisit-bench-start-") as folder:
            env = {**base, DATA_DIR_VARIABLE: str(Path(folder) / "data")}
            own = os.environ.get(DATA_DIR_VARIABLE)
            os.environ[DATA_DIR_VARIABLE] = env[DATA_DIR_VARIABLE]
            try:
                shutil.copyfile(demo, demo_tour_path())  # where the child will look for it
            finally:
                if own is None:
                    del os.environ[DATA_DIR_VARIABLE]
                else:
                    os.environ[DATA_DIR_VARIABLE] = own
            return child_seconds(APP_CHILD, [str(Path(folder) / "settings")], env,
                                 expect=str(Path(folder) / "data"))

    app_run()  # warm-up: fills the cache folder, the bytecode cache and the OS's file cache
    child_seconds(BARE_FLOOR, [], base)
    child_seconds(ORM_FLOOR, [], base)
    apps, floors, orm_floors = [], [], []
    for _ in range(runs):  # interleaved, so a slow spell of the machine hits all alike
        apps.append(app_run())
        floors.append(child_seconds(BARE_FLOOR, [], base))
        orm_floors.append(child_seconds(ORM_FLOOR, [], base))
    app, bare, orm = (statistics.median(v) for v in (apps, floors, orm_floors))
    print(f"   Ecovisit (demo tour open):                 {spread(apps)}")
    print(f"   floor 1 (bare QWidget shown):              {spread(floors)}")
    print(f"   floor 2 (bare QWidget + sqlalchemy.orm):   {spread(orm_floors)}")
    print(f"   ratio of medians: x{app / bare:.1f} floor 1, x{app / orm:.1f} floor 2 "
          f"(target: within x2 of floor 2); Ecovisit's own share ≈ {ms(app - orm)} over "
          f"floor 2, {ms(app - bare)} over floor 1")


# --- 2. opening 5,000 organisations -----------------------------------------------------------
@dataclass
class Opening:
    """How opening a tour in a window went (seconds)."""

    #: open_tour() → tour_opened.
    total: float
    #: The main thread's part of it (``_show_tour``).
    main: float
    #: The longest the event loop stood still from open_tour() to the tour shown and painted.
    freeze: float
    #: How long each full garbage collection took meanwhile.
    open_collections: list[float]
    #: The longest it stood still while the first full check ran and its findings were shown
    #: (0 if not waited for).
    check_freeze: float = 0.0
    #: open_tour() → the first findings shown (0 if not waited for).
    checked: float = 0.0
    #: How long each full garbage collection took while the first check ran.
    collections: list[float] = field(default_factory=list)


def open_in_window(window: MainWindow, path: Path, wait_for_check: bool) -> Opening:
    """Open *path* in *window*; with *wait_for_check*, wait for the first full check too."""
    shown: list[float] = []
    original = window._show_tour

    def timed_show(*args: Any) -> None:
        begin = time.perf_counter()
        try:
            original(*args)
        finally:
            shown.append(time.perf_counter() - begin)

    window._show_tour = timed_show  # type: ignore[method-assign]  # looked up per call
    monitor = TickMonitor()
    try:
        with monitor.watching():
            begin = time.perf_counter()
            opened = run_until(window.tour_opened, lambda: window.open_tour(str(path)))
            pause(0.1)  # the first paint
        result = Opening(opened - begin, shown[0], monitor.longest()[0], monitor.collections)
        if wait_for_check:
            with monitor.watching():
                wait_until(lambda: checked(window), timeout=3600)
                result.checked = time.perf_counter() - begin
                pause(0.3)  # the paint after the findings landed
            result.check_freeze = monitor.longest()[0]
            result.collections = monitor.collections
    finally:
        del window._show_tour
    return result


def measure_open(path: Path, organisations: int, items: int,
                 repeat: int) -> tuple[MainWindow, Opening]:
    """Returns the window of the last run, with the tour open and checked, and its opening."""
    print(f"2. opening a tour of {organisations:,} organisations and {items:,} items in a shown "
          f"window ({repeat} runs, a new window each, after one warm-up)")
    runs: list[Opening] = []
    for run in range(repeat + 1):
        window = shown_window()
        last = run == repeat
        opening = open_in_window(window, path, wait_for_check=last)
        if run:
            runs.append(opening)
        if not last:
            close(window)  # cancels the first check
    with TourStore.open(path) as store:
        reads = [timed(lambda store=store: read_contents(store)) for _ in range(repeat)]
    print(f"   open_tour() → tour_opened:                {spread([r.total for r in runs])}")
    print(f"   of which on the main thread (_show_tour): {spread([r.main for r in runs])}")
    print(f"   reading alone (read_contents, no Qt):     {spread(reads)}")
    print(f"   longest freeze, open_tour() → painted:    {spread([r.freeze for r in runs])}")
    opening_collections = [d for r in runs for d in r.open_collections]
    print(f"     meanwhile {_collections(opening_collections, repeat, 'opening')}")
    final = runs[-1]
    print(f"   the first full check (last run only): findings shown {ms(final.checked)} after "
          f"open_tour(); longest freeze meanwhile {ms(final.check_freeze)}; "
          f"{_collections(final.collections)}")
    return window, final


# --- 3. filter keystrokes ---------------------------------------------------------------------
#: What a coordinator types into the organisations' filter box (names, cities, topics of the
#: generated directory).
FILTER_WORDS = ("organisation 4217", "munich", "paris mob")


def measure_filter(window: MainWindow) -> None:
    browser = window.organisations
    total = browser.model.rowCount()
    print(f"3. filter keystrokes on {total:,} organisations ({', '.join(map(repr, FILTER_WORDS))}"
          ", typed a character at a time, the box cleared between words)")
    browser.filter_box.clear()
    pause(0.1)
    first = None
    calls, painted, clears, shown = [], [], [], []
    for word in FILTER_WORDS:
        for character in word:
            QCoreApplication.processEvents()
            begin = time.perf_counter()
            browser.filter_box.insert(character)
            returned = time.perf_counter()
            QCoreApplication.processEvents()  # the table repaints
            done = time.perf_counter()
            if first is None:
                first = (returned - begin, done - begin)
            else:
                calls.append(returned - begin)
                painted.append(done - begin)
        shown.append(f"{word!r} → {browser.proxy.rowCount():,}")
        QCoreApplication.processEvents()
        begin = time.perf_counter()
        browser.filter_box.clear()
        QCoreApplication.processEvents()
        clears.append(time.perf_counter() - begin)
    assert first is not None
    print(f"   keystroke, filter call returns:  {spread(calls)}")
    print(f"   keystroke, repainted too:        {spread(painted)}")
    print(f"   first keystroke (builds the search text of every row): {ms(first[0])} "
          f"({ms(first[1])} repainted)")
    print(f"   clearing the box (all rows back, repainted): {spread(clears)}")
    print(f"   rows shown: {'; '.join(shown)}")


# --- 4. edit → findings -----------------------------------------------------------------------
def measure_edits(window: MainWindow, edits: int) -> None:
    document = window.document
    assert document is not None
    model = window.agenda_model
    items = [item for item in model.all_items() if not item.locked]
    chosen = items[::max(1, len(items) // max(1, edits // 2))][:max(1, edits // 2)]
    originals = {item.uid: to_local(item.start, item.zone) for item in chosen}
    print(f"4. an edit until the findings panel is updated, {len(items):,}-item tour "
          f"({edits} edits: {len(chosen)} items moved 30 minutes later, then back)")
    marks: dict[str, float] = {}
    document.findings_changed.connect(lambda: marks.setdefault("changed", time.perf_counter()))
    window.findings_shown.connect(lambda: marks.setdefault("shown", time.perf_counter()))
    to_panel, calls, painted, synchronous = [], [], [], 0
    plan: list[tuple[str, datetime]] = []
    for moved in (True, False):
        plan += [(uid, start + timedelta(minutes=30) if moved else start)
                 for uid, start in originals.items()]
    monitor = TickMonitor()
    with monitor.watching():
        for uid, start in plan[:edits]:
            index = model.index_of(uid).siblingAtColumn(AgendaModel.TIME)
            QCoreApplication.processEvents()
            marks.clear()
            begin = time.perf_counter()
            if not model.setData(index, f"{start:%H:%M}"):
                raise RuntimeError(f"the edit was refused: {window.last_message}")
            returned = time.perf_counter()
            if "shown" in marks and "changed" in marks:
                synchronous += 1
            else:  # the findings come later, from a check on the worker
                wait_until(lambda: "shown" in marks and checked(window))
            QCoreApplication.processEvents()  # the agenda and the findings repaint
            painted.append(time.perf_counter() - begin)
            to_panel.append(marks["shown"] - begin)
            calls.append(returned - begin)
    print(f"   findings updated within the edit call (synchronously): {synchronous} of "
          f"{len(calls)} edits{'' if synchronous == len(calls) else ' (the rest on the worker)'}")
    print(f"   edit → findings panel updated (findings_shown): {spread(to_panel)}")
    print(f"   setData returns:                          {spread(calls)}")
    print(f"   edit → findings shown and repainted:      {spread(painted)}")
    print(f"   longest freeze over all the edits: {ms(monitor.longest()[0])}; "
          f"{_collections(monitor.collections, len(calls), 'edit')}")
    print(f"   findings now: {window.findings_model.rowCount():,}")


# --- 5. responsiveness during a full check ----------------------------------------------------
def measure_check(window: MainWindow, repeat: int, first: Opening) -> None:
    """*first*: how the window's first full check (on opening, every item newly marked) went."""
    document = window.document
    assert document is not None
    items = len(window.agenda_model.all_items())
    durations, longest, late, over, collections = [], [], [], 0, []
    for _ in range(repeat):
        wait_until(lambda: checked(window))
        pause(0.1)
        monitor = TickMonitor()
        with monitor.watching():
            begin = time.perf_counter()
            landed = run_until(window.findings_shown, document.check_everything)
            pause(0.3)  # the paint after the findings landed
        gap, end = monitor.longest()
        durations.append(landed - begin)
        longest.append(gap)
        late.append(end >= landed)
        over += monitor.over(FREEZE_LIMIT)
        collections += monitor.collections
    print(f"   {items:,} items, {window.findings_model.rowCount():,} findings:")
    print(f"     first check, on opening: findings shown {ms(first.checked)} after open_tour(); "
          f"longest freeze {ms(first.check_freeze)} ({_verdict(first.check_freeze)}); "
          f"{_collections(first.collections)}")
    print(f"     check again ({repeat} times): full check {ms(statistics.median(durations))} "
          f"(median); longest freeze median {ms(statistics.median(longest))}, worst "
          f"{ms(max(longest))} ({_verdict(max(longest))}); {over} gaps over "
          f"{ms(FREEZE_LIMIT)}; the longest came as the findings landed in {sum(late)} of "
          f"{repeat}; {_collections(collections, repeat)}")


def _collections(durations: Sequence[float], runs: int = 1, per: str = "check") -> str:
    """How many full garbage collections ran per *per*, and the longest."""
    if not durations:
        return "no full garbage collection"
    return (f"{len(durations) / runs:.1f} full garbage collections per {per}, the longest "
            f"{ms(max(durations))}")


def _verdict(freeze: float) -> str:
    return "ok" if freeze <= FREEZE_LIMIT else f"over the {ms(FREEZE_LIMIT)} limit"


# --- 6. making agenda items -------------------------------------------------------------------
def dialog_shown(dialog: Any) -> Callable[[], bool]:
    """Whether *dialog* is on the screen."""
    return lambda: dialog.windowHandle() is not None and dialog.windowHandle().isExposed()


def measure_item_editor(window: MainWindow, runs: int) -> None:
    """The item editor opened on an existing item and on a new one, until shown and painted."""
    from ui.dialogs.item import ItemDialog

    document = window.document
    assert document is not None
    items = window.agenda_model.all_items()
    organisations = window.models["organisation"].rowCount()
    print(f"6. making agenda items on the {len(items):,}-item tour ({organisations:,} "
          f"organisations in the editor's host and place lists)")
    window.central_tabs.setCurrentWidget(window.agenda_view)
    pause(0.1)
    openers: list[tuple[str, Callable[[int], object]]] = [
        ("the editor on an existing item (double-click)",
         lambda n: window.timeline.edit_item(items[(n * 37) % len(items)].uid)),
        ("the editor on a new item (Agenda > Add Item…)",
         lambda _n: window.timeline.add_item())]
    for label, open_one in openers:
        durations, freezes, first = [], [], 0.0
        for n in range(runs + 1):  # the first reads the tour's places and organisations
            QCoreApplication.processEvents()
            monitor = TickMonitor()
            with monitor.watching():
                begin = time.perf_counter()
                dialog = open_one(n)
                assert isinstance(dialog, ItemDialog)
                wait_until(dialog_shown(dialog))
                QCoreApplication.processEvents()  # painted
                done = time.perf_counter()
            if n:
                durations.append(done - begin)
            else:
                first = done - begin
            freezes.append(monitor.longest()[0])
            dialog.reject()
            pause(0.05)
        print(f"   {label}: shown and painted {spread(durations)}; the first time "
              f"{ms(first)}; longest freeze {ms(max(freezes))} ({_verdict(max(freezes))})")


def measure_drop(window: MainWindow, runs: int) -> None:
    """Organisations dropped from the directory onto the timeline, until the findings show."""
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

    document = window.document
    assert document is not None
    day = max(document.plan.days(), key=lambda d: len(document.plan.items_on(d)))
    window.central_tabs.setCurrentWidget(window.timeline)
    window.timeline.show_day(day)
    wait_until(lambda: window.timeline.current_day() == day
               and window.timeline.canvas.isVisible())
    pause(0.2)
    canvas = window.timeline.canvas
    browser = window.organisations
    to_findings, painted, freezes, over, collections = [], [], [], 0, []
    copy, buttons = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton
    none = Qt.KeyboardModifier.NoModifier
    for n in range(runs + 1):
        data = window.organisation_drag.mime_data((n * 97) % browser.proxy.rowCount())
        assert data is not None
        x = canvas.width() * (0.25 + 0.5 * (n % 7) / 7)
        point = QPointF(x, canvas.track_rect(0).center().y())
        QCoreApplication.processEvents()
        before = len(window.agenda_model.all_items())
        monitor = TickMonitor()
        with monitor.watching():
            begin = time.perf_counter()

            def drop(point: QPointF = point, data: Any = data) -> None:
                QApplication.sendEvent(canvas, QDragEnterEvent(point.toPoint(), copy, data,
                                                               buttons, none))
                QApplication.sendEvent(canvas, QDragMoveEvent(point.toPoint(), copy, data,
                                                              buttons, none))
                QApplication.sendEvent(canvas, QDropEvent(point, copy, data, buttons, none,
                                                          QEvent.Type.Drop))

            shown = run_until(window.findings_shown, drop)
            QCoreApplication.processEvents()  # the timeline, agenda and findings repaint
            done = time.perf_counter()
            pause(0.05)
        if len(window.agenda_model.all_items()) != before + 1:
            raise RuntimeError(f"the drop made no meeting: {window.last_message}")
        if n:  # the first drop loads the editor's module: a warm-up
            to_findings.append(shown - begin)
            painted.append(done - begin)
            freezes.append(monitor.longest()[0])
            over += monitor.over(FREEZE_LIMIT)
            collections += monitor.collections
        run_until(window.findings_shown, window.undo)  # the tour as it was
    print(f"   a drop from the directory onto the timeline ({runs} drops on "
          f"{day:%a %d %b}, {len(document.plan.items_on(day))} items that day, each undone):")
    print(f"     drop → findings shown (findings_shown): {spread(to_findings)}")
    print(f"     drop → findings shown and repainted:    {spread(painted)}")
    print(f"     longest freeze over a drop: median {ms(statistics.median(freezes))}, worst "
          f"{ms(max(freezes))} ({_verdict(max(freezes))}); {over} gaps over "
          f"{ms(FREEZE_LIMIT)}; {_collections(collections, runs, 'drop')}")


# --- profiling --------------------------------------------------------------------------------
def profile_open(path: Path, top: int = 12) -> None:
    """Where opening the big directory spends its time: the read (the worker's part, profiled
    here on the main thread), and the main thread from open_tour() to the first paint."""
    print(f"profile: reading the tour (TourStore.open + read_contents), top {top} by own time")
    profiler = cProfile.Profile()
    with TourStore.open(path) as store:
        profiler.runcall(read_contents, store)
    pstats.Stats(profiler).strip_dirs().sort_stats("tottime").print_stats(top)
    window = shown_window()
    profiler = cProfile.Profile()
    profiler.enable()  # this thread only: the read on the worker is not in it
    run_until(window.tour_opened, lambda: window.open_tour(str(path)))
    pause(0.1)  # the first paint
    profiler.disable()
    close(window)  # cancels the first check
    print(f"profile: the main thread from open_tour() to the first paint, top {top} by "
          "cumulative time")
    pstats.Stats(profiler).strip_dirs().sort_stats("cumulative").print_stats(top)


# --- main -------------------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="start-up runs")
    parser.add_argument("--repeat", type=int, default=5, help="opens and full checks")
    parser.add_argument("--organisations", type=int, default=5000)
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--big-items", type=int, default=2000,
                        help="items of the second tour checked in section 5 (0: skip it)")
    parser.add_argument("--edits", type=int, default=30)
    parser.add_argument("--only-startup", action="store_true",
                        help="only section 1 (start-up against both floors)")
    parser.add_argument("--only-items", action="store_true",
                        help="only section 6 (the tour opened once, then items made)")
    parser.add_argument("--profile", action="store_true",
                        help="also profile opening the big directory")
    parser.add_argument("--cache-dir", type=Path,
                        default=Path(tempfile.gettempdir()) / "ecovisit-bench-cache")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # children inherit it
    os.environ[CACHE_DIR_VARIABLE] = str(args.cache_dir)
    with tempfile.TemporaryDirectory(prefix="ecovisit-bench-gui-") as name:
        folder = Path(name)
        os.environ[DATA_DIR_VARIABLE] = str(folder / "data")
        demo = folder / "demo.ecovisit"
        write_demo(demo, default_start(local_today()))
        if not args.only_items:
            measure_startup(demo, args.cache_dir, args.runs)
        if args.only_startup:
            return

        private_settings(folder / "settings")
        qInstallMessageHandler(_qt_message)
        application()
        tour = folder / "large.ecovisit"
        big = folder / "larger.ecovisit"
        begin = time.perf_counter()
        create_tour_file(tour, lambda s: build(s, args.organisations, args.items))
        if args.big_items and not args.only_items:
            create_tour_file(big, lambda s: build(s, args.organisations, args.big_items))
        print(f"(built the test tours in {time.perf_counter() - begin:.1f} s)")
        if args.only_items:
            window = shown_window()
            open_in_window(window, tour, wait_for_check=True)
            measure_item_editor(window, args.repeat * 4)
            measure_drop(window, args.repeat * 4)
            close(window)
            return
        window, opening = measure_open(tour, args.organisations, args.items, args.repeat)
        measure_filter(window)
        measure_edits(window, args.edits)
        print(f"5. the longest freeze of the window while the whole tour is checked on the "
              f"worker (a {TickMonitor().interval_ms} ms timer on the main thread)")
        measure_check(window, args.repeat, opening)
        measure_item_editor(window, args.repeat * 4)
        measure_drop(window, args.repeat * 4)
        close(window)
        if args.big_items:
            window = shown_window()
            opening = open_in_window(window, big, wait_for_check=True)
            measure_check(window, args.repeat, opening)
            close(window)
        if args.profile:
            profile_open(tour)
        QApplication.processEvents()


if __name__ == "__main__":
    main()
