"""What the record tables, the timeline and the map show: kinds as words in the window's
language, goal titles given the room, a padlock that every font can show, and a zoom the map's
late first read does not undo."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from planner.model import Organisation
from planner.store import TourStore
from tests.ui.conftest import SCREENSHOTS, screenshot
from ui.mainwindow import MainWindow
from ui.panels.records import ChoiceBox, RecordBrowser

FRIDAY = date(2027, 5, 14)  # the ICE to Munich, a locked item
FIXED = "Fixed: planning never moves it"


@pytest.fixture
def speak(window: MainWindow) -> Iterator[Any]:
    """Switch the window's language."""

    def switch(language: str) -> None:
        window.set_language(language)
        QApplication.processEvents()
        window.retranslate()
        QApplication.processEvents()

    yield switch


def column(browser: RecordBrowser, field: str) -> int:
    return browser.model.column_of(field)


def shown(browser: RecordBrowser, field: str) -> list[str]:
    proxy, section = browser.proxy, column(browser, field)
    return [proxy.index(row, section).data() for row in range(proxy.rowCount())]


def row_of(browser: RecordBrowser, name: str) -> int:
    return shown(browser, "name").index(name)


def stored_kind(path: Path, name: str) -> str:
    with TourStore.open(path) as store, store.transaction() as session:
        kind = session.execute(select(Organisation.kind)
                               .where(Organisation.name == name)).scalar_one()
        return str(kind.value)


# --- 1. kinds -----------------------------------------------------------------------------------
def test_organisation_and_place_kinds_are_words_of_the_windows_language(
        qtbot: QtBot, window: MainWindow, demo_path: Path, speak: Any) -> None:
    window.resize(1400, 900)
    browser = window.organisations
    kinds = shown(browser, "kind")
    assert kinds[row_of(browser, "Berlin Partner für Wirtschaft und Technologie")] == \
        "Public agency"
    assert kinds[row_of(browser, "Celonis")] == "Scale-up"
    assert not any("_" in kind or kind.islower() for kind in kinds)  # no "public_agency"
    # sorted and filtered by the word shown
    browser.table.sortByColumn(column(browser, "kind"), Qt.SortOrder.AscendingOrder)
    kinds = shown(browser, "kind")
    assert kinds == sorted(kinds, key=str.casefold)
    browser.filter_box.setText("public agency")
    assert set(shown(browser, "kind")) == {"Public agency"}
    assert "Business Finland" in shown(browser, "name")
    browser.filter_box.clear()
    # the form's drop-down list offers the words and stores the value
    browser.select_key(next(o.id for o in browser.model._rows if o.name == "Celonis"))
    box = browser.form.editors["kind"]
    assert isinstance(box, ChoiceBox)
    assert box.currentText() == "Scale-up"
    texts = [box.itemText(n) for n in range(box.count())]
    assert "Startup" in texts and "Public agency" in texts and "startup" not in texts
    box.setCurrentIndex(box.findData("startup"))
    box.activated.emit(box.currentIndex())
    assert stored_kind(demo_path, "Celonis") == "startup"
    assert shown(browser, "kind")[row_of(browser, "Celonis")] == "Startup"
    window.undo_action.trigger()
    assert stored_kind(demo_path, "Celonis") == "scaleup"
    # places: the same words as the place dialog's
    places = window.places
    assert places.proxy.rowCount() > 0
    assert {"Hotel", "Office"} <= set(shown(places, "kind"))
    screenshot(browser, "polish-kinds-en.png")

    speak("ja")
    kinds = shown(browser, "kind")
    assert kinds[row_of(browser, "Berlin Partner für Wirtschaft und Technologie")] == "公的機関"
    assert "スケールアップ" in kinds and kinds == sorted(kinds, key=str.casefold)
    assert box.currentText() == "スケールアップ"
    assert {box.itemText(n) for n in range(box.count())} >= {"公的機関", "スタートアップ"}
    browser.filter_box.setText("公的機関")
    assert set(shown(browser, "kind")) == {"公的機関"} and "Business Finland" in \
        shown(browser, "name")
    browser.filter_box.setText("public_agency")  # the stored value is not what is shown
    assert browser.proxy.rowCount() == 0
    browser.filter_box.clear()
    assert "ホテル" in shown(places, "kind")
    browser.select_key(next(o.id for o in browser.model._rows if o.name == "Celonis"))
    assert box.currentText() == "スケールアップ"
    screenshot(browser, "polish-kinds-ja.png")
    speak("en")
    assert shown(browser, "kind")[row_of(browser, "Celonis")] == "Scale-up"


