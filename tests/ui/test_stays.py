"""Hotel nights on a tour built from nothing: the nights without a hotel listed as gaps, stays
added (with a new hotel in the same step), changed and deleted, each undoable; the map and the
days' cities follow the hotels."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from planner import edits
from planner.route import read_route
from tests.ui import test_places
from tests.ui.conftest import open_window, screenshot
from tests.ui.test_places import add_place, find, to_english, to_japanese
from ui import commands
from ui.commands import AddRecord
from ui.mainwindow import MainWindow
from ui.panels.places import PlaceDialog
from ui.panels.stays import StayDialog, StaysPanel, tour_nights

MON, TUE, WED, THU, FRI = (date(2027, 5, d) for d in range(3, 8))
#: The new five-day tour and its window (fixtures shared with the places' tests).
tour_path, window = test_places.tour_path, test_places.window


def gaps(panel: StaysPanel) -> list[str]:
    return [text for text in panel.row_texts() if text.endswith("no hotel")]


def open_stay_dialog(qtbot: QtBot, window: MainWindow) -> StayDialog:
    window.add_stay_action.trigger()
    dialog = window.stays.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def ok(qtbot: QtBot, dialog: StayDialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)


def test_tour_nights() -> None:
    nights = tour_nights(MON, FRI, [(1, MON, WED), (2, TUE, THU)])
    assert nights.nights == [MON, TUE, WED, THU]
    assert nights.uncovered == [THU]
    assert nights.doubled == {TUE: [1, 2]}
    assert tour_nights(MON, MON, []).nights == []


def test_the_nights_without_a_hotel_are_listed(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.stays
    window.stays_dock.raise_()  # the Hotels tab comes forward: the list is read then
    qtbot.waitUntil(lambda: bool(gaps(panel)))
    assert gaps(panel) == ["Mon 3 May: no hotel", "Tue 4 May: no hotel", "Wed 5 May: no hotel",
                           "Thu 6 May: no hotel"]
    assert panel.summary.text() == "Nights without a hotel: 4 of 4."
    assert window.add_stay_action.text() == "Add &Hotel Night…"
    assert window.add_stay_action in window.tour_menu.actions()
    assert window.stays_dock.windowTitle() == "Hotels"


def test_adding_changing_and_deleting_hotel_nights(qtbot: QtBot, window: MainWindow) -> None:
    copenhagen = add_place(qtbot, window, "Hotel d'Angleterre", "55.680251, 12.5860937")
    stockholm = add_place(qtbot, window, "Grand Hôtel", "59.32953, 18.07432")
    panel = window.stays
    stack = window.document.undo_stack  # type: ignore[union-attr]
    # the first night without a hotel, to the end of the nights without one
    dialog = open_stay_dialog(qtbot, window)
    assert window.stays_dock.isVisible()
    assert (dialog.check_in.date(), dialog.check_out.date()) == (QDate(2027, 5, 3),
                                                                 QDate(2027, 5, 7))
    assert dialog.nights.text() == "4 nights"
    assert dialog.hotel_box.currentData() == stockholm  # the newest hotel without nights
    dialog.hotel_box.setCurrentIndex(dialog.hotel_box.findData(copenhagen))
    dialog.check_out.setDate(QDate(2027, 5, 5))
    assert dialog.nights.text() == "2 nights"
    qtbot.keyClicks(dialog.booking, "DA-1234")
    ok(qtbot, dialog)
    qtbot.waitUntil(lambda: len(panel.stays) == 1)
    assert gaps(panel) == ["Wed 5 May: no hotel", "Thu 6 May: no hotel"]
    assert panel.row_texts()[0] == ("Hotel d'Angleterre | Copenhagen, DK | Mon 3 May | "
                                    "Wed 5 May | 2 | DA-1234")
    assert stack.undoText() == "Add nights at Hotel d'Angleterre"
    screenshot(window, "stays-panel-en.png")
    to_japanese(window)
    assert panel.row_texts()[1:] == ["5月5日(水)：宿泊先なし", "5月6日(木)：宿泊先なし"]
    screenshot(window, "stays-panel-ja.png")
    to_english(window)
    # the next one starts at the first night still without a hotel
    dialog = open_stay_dialog(qtbot, window)
    assert (dialog.check_in.date(), dialog.check_out.date()) == (QDate(2027, 5, 5),
                                                                 QDate(2027, 5, 7))
    assert dialog.hotel_box.currentData() == copenhagen  # the previous night's
    dialog.hotel_box.setCurrentIndex(dialog.hotel_box.findData(stockholm))
    ok(qtbot, dialog)
    qtbot.waitUntil(lambda: not gaps(panel))
    assert panel.summary.text() == "Every night of the tour has a hotel."
    # the map (brought forward: hidden, it catches up when shown) shows the hotels, the days
    # their cities
    window.map_dock.raise_()
    qtbot.waitUntil(lambda: {copenhagen, stockholm} <= set(window.route_map.route.places),
                    timeout=10_000)
    assert window.route_map.route.places[stockholm].on_route
    assert {"Copenhagen", "Stockholm"} <= set(window.route_map.canvas.labels())
    assert window.route_map.day_box.itemText(3) == "Wed 5 May · Copenhagen / Stockholm"
    window.stays_dock.raise_()
    with window.document.store.session() as session:  # type: ignore[union-attr]
        route = read_route(session)
    assert route.hotels == {MON: copenhagen, TUE: copenhagen, WED: stockholm,
                            THU: stockholm}
    # change: one night less in Stockholm
    first_stockholm = next(k for k, s in panel.stays.items() if s.place_id == stockholm)
    panel.view.clearSelection()
    row = next(n for n in range(panel.view.topLevelItemCount())
               if panel.view.topLevelItem(n).text(0) == "Grand Hôtel")
    panel.view.topLevelItem(row).setSelected(True)
    assert panel.edit_button.isEnabled()
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert dialog is not None and dialog.windowTitle() == "Hotel Night"
    assert dialog.check_in.date() == QDate(2027, 5, 5)
    dialog.check_out.setDate(QDate(2027, 5, 6))
    ok(qtbot, dialog)
    qtbot.waitUntil(lambda: gaps(panel) == ["Thu 6 May: no hotel"])
    assert stack.undoText() == "Change the nights at Grand Hôtel"
    stack.undo()
    qtbot.waitUntil(lambda: not gaps(panel))
    stack.redo()
    qtbot.waitUntil(lambda: gaps(panel) == ["Thu 6 May: no hotel"])
    # delete: the nights are gaps again; undo brings the same stay back
    panel.view.clearSelection()
    row = next(n for n in range(panel.view.topLevelItemCount())
               if panel.view.topLevelItem(n).text(0) == "Grand Hôtel")
    panel.view.topLevelItem(row).setSelected(True)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: gaps(panel) == ["Wed 5 May: no hotel", "Thu 6 May: no hotel"])
    stack.undo()
    qtbot.waitUntil(lambda: first_stockholm in panel.stays)
    # undo the adds: back to four nights without a hotel, the hotels stay
    while stack.undoText().startswith(("Change", "Add nights")):
        stack.undo()
    qtbot.waitUntil(lambda: len(gaps(panel)) == 4)
    assert window.places.model.rowCount() == 2


def test_a_new_hotel_with_its_nights_in_one_step(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.stays
    dialog = open_stay_dialog(qtbot, window)
    assert dialog.hotel_box.currentIndex() == -1  # no hotels yet
    assert dialog.hotel_box.placeholderText() == "No hotel yet: add one with New hotel…"
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    new = dialog.hotel_box.findData("new")
    assert dialog.hotel_box.itemText(new) == "New hotel…"
    dialog.hotel_box.setCurrentIndex(new)
    dialog.hotel_box.activated.emit(new)
    hotel_dialog = dialog.place_dialog
    assert isinstance(hotel_dialog, PlaceDialog)
    qtbot.waitUntil(hotel_dialog.isVisible)
    assert hotel_dialog.windowTitle() == "New Hotel"
    assert hotel_dialog.kind_box.currentData() == "hotel"
    qtbot.keyClicks(hotel_dialog.name_edit, "Pulitzer")
    find(qtbot, hotel_dialog.location,
         "https://www.openstreetmap.org/?mlat=52.37366&mlon=4.88432#map=18/52.37366/4.88432")
    qtbot.mouseClick(hotel_dialog.ok_button,
                     Qt.MouseButton.LeftButton)
    assert dialog.hotel_box.currentText() == "Pulitzer (new)"
    assert window.places.model.rowCount() == 0  # not yet: it comes with the nights
    dialog.check_in.setDate(QDate(2027, 5, 6))
    dialog.check_out.setDate(QDate(2027, 5, 7))
    qtbot.keyClicks(dialog.booking, "PUL-5531")
    screenshot(dialog, "stay-dialog-en.png")
    to_japanese(window)
    assert dialog.hotel_box.currentText() == "Pulitzer（新規）"
    screenshot(dialog, "stay-dialog-ja.png")
    to_english(window)
    stack = window.document.undo_stack  # type: ignore[union-attr]
    index = stack.index()
    ok(qtbot, dialog)
    qtbot.waitUntil(lambda: len(panel.stays) == 1)
    assert stack.index() == index + 1
    assert stack.undoText() == "Add nights at Pulitzer"
    hotel = window.places.model.record_at(0)
    assert (hotel.name, hotel.kind.value, hotel.zone, hotel.exact) == \
        ("Pulitzer", "hotel", "Europe/Amsterdam", True)
    assert gaps(panel)[-1] == "Wed 5 May: no hotel"
    stack.undo()  # the hotel and its night go together
    qtbot.waitUntil(lambda: not panel.stays)
    assert window.places.model.rowCount() == 0
    stack.redo()
    qtbot.waitUntil(lambda: len(panel.stays) == 1)
    assert window.places.model.rowCount() == 1


def test_a_gap_double_clicked_opens_that_night_and_bad_dates_are_said_in_the_dialog(
        qtbot: QtBot, window: MainWindow) -> None:
    add_place(qtbot, window, "Hotel d'Angleterre", "55.680251, 12.5860937")
    panel = window.stays
    panel.refresh()
    row = next(n for n in range(panel.view.topLevelItemCount())
               if panel.view.topLevelItem(n).text(0) == "Wed 5 May: no hotel")
    panel._double_clicked(panel.view.topLevelItem(row), 0)
    dialog = panel.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert (dialog.check_in.date(), dialog.check_out.date()) == (QDate(2027, 5, 5),
                                                                 QDate(2027, 5, 7))
    dialog.check_in.setDate(QDate(2027, 5, 6))
    dialog.check_out.setDate(QDate(2027, 5, 4))
    stack = window.document.undo_stack  # type: ignore[union-attr]
    index = stack.index()
    ok(qtbot, dialog)
    assert dialog.isVisible() and stack.index() == index
    assert dialog.error.text() == "The check-out must come after the check-in."
    assert window.last_message == ""  # said in the dialog, once
    dialog.reject()


def test_the_first_hotel_is_added_with_the_new_hotel_button(qtbot: QtBot,
                                                           tmp_path: Path) -> None:
    """On a tour without hotels, the night dialog shows a New hotel… button beside the empty
    hotel choice (not only an entry hidden in the list)."""
    path = tmp_path / "empty.ecovisit"
    edits.create_tour(path, "Empty", date(2027, 5, 3), date(2027, 5, 7))
    window = open_window(qtbot, path)
    try:
        dialog = window.stays.add()
        assert dialog is not None and dialog.hotel_box.currentIndex() == -1
        assert dialog.new_hotel_button.isVisible()
        assert dialog.new_hotel_button.text() == "New hotel…"
        dialog.new_hotel_button.click()
        assert dialog.place_dialog.isVisible()
        dialog.place_dialog.reject()
        dialog.reject()
    finally:
        window.close()


def test_a_new_hotel_picked_on_the_map_from_the_night_dialog(qtbot: QtBot,
                                                             window: MainWindow) -> None:
    """Pick on map from the hotel-night dialog's New hotel…: both dialogs step aside (a modal
    one left up would block the map), and come back, the new hotel's on top, with the point."""
    from planner.geo.mapping import Box
    from tests.ui.test_places import click

    dialog = open_stay_dialog(qtbot, window)
    dialog.new_hotel_button.click()
    hotel_dialog = dialog.place_dialog
    qtbot.waitUntil(hotel_dialog.isVisible)
    assert QApplication.activeModalWidget() is hotel_dialog
    qtbot.mouseClick(hotel_dialog.location.pick_button, Qt.MouseButton.LeftButton)
    map_view, canvas = window.route_map, window.route_map.canvas
    qtbot.waitUntil(lambda: map_view.picking)
    assert not hotel_dialog.isVisible() and not dialog.isVisible()
    assert QApplication.activeModalWidget() is None  # nothing blocks the map
    canvas.fit(Box.around([(52.37366, 4.88432)], margin=0.0, minimum_km=20))
    with qtbot.waitSignal(hotel_dialog.location.located, timeout=60_000):
        click(canvas, canvas.screen_point(52.37366, 4.88432))
    assert dialog.isVisible() and hotel_dialog.isVisible()
    assert QApplication.activeModalWidget() is hotel_dialog
    found = hotel_dialog.location.found
    assert found is not None and abs(found.latitude - 52.37366) < 0.01
    hotel_dialog.reject()
    assert dialog.isVisible()
    dialog.reject()


