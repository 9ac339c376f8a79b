"""How the timeline feels when planning by hand: dragging a block and what follows the drop.

Prints medians (with the 95th percentile and the worst) of:

1. **A drag frame** on a day with 30 items per track: one mouse move over the canvas (the
   block follows, snapped to 5 minutes) until the canvas has repainted (``repaint()`` paints
   synchronously), as a drag of 60 steps goes.
2. **A drop until the findings are updated** on a 500-item tour: the mouse released over a new
   time, which runs the move command (one transaction), the incremental re-check of the days it
   touches and the findings panel, until ``findings_shown``; then until the timeline and the
   findings table have repainted too. Each drop moves a block 30 minutes and the next one back,
   so every drop is a real change.

The route map's drawing is measured by ``bench/route_map.py``.

Nothing of the user's is touched: settings are INI files in a temporary folder, the data folder
is temporary, the cache folder is shared with ``bench/gui.py``.

    QT_QPA_PLATFORM=offscreen python bench/timeline.py [--drags N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from open_large_tour import build  # bench/open_large_tour.py, beside this script
from PySide6.QtCore import QEventLoop, QPoint, QSettings, Qt, QTimer
from PySide6.QtTest import QTest

from planner.store import create_tour_file
from ui.app import application
from ui.mainwindow import MainWindow
from ui.views.timeline import TimelineCanvas


def spread(values: Sequence[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (f"median {statistics.median(ordered) * 1e3:.1f} ms, 95th percentile "
            f"{p95 * 1e3:.1f} ms, worst {ordered[-1] * 1e3:.1f} ms (n={len(ordered)})")


def wait(window: MainWindow, signal_name: str, timeout: float = 300.0) -> None:
    loop = QEventLoop()
    getattr(window, signal_name).connect(loop.quit)
    QTimer.singleShot(int(timeout * 1000), loop.quit)
    loop.exec()


def open_tour(path: Path) -> MainWindow:
    window = MainWindow()
    window.resize(1400, 860)
    window.show()
    window.open_tour(str(path))
    wait(window, "findings_shown")
    window.central_tabs.setCurrentWidget(window.timeline)
    return window


def busiest_day(window: MainWindow) -> date:
    document = window.document
    assert document is not None
    return max(document.plan.days(), key=lambda d: len(document.plan.items_on(d)))


def a_block(canvas: TimelineCanvas) -> tuple[str, QPoint]:
    """The middle block of the first track, and its centre."""
    blocks = [(item, rect) for item, row, rect in canvas.blocks() if row == 0 and not item.locked]
    item, rect = blocks[len(blocks) // 2]
    return item.uid, rect.center().toPoint()


def drag_frames(window: MainWindow, steps: int) -> list[float]:
    canvas = window.timeline.canvas
    window.timeline.show_day(busiest_day(window))
    canvas.repaint()
    _uid, centre = a_block(canvas)
    frames = []
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    for step in range(1, steps + 1):
        point = centre + QPoint(3 * step, 0)
        begin = time.perf_counter()
        QTest.mouseMove(canvas, point)
        canvas.repaint()
        frames.append(time.perf_counter() - begin)
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       centre)  # dropped where it was: no change
    return frames


def drop(window: MainWindow, start: QPoint, end: QPoint, landed: list[float]) -> tuple[float,
                                                                                        float]:
    """Drag from *start* to *end*; seconds from the release to the findings updated, and to
    the timeline and findings table repainted."""
    canvas = window.timeline.canvas
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 6):
        QTest.mouseMove(canvas, start + (end - start) * step / 5)
    landed.clear()
    begin = time.perf_counter()
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    if not landed:
        raise SystemExit("the drop did not update the findings within the release")
    canvas.repaint()
    window.findings_view.viewport().repaint()
    return landed[0] - begin, time.perf_counter() - begin


def drops(window: MainWindow, count: int) -> tuple[list[float], list[float]]:
    """*count* drops: a block 30 minutes later, then back, and so on."""
    canvas = window.timeline.canvas
    window.timeline.show_day(busiest_day(window))
    canvas.repaint()
    landed: list[float] = []
    window.findings_shown.connect(lambda: landed.append(time.perf_counter()))
    to_findings, to_painted = [], []
    for _ in range(count // 2):
        _uid, centre = a_block(canvas)
        later = centre + QPoint(round(30 * canvas.scale()), 0)
        for start, end in ((centre, later), (later, centre)):
            findings, painted = drop(window, start, end, landed)
            to_findings.append(findings)
            to_painted.append(painted)
    return to_findings, to_painted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=60, help="mouse moves in the drag")
    parser.add_argument("--drags", type=int, default=30, help="drops on the 500-item tour")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        os.environ.setdefault("ECOVISIT_DATA_DIR", str(root / "data"))
        os.environ.setdefault("ECOVISIT_CACHE_DIR",
                              str(Path(tempfile.gettempdir()) / "ecovisit-bench-cache"))
        app = application()
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                          str(root / "settings"))
        busy, big = root / "busy-day.ecovisit", root / "500-items.ecovisit"
        create_tour_file(busy, lambda s: build(s, 100, 630))  # 30 items a day for 21 days
        create_tour_file(big, lambda s: build(s, 500, 500))
        window = open_tour(busy)
        day = busiest_day(window)
        count = len(window.document.plan.items_on(day))  # type: ignore[union-attr]
        frames = drag_frames(window, args.steps)
        tracks = len(window.timeline.canvas.day.tracks)  # type: ignore[union-attr]
        print(f"1. drag frame on a day with {count} items ({tracks} tracks), 1400 x 860 window")
        print(f"   mouse move → block repainted: {spread(frames)}")
        window.close()
        window = open_tour(big)
        to_findings, to_painted = drops(window, args.drags)
        print("2. drop → findings updated, 500-item tour "
              f"({len(window.document.findings)} findings)")  # type: ignore[union-attr]
        print(f"   release → findings panel updated: {spread(to_findings)}")
        print(f"   release → timeline and findings repainted: {spread(to_painted)}")
        window.close()
        del app
    sys.stdout.flush()


if __name__ == "__main__":
    main()
