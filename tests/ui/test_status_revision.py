"""The status bar says the tour's current revision (the number printed on the book and sent to
calendars as SEQUENCE) after every edit, undo and redo, and after another program's change,
whatever messages come and go there."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTime
from PySide6.QtGui import QStatusTipEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from planner import edits
from planner.queries import load_tour
from planner.store import TourStore
from tests.ui.test_mainwindow import item_index
from ui.mainwindow import MainWindow
from ui.models.agenda import AgendaModel

DINNER = "Bavarian dinner"


def stored_revision(path: Path) -> int:
    with TourStore.open(path) as store, store.transaction() as session:
        return int(load_tour(session).revision)


def shown(window: MainWindow) -> str:
    return window.tour_status.text()


def test_the_status_bar_follows_the_tours_revision(
        qtbot: QtBot, window: MainWindow, demo_path: Path) -> None:
    start = stored_revision(demo_path)
    assert shown(window) == f"30 items over 10 days · revision {start}"
    assert window.tour_status.isVisible()
    index = item_index(window, DINNER, AgendaModel.TIME)
    assert window.agenda_model.setData(index, QTime(20, 30))  # an edit of an agenda item
    edited = stored_revision(demo_path)
    assert edited > start
    assert shown(window) == f"30 items over 10 days · revision {edited}"
    # a menu's hover clears the status bar's message (an empty status tip), other news passes
    QApplication.sendEvent(window, QStatusTipEvent(""))
    window.statusBar().showMessage("a passing message", 1)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "")
    assert window.tour_status.isVisible()
    assert shown(window) == f"30 items over 10 days · revision {edited}"
    window.undo_action.trigger()
    undone = stored_revision(demo_path)
    assert undone > edited and shown(window).endswith(f"· revision {undone}")
    window.redo_action.trigger()
    redone = stored_revision(demo_path)
    assert redone > undone and shown(window).endswith(f"· revision {redone}")
    # another program changes the tour: once the window has looked, the revision is its
    key = next(i.id for i in window.agenda_model.all_items() if i.title == DINNER)
    with TourStore.open(demo_path) as other, other.transaction() as session:
        edits.set_field(session, "item", key, "title", "Dinner (other program)")
    outside = stored_revision(demo_path)
    assert outside > redone
    with qtbot.waitSignal(window.document.changed_outside, timeout=10_000):  # type: ignore
        window.check_outside()
    assert shown(window).endswith(f"· revision {outside}")
    qtbot.waitUntil(lambda: not window.operations.busy, timeout=30_000)  # its full check


def test_one_item_on_a_one_day_tour_is_said_in_the_singular(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    """A new tour with its first meeting said "1 items over 5 days" (seen in the real window);
    each count takes its own plural, in English and in the Japanese order."""
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from ui.i18n import Translators

    path = tmp_path / "one-day.ecovisit"
    edits.create_tour(path, "One day in Berlin", date(2027, 3, 2), date(2027, 3, 2))
    berlin = ZoneInfo("Europe/Berlin")
    with TourStore.open(path) as store, store.transaction() as session:
        edits.add_record(session, "item", {
            "title": "Factory Berlin", "start": datetime(2027, 3, 2, 10, 0, tzinfo=berlin),
            "end": datetime(2027, 3, 2, 11, 0, tzinfo=berlin)})
    with qtbot.waitSignal(window.tour_opened, timeout=10_000):
        window.open_tour(str(path))
    revision = stored_revision(path)
    assert shown(window) == f"1 item over 1 day · revision {revision}"
    Translators().install("ja")
    try:
        window._show_document_state()
        assert shown(window) == f"1 日間で 1 項目 · 改訂 {revision}"
    finally:
        Translators().install("en")
    qtbot.waitUntil(lambda: not window.operations.busy, timeout=30_000)