# --- 2. column widths ---------------------------------------------------------------------------
def test_goal_titles_get_the_room_and_the_owner_only_what_names_need(
        qtbot: QtBot, window: MainWindow, speak: Any) -> None:
    window.resize(1400, 900)
    window.delegation_dock.raise_()
    goals = window.goals
    qtbot.waitUntil(goals.table.isVisible)
    header = goals.table.horizontalHeader()
    owner, title = column(goals, "traveller_id"), column(goals, "title")
    metrics = goals.table.fontMetrics()
    owners = shown(goals, "traveller_id")
    assert "Delegation" in owners
    widest_owner = max(metrics.horizontalAdvance(text) for text in owners)
    assert widest_owner < header.sectionSize(owner) <= widest_owner + 60
    visible = [n for n in range(header.count()) if not header.isSectionHidden(n)]
    assert header.sectionSize(title) == max(header.sectionSize(n) for n in visible)
    assert header.sectionSize(title) > metrics.horizontalAdvance(
        "Battery, charging and energy-storage innovation")
    # a wider table: the titles get the room, no empty space after the last column
    window.resize(2000, 900)
    window.resizeDocks([window.delegation_dock], [1300], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: sum(header.sectionSize(n) for n in visible)
                    == goals.table.viewport().width())
    assert header.sectionSize(title) > header.sectionSize(owner) * 3
    screenshot(goals, "polish-goals-en.png")
    # a narrow one: the titles keep their typical width (a scroll bar, not a squeezed title)
    typical = goals.column_widths.typical_width(title)
    window.resize(1400, 900)
    window.resizeDocks([window.delegation_dock], [420], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: goals.table.viewport().width() < 500)
    assert header.sectionSize(title) == typical
    assert header.length() > goals.table.viewport().width()
    window.resizeDocks([window.delegation_dock], [600], Qt.Orientation.Horizontal)
    speak("ja")
    assert "視察団" in shown(goals, "traveller_id")
    japanese = QFontMetricsF(header.font()).horizontalAdvance(
        goals.model.headerData(column(goals, "title_ja"), Qt.Orientation.Horizontal))
    assert header.sectionSize(column(goals, "title_ja")) > japanese
    screenshot(goals, "polish-goals-ja.png")


# --- 3. the padlock -----------------------------------------------------------------------------
def test_a_locked_block_shows_a_padlock_that_needs_no_emoji_font(
        qtbot: QtBot, window: MainWindow, speak: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window.resize(1400, 860)
    window.central_tabs.setCurrentWidget(window.timeline)
    window.timeline.show_day(FRIDAY)
    canvas = window.timeline.canvas
    qtbot.waitUntil(canvas.isVisible)
    train, rect = next((item, rect) for item, _row, rect in canvas.blocks() if item.locked)
    written: list[str] = []
    draw_text = QPainter.drawText

    def spy(painter: QPainter, *args: Any) -> Any:
        written.append(str(args[-1]))
        return draw_text(painter, *args)

    with monkeypatch.context() as patched:  # only this patch: the leak watch keeps its own
        patched.setattr(QPainter, "drawText", spy)
        picture = canvas.grab().toImage()
    # every character written on the day is one the canvas's font can draw
    metrics = QFontMetricsF(canvas.font())
    missing = {ch for text in written for ch in text
               if not ch.isspace() and not metrics.inFontUcs4(ord(ch))}
    assert missing == set()
    assert any(text.startswith("ICE") for text in written)
    # a padlock is drawn at the start of the block's first line, in the text's colour
    padlock = canvas.padlocks[train.uid]
    assert rect.contains(padlock) and padlock.height() >= 6
    fill = QColor(picture.pixel(round(rect.right()) - 8, round(rect.bottom()) - 6))
    inked = sum(1 for x in range(round(padlock.left()), round(padlock.right()))
                for y in range(round(padlock.top()), round(padlock.bottom()))
                if abs(QColor(picture.pixel(x, y)).lightness() - fill.lightness()) > 60)
    assert inked > padlock.width() * padlock.height() * 0.25
    assert set(canvas.padlocks) == {i.uid for i, _r, _rect in canvas.blocks() if i.locked}
    # the tooltip says what it means
    qtbot.mouseMove(canvas, rect.center().toPoint())
    qtbot.waitUntil(lambda: FIXED in QToolTip.text())
    assert train.title in QToolTip.text()
    zoomed = rect.adjusted(-8, -8, 8, 8).toRect()
    screenshot(canvas, "polish-padlock-en.png")
    assert picture.copy(zoomed).scaled(zoomed.size() * 3).save(
        str(SCREENSHOTS / "polish-padlock-zoom-en.png"))
    speak("ja")
    QToolTip.hideText()
    qtbot.mouseMove(canvas, rect.center().toPoint() + QPoint(3, 0))
    qtbot.waitUntil(lambda: "固定（自動計画で動かさない）" in QToolTip.text())
    screenshot(canvas, "polish-padlock-ja.png")


# --- 4. the map's first read --------------------------------------------------------------------
def test_a_zoom_made_before_the_maps_first_read_lands_is_kept(
        qtbot: QtBot, window: MainWindow, speak: Any) -> None:
    view, canvas = window.route_map, window.route_map.canvas
    assert not view.route.places and view.reader.stale  # never read yet: behind a tab
    window.resize(1400, 900)
    window.add_place_action.trigger()
    dialog = window.places.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    with qtbot.waitSignal(view.refreshed, timeout=30_000):
        # "Pick on map": the map comes forward and reads the tour on a worker; the user
        # zooms in at once, before the read lands
        qtbot.mouseClick(dialog.location.pick_button, Qt.MouseButton.LeftButton)
        assert view.picking and canvas.isVisible()
        before = canvas.scale
        for _ in range(3):
            view.zoom_in()
        zoomed = (canvas.scale, canvas.centre)
        assert canvas.scale > before
    assert view.route.places  # the read landed
    assert (canvas.scale, canvas.centre) == zoomed  # and kept the user's view
    assert view.picking
    screenshot(window, "polish-pick-zoom-en.png")
    speak("ja")
    assert (canvas.scale, canvas.centre) == zoomed
    screenshot(window, "polish-pick-zoom-ja.png")
    speak("en")
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not view.picking)
    # a later read (an edit) keeps it too; only a tour's first view is fitted
    with qtbot.waitSignal(view.refreshed, timeout=30_000):
        view.reload()
    assert (canvas.scale, canvas.centre) == zoomed
    with qtbot.waitSignal(view.refreshed, timeout=30_000):
        view.set_document(window.document)  # a tour shown anew is fitted
    fitted = (canvas.scale, canvas.centre)
    assert fitted != zoomed
    canvas.fit()
    assert (canvas.scale, canvas.centre) == fitted
