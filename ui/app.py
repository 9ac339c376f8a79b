"""Start the desktop program: the QApplication, its language, the main window, the tour."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from planner.locations import ensure_demo_tour
from ui import settings
from ui.i18n import Translators, resolve
from ui.mainwindow import MainWindow


def tour_to_open(requested: Sequence[str], store: QSettings | None = None) -> str:
    """The tour named on the command line, else the last one opened, else the demo tour."""
    if requested:
        return requested[0]
    last = settings.get(settings.LAST_TOUR, store)
    if last and ("://" in last or Path(last).exists()):
        return last
    return str(ensure_demo_tour())


def application() -> QApplication:
    """The QApplication (made once), named so that QSettings finds our settings."""
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName("Ecovisit")
    app.setApplicationName("Ecovisit")
    app.setApplicationDisplayName("Ecovisit")
    app.setDesktopFileName("ecovisit")
    return app


def run(args: Sequence[str]) -> int:
    """Run the GUI until its window closes; returns the exit code."""
    app = application()
    settings.upgrade()
    translators = Translators()
    translators.install(resolve(settings.get(settings.LANGUAGE)))
    window = MainWindow(translators)
    window.show()
    window.open_tour(tour_to_open(args))
    return int(app.exec())
