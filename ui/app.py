"""Start the desktop program: the QApplication, its language, the main window, the tour.

``ecovisit`` (or ``ecovisit gui``) reopens the last tour; on a first start, with nothing to
reopen, the window offers the demo tour, a new tour and Open (:mod:`ui.dialogs.welcome`).
``ecovisit gui TOUR`` opens TOUR and ``ecovisit gui --demo`` the built-in demo tour (written on
its first use), which is what ``scripts/start-demo`` runs.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Qt and the window are imported by run(), after the Qt-free core
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from ui.dialogs.welcome import WelcomeDialog
    from ui.mainwindow import MainWindow


def tour_to_open(requested: Sequence[str], store: QSettings | None = None, *,
                 welcome: bool = False) -> str:
    """The tour named on the command line, else the last one opened, else the demo tour; with
    *welcome*, "" instead of the demo (the first start asks what to open)."""
    from ui import settings

    if requested:
        return requested[0]
    last = settings.get(settings.LAST_TOUR, store)
    if last and ("://" in last or Path(last).exists()):
        return last
    if welcome:
        return ""
    from planner.demo import ensure_demo_tour

    return str(ensure_demo_tour())


def parse_arguments(args: Sequence[str]) -> argparse.Namespace:
    """``ecovisit gui [TOUR] [--demo]`` (SystemExit 2 with a one-line message if misused)."""
    parser = argparse.ArgumentParser(
        prog="ecovisit gui", allow_abbrev=False,
        description="Open the desktop program: on TOUR, on the demo tour, or else on the tour "
                    "opened last (the first start offers the demo, a new tour and Open).")
    parser.add_argument("tour", nargs="?", metavar="TOUR",
                        help="a tour file (.ecovisit) or a database URL")
    parser.add_argument("--demo", action="store_true",
                        help="open the built-in demo tour (written on first use)")
    options = parser.parse_args(list(args))
    if options.demo and options.tour:
        parser.error("give either TOUR or --demo, not both")
    return options


def start(window: MainWindow, args: Sequence[str],
          store: QSettings | None = None) -> WelcomeDialog | None:
    """Open what *args* ask for in *window*; on a first start (nothing asked, nothing to
    reopen) open the welcome dialog instead, without blocking, and return it."""
    options = parse_arguments(args)
    if options.demo:
        from planner.demo import ensure_demo_tour

        window.open_tour(str(ensure_demo_tour()))
        return None
    location = tour_to_open([options.tour] if options.tour else [], store, welcome=True)
    if location:
        window.open_tour(location)
        return None
    from ui.dialogs.welcome import show_welcome

    return show_welcome(window)


def application() -> QApplication:
    """The QApplication (made once), named so that QSettings finds our settings."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName("Ecovisit")
    app.setApplicationName("Ecovisit")
    app.setApplicationDisplayName("Ecovisit")
    app.setDesktopFileName("ecovisit")
    return app


@contextlib.contextmanager
def collections_held() -> Iterator[None]:
    """No garbage collection while the window's modules are imported and the window is built.

    Nearly every object made then stays for good (modules, classes, the window's widgets and
    models), so the collections the allocations set off (about 200, three of them full) freed
    almost nothing and took about a tenth of the start. Afterwards those objects are frozen
    (``gc.freeze``): later collections do not scan them either.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def run(args: Sequence[str]) -> int:
    """Run the GUI until its window closes; returns the exit code."""
    parse_arguments(args)  # bad usage ends here, before a window shows
    with collections_held():
        # The Qt-free core before Qt: once imported, PySide6 reads the source of every module
        # imported after it (its __feature__ import hook), a fifth more on SQLAlchemy's
        import planner.store  # noqa: F401
        from ui import settings
        from ui.i18n import Translators, resolve
        from ui.mainwindow import MainWindow  # the window's modules: most of the start

        app = application()
        settings.upgrade()
        translators = Translators()
        translators.install(resolve(settings.get(settings.LANGUAGE)))
        window = MainWindow(translators)
        window.show()
    start(window, args)  # reads the tour on a worker (which pauses collections itself)
    code = int(app.exec())
    if window.closed_cleanly:
        end_now(code)
    return code


def end_now(code: int) -> None:
    """End the program at once, once the window closed cleanly (every worker ended, the tour's
    store closed: every write is in the file): the settings and the output are flushed, and
    Python does not tear down, one by one, the objects it would free anyway (the window, the
    tour, the modules: most of a second of quitting on the demo)."""
    from PySide6.QtCore import QSettings

    QSettings().sync()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)
