"""Start the desktop program: the QApplication, the tour to open, the main window."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from planner.errors import EcovisitError
from planner.locations import ensure_demo_tour
from planner.store import TourStore
from ui.mainwindow import MainWindow

LAST_TOUR_KEY = "tours/last"


def tour_to_open(requested: Sequence[str], settings: QSettings) -> str:
    """The tour named on the command line, else the last one opened, else the demo tour."""
    if requested:
        return requested[0]
    last = settings.value(LAST_TOUR_KEY, "", type=str)
    if isinstance(last, str) and last and ("://" in last or Path(last).exists()):
        return last
    return str(ensure_demo_tour())


def run(args: Sequence[str]) -> int:
    """Run the GUI until its window closes; returns the exit code."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName("Ecovisit")
    app.setApplicationName("Ecovisit")
    settings = QSettings()
    location = tour_to_open(args, settings)
    try:
        store = TourStore.open(location)
    except EcovisitError as exc:
        QMessageBox.critical(None, "Ecovisit", str(exc))
        return 2
    settings.setValue(LAST_TOUR_KEY, location)
    window = MainWindow(store)
    window.show()
    code = app.exec()
    store.close()
    return int(code)
