"""GUI fixtures: private settings, and a main window with the demo tour open and checked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.mainwindow import MainWindow

#: Screenshots for people to look at are written here (kept out of git).
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture(autouse=True)
def _private_settings(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    """Each test gets empty settings of its own, never the user's."""
    qapp.setOrganizationName("Ecovisit")
    qapp.setApplicationName("Ecovisit")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    yield


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