def test_a_new_hotel_whose_nights_are_refused_leaves_nothing_to_undo_or_redo(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the nights are refused after every check the dialog makes (say the tour changed
    meanwhile), the hotel is not added either, the refusal is said once in the dialog, and
    nothing is left on the undo stack (redo once added the hotel alone)."""
    from planner.errors import InputError

    dialog = open_stay_dialog(qtbot, window)
    dialog.set_new_hotel({"name": "Pulitzer", "kind": "hotel", "latitude": 52.37366,
                          "longitude": 4.88432, "exact": True})
    stack = window.document.undo_stack  # type: ignore[union-attr]
    index, count = stack.index(), stack.count()
    add_record = edits.add_record

    def refuse_stays(session: object, kind: str, values: dict[str, object]) -> object:
        if kind == "stay":
            raise InputError("those nights were just taken")
        return add_record(session, kind, values)  # type: ignore[arg-type]

    monkeypatch.setattr(edits, "add_record", refuse_stays)
    ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.error.text() == "those nights were just taken"
    assert window.last_message == ""  # said in the dialog, once
    assert (stack.index(), stack.count(), stack.canRedo()) == (index, count, False)
    assert window.places.model.rowCount() == 0 and not window.stays.stays
    monkeypatch.setattr(edits, "add_record", add_record)
    ok(qtbot, dialog)  # the same OK once the nights may be had: both, one step
    qtbot.waitUntil(lambda: len(window.stays.stays) == 1)
    assert stack.index() == index + 1 and window.places.model.rowCount() == 1


def test_the_hotels_list_reads_only_stays_and_only_while_it_can_be_seen(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """Behind another dock tab the list reads nothing on an edit (thousands of hosts' offices
    made it slow on every change); it catches up when its tab comes forward, reading the stays
    alone, and the night dialog lists the hotels without reading every place."""
    from ui.panels import stays as stays_module

    panel = window.stays
    window.map_dock.raise_()
    qtbot.waitUntil(lambda: not stays_module.seen(panel))
    asked: list[str] = []
    records = stays_module.records
    monkeypatch.setattr(stays_module, "records",
                        lambda kind, keys=None: asked.append(kind) or records(kind, keys))
    add_place(qtbot, window, "Hotel d'Angleterre", "55.680251, 12.5860937")
    office = AddRecord(window.document, "place", {  # type: ignore[arg-type]
        "name": "Novo Nordisk", "kind": "office", "latitude": 55.72, "longitude": 12.58}, "Add")
    assert commands.execute(office)
    QApplication.processEvents()
    assert asked == [] and panel.stale  # nothing read while behind the map
    window.stays_dock.raise_()
    qtbot.waitUntil(lambda: not panel.stale)
    assert asked == ["stay"] and len(gaps(panel)) == 4
    dialog = panel.add()
    assert dialog is not None
    assert [dialog.hotel_box.itemText(n) for n in range(dialog.hotel_box.count())] == [
        "Hotel d'Angleterre · Copenhagen, DK", "New hotel…"]  # not the office
    assert "place" not in asked
    dialog.reject()
