"""Places on a tour built from nothing: added by a pasted map link, a click on the route map or
a city's name; a misspelt city answered with suggestions; moved, deleted (not a hotel with
nights), undone and redone; an organisation's office edited the same way."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QToolButton
from pytestqt.qtbot import QtBot

from planner.edits import create_tour
from planner.geo.mapping import Box
from tests.ui.conftest import open_window, screenshot
from ui import commands
from ui.commands import AddRecord
from ui.mainwindow import MainWindow
from ui.panels.places import PlaceDialog
from ui.views.route_map import MapCanvas
from ui.widgets.location import LocationField, reveal

#: Hotel d'Angleterre, Copenhagen, as Google Maps links it (the pin is !3d...!4d...).
GOOGLE_LINK = ("https://www.google.com/maps/place/Hotel+d'Angleterre/@55.6802,12.5836,17z/"
               "data=!3m1!4b1!4m9!3m8!1s0x4652531345a3a3a3:0x6c0cfb7a7e9ea2a!5m2!4m1!1i2!8m2!"
               "3d55.680251!4d12.5860937!16s%2Fg%2F1tdqg7s5")
#: Grand Hôtel Stockholm, to be clicked on the map.
GRAND_HOTEL = (59.32953, 18.07432)
#: The window's texts in Japanese that the lead has not merged into the .qm yet.


def to_japanese(window: MainWindow) -> None:
    """The window in Japanese."""
    window.set_language("ja")
    QApplication.processEvents()  # every widget's LanguageChange
    window.retranslate()
    QApplication.processEvents()  # and the layouts after the new texts


def to_english(window: MainWindow) -> None:
    window.set_language("en")
    QApplication.processEvents()


@pytest.fixture
def tour_path(tmp_path: Path) -> Path:
    """A new, empty five-day tour (Monday 3 to Friday 7 May 2027: four nights)."""
    path = tmp_path / "nordic.ecovisit"
    create_tour(path, "Nordic tour", date(2027, 5, 3), date(2027, 5, 7),
                home_zone="Asia/Tokyo")
    return path


@pytest.fixture
def window(qtbot: QtBot, tour_path: Path) -> Iterator[MainWindow]:
    """The main window on the new tour."""
    shown = open_window(qtbot, tour_path)
    yield shown
    shown.translators.install("en")
    shown.close()


# --- helpers the stays' tests share ----------------------------------------------------------

def find(qtbot: QtBot, field: LocationField, text: str) -> Any:
    """Type *text* into the field and press Enter; the place found."""
    field.edit.clear()
    qtbot.keyClicks(field.edit, text) if len(text) < 60 else field.edit.setText(text)
    with qtbot.waitSignal(field.located, timeout=60_000):
        qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    return field.found


def open_place_dialog(qtbot: QtBot, window: MainWindow) -> PlaceDialog:
    window.add_place_action.trigger()
    dialog = window.places.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def add_place(qtbot: QtBot, window: MainWindow, name: str, location: str) -> int:
    """Add a place through Tour > Add Place…; its key."""
    dialog = open_place_dialog(qtbot, window)
    dialog.name_edit.setText(name)  # QTest types ASCII only
    find(qtbot, dialog.location, location)
    qtbot.mouseClick(dialog.ok_button,
                     Qt.MouseButton.LeftButton)
    assert dialog.key is not None
    return dialog.key


def place(window: MainWindow, key: int) -> Any:
    model = window.places.model
    row = model.row_of(key)
    return None if row is None else model.record_at(row)


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat = math.radians((a[0] + b[0]) / 2)
    return math.hypot((a[0] - b[0]) * 111.2, (a[1] - b[1]) * 111.2 * math.cos(lat))


def click(canvas: MapCanvas, at: QPointF) -> None:
    QApplication.processEvents()
    for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
        from PySide6.QtGui import QMouseEvent

        QApplication.sendEvent(canvas, QMouseEvent(
            kind, at, canvas.mapToGlobal(at), Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton if kind == QEvent.Type.MouseButtonPress
            else Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))


def message_boxes(window: MainWindow) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


# --- adding places -----------------------------------------------------------------------------

def test_a_hotel_added_by_a_pasted_google_maps_link_is_exact_and_undoable(
        qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_place_dialog(qtbot, window)
    qtbot.keyClicks(dialog.name_edit, "Hotel d'Angleterre")
    ok = dialog.ok_button
    assert not ok.isEnabled()  # no place without its point
    dialog.location.edit.setText(GOOGLE_LINK)  # pasted
    with qtbot.waitSignal(dialog.location.located, timeout=60_000):
        qtbot.keyClick(dialog.location.edit, Qt.Key.Key_Return)  # finds, does not press OK
    assert dialog.isVisible()
    said = dialog.location.result.text()
    assert said.startswith("55.68025, 12.58609 · Europe/Copenhagen · ")
    assert "(from a map link)" in said
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    key = dialog.key
    assert key is not None
    hotel = place(window, key)
    assert (hotel.name, hotel.kind.value, hotel.city, hotel.country, hotel.zone, hotel.exact) == \
        ("Hotel d'Angleterre", "hotel", "Copenhagen", "DK", "Europe/Copenhagen", True)
    assert km((hotel.latitude, hotel.longitude), (55.680251, 12.5860937)) < 0.01
    # shown and current in the Places list, in the directory
    assert window.directory_tabs.currentWidget() is window.places
    assert window.places.current_record().id == key
    assert window.places.form.editors["name"].text() == "Hotel d'Angleterre"
    stack = window.document.undo_stack  # type: ignore[union-attr]
    assert stack.undoText() == "Add Hotel d'Angleterre"
    stack.undo()
    assert place(window, key) is None
    stack.redo()
    assert place(window, key).name == "Hotel d'Angleterre"  # the same record, the same key


def test_a_hotel_picked_on_the_map(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_place_dialog(qtbot, window)
    dialog.name_edit.setText("Grand Hôtel")  # (QTest cannot type ô)
    map_view, canvas = window.route_map, window.route_map.canvas
    qtbot.mouseClick(dialog.location.pick_button, Qt.MouseButton.LeftButton)
    # the dialog steps aside; the map comes forward in pick mode
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.map_dock.isVisible() and map_view.isVisible()
    assert map_view.picking and map_view.pick_bar.isVisible()
    assert canvas.cursor().shape() == Qt.CursorShape.CrossCursor
    assert map_view.pick_hint.text().startswith("Click the place on the map; Esc cancels.")
    # an empty tour's map shows Europe, with something to click
    assert canvas.point_at(QPointF(canvas.width() / 2, canvas.height() / 2))[0] > 40
    screenshot(window, "pick-on-map-en.png")
    to_japanese(window)
    screenshot(window, "pick-on-map-ja.png")
    to_english(window)
    assert map_view.picking
    # zoom in on Stockholm as a user would, then click the hotel
    canvas.fit(Box.around([GRAND_HOTEL], margin=0.0, minimum_km=30))
    at = canvas.screen_point(*GRAND_HOTEL)
    click(canvas, at)
    qtbot.waitUntil(dialog.isVisible)
    assert not map_view.picking and not map_view.pick_bar.isVisible()
    qtbot.waitUntil(lambda: dialog.location.found is not None, timeout=60_000)
    found = dialog.location.found
    assert km((found.latitude, found.longitude), GRAND_HOTEL) < 0.2
    assert (found.zone, found.city, found.country, found.exact) == \
        ("Europe/Stockholm", "Stockholm", "SE", True)
    assert "(picked on the map)" in dialog.location.result.text()
    qtbot.mouseClick(dialog.ok_button,
                     Qt.MouseButton.LeftButton)
    hotel = place(window, dialog.key)  # type: ignore[arg-type]
    assert km((hotel.latitude, hotel.longitude), GRAND_HOTEL) < 3
    assert hotel.zone == "Europe/Stockholm"


def test_escape_leaves_pick_mode_and_changes_nothing(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_place_dialog(qtbot, window)
    dialog.location.pick()
    qtbot.waitUntil(lambda: window.route_map.picking)
    qtbot.keyClick(window.route_map.canvas, Qt.Key.Key_Escape)
    qtbot.waitUntil(dialog.isVisible)
    assert not window.route_map.picking
    assert dialog.location.found is None and dialog.location.result.text() == ""
    # a click on the map now chooses places again, it picks nothing
    click(window.route_map.canvas, QPointF(100, 100))
    assert dialog.location.found is None


def test_a_place_by_city_name_is_approximate(qtbot: QtBot, window: MainWindow) -> None:
    key = add_place(qtbot, window, "Okura", "Amsterdam, NL")
    hotel = place(window, key)
    assert (hotel.city, hotel.country, hotel.zone, hotel.exact) == \
        ("Amsterdam", "NL", "Europe/Amsterdam", False)
    panel = window.places
    assert panel.current_record().id == key
    location = panel.model.column_of("name") + 5  # the "Location" column
    assert panel.model.index(panel.model.row_of(key), location).data() == "approximate"
    assert panel.section.approximate.isVisible()
    assert "approximate (the centre of the city)" in panel.section.location.result.text()


def test_a_misspelt_city_offers_suggestions_that_look_up_when_clicked(
        qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_place_dialog(qtbot, window)
    qtbot.keyClicks(dialog.name_edit, "Hotel Alexandra")
    field = dialog.location
    with qtbot.waitSignal(field.failed, timeout=60_000) as failed:
        field.look_up("Copenhagn")
    assert failed.args == ["unknown city 'Copenhagn' (not in the offline gazetteer)"]
    assert field.result.text() == failed.args[0]
    assert field.suggestions == ["Copenhagen, DK"]
    buttons = [b for b in field.findChildren(QToolButton, "locationSuggestion")
               if b.isVisible()]
    assert [b.text() for b in buttons] == ["Copenhagen, DK"]
    assert field.suggestion_label.text() == "Did you mean:"
    assert not dialog.ok_button.isEnabled()
    screenshot(dialog, "location-suggestion-en.png")
    to_japanese(window)
    screenshot(dialog, "location-suggestion-ja.png")
    to_english(window)
    with qtbot.waitSignal(field.located, timeout=60_000):
        qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    assert field.edit.text() == "Copenhagen, DK"
    assert field.found.city == "Copenhagen" and not field.found.exact
    assert "approximate: the centre of Copenhagen" in field.result.text()
    assert not field.suggestion_bar.isVisible()
    assert dialog.ok_button.isEnabled()


def test_an_airport_code_names_the_airport(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_place_dialog(qtbot, window)
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("airport"))
    found = find(qtbot, dialog.location, "ARN")
    assert dialog.name_edit.text() == found.name  # the airport's name, as nothing was typed
    assert found.exact and found.zone == "Europe/Stockholm"
    qtbot.mouseClick(dialog.ok_button,
                     Qt.MouseButton.LeftButton)
    assert place(window, dialog.key).kind.value == "airport"  # type: ignore[arg-type]


# --- moving, filtering, deleting --------------------------------------------------------------

def test_moving_a_place_from_its_form(qtbot: QtBot, window: MainWindow) -> None:
    key = add_place(qtbot, window, "Okura", "Amsterdam, NL")
    panel = window.places
    section = panel.section
    assert section.isEnabled()
    find(qtbot, section.location, "52.35071, 4.89441")  # the hotel's door
    moved = place(window, key)
    assert (moved.latitude, moved.longitude, moved.exact) == (52.35071, 4.89441, True)
    assert moved.zone == "Europe/Amsterdam" and moved.city == "Amsterdam"
    assert not section.approximate.isVisible()
    assert section.location.result.text().startswith("52.35071, 4.89441 · Europe/Amsterdam")
    stack = window.document.undo_stack  # type: ignore[union-attr]
    assert stack.undoText() == "Move Okura"
    stack.undo()
    back = place(window, key)
    assert not back.exact and section.approximate.isVisible()
    assert "approximate" in section.location.result.text()
    stack.redo()
    assert place(window, key).exact


def test_the_list_filters_and_sorts_places(qtbot: QtBot, window: MainWindow) -> None:
    document = window.document
    assert document is not None
    for name, kind, city, lat, lon in (
            ("Tivoli Hotel", "hotel", "Copenhagen", 55.6684, 12.5621),
            ("Copenhagen Central Station", "station", "Copenhagen", 55.6726, 12.5646),
            ("Stockholm Central", "station", "Stockholm", 59.3303, 18.0578),
            ("Noma", "restaurant", "Copenhagen", 55.6828, 12.6103)):
        commands.execute(AddRecord(document, "place", {
            "name": name, "kind": kind, "city": city, "country": "SE" if city == "Stockholm" else "DK",
            "latitude": lat, "longitude": lon, "exact": True}, name))
    panel = window.places
    assert panel.model.rowCount() == 4
    qtbot.keyClicks(panel.filter_box, "station")
    assert panel.proxy.rowCount() == 2 and panel.count_label.text() == "2 / 4"
    panel.filter_box.clear()
    qtbot.keyClicks(panel.filter_box, "stockholm")  # the zone, too
    assert [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())] == \
        ["Stockholm Central"]
    panel.filter_box.clear()
    panel.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [panel.proxy.index(r, 0).data() for r in range(4)] == \
        ["Copenhagen Central Station", "Noma", "Stockholm Central", "Tivoli Hotel"]
    # the form shows the zone and the coordinates, read-only
    reveal(panel)
    panel.select_key(next(panel.model.record_at(r).id for r in range(4)
                          if panel.model.record_at(r).name == "Tivoli Hotel"))
    assert panel.form.findChild(object, "place_4").text() == "Europe/Copenhagen"
    assert panel.form.findChild(object, "place_6").text() == "55.66840, 12.56210"
    screenshot(window, "places-panel-en.png")
    to_japanese(window)
    screenshot(window, "places-panel-ja.png")
    to_english(window)


def test_a_hotel_with_nights_cannot_be_deleted(qtbot: QtBot, window: MainWindow) -> None:
    key = add_place(qtbot, window, "Hotel d'Angleterre", "55.680251, 12.5860937")
    document = window.document
    assert document is not None
    assert commands.execute(AddRecord(document, "stay", {
        "place_id": key, "check_in": date(2027, 5, 3), "check_out": date(2027, 5, 5)},
        "Add nights"))
    stack = document.undo_stack
    index = stack.index()
    panel = window.places
    panel.select_key(key)
    panel.table.setFocus()
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert place(window, key) is not None
    assert stack.index() == index  # nothing to undo: nothing happened
    assert window.last_message == ("place name: Hotel d'Angleterre is the hotel of 1 stay(s): "
                                   "delete those nights first")
    assert len(message_boxes(window)) == 1  # said once
    # a hotel without nights goes, and comes back with undo
    stack.undo()  # the nights
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert place(window, key) is None
    stack.undo()
    assert place(window, key).name == "Hotel d'Angleterre"


# --- an organisation's office -----------------------------------------------------------------

def test_an_organisations_office_is_found_moved_and_edited(qtbot: QtBot,
                                                           window: MainWindow) -> None:
    document = window.document
    assert document is not None
    add = AddRecord(document, "organisation", {"name": "Novo Nordisk Foundation"}, "Add")
    assert commands.execute(add)
    browser = window.organisations
    browser.select_key(add.key)  # type: ignore[arg-type]
    section = window.organisation_place
    assert section.isEnabled() and section.status.isVisible()
    # the read-only City and Address labels are gone from the form: these edit them
    city_label = browser.form.findChild(object, "organisation_3")
    assert city_label is not None and not city_label.isVisible()
    qtbot.keyClicks(section.edits["address"], "Tuborg Havnevej 19")
    qtbot.keyClick(section.edits["address"], Qt.Key.Key_Tab)
    stack = document.undo_stack
    index = stack.index()
    find(qtbot, section.location, "55.72357, 12.58431")
    organisation = browser.current_record()
    office = organisation.place
    assert office is not None and stack.index() == index + 1  # one step
    assert (office.name, office.kind.value, office.address, office.city, office.country,
            office.zone, office.exact) == ("Novo Nordisk Foundation", "office",
                                           "Tuborg Havnevej 19", "Copenhagen", "DK",
                                           "Europe/Copenhagen", True)
    assert stack.undoText() == "Set the office of Novo Nordisk Foundation"
    browser.form.ensureWidgetVisible(section)
    QApplication.processEvents()
    screenshot(window.directory_dock, "organisation-office-en.png")
    to_japanese(window)
    screenshot(window.directory_dock, "organisation-office-ja.png")
    to_english(window)
    assert not section.status.isVisible()
    assert section.edits["city"].text() == "Copenhagen"
    # the city, typed: one undoable change of the place
    section.edits["city"].selectAll()
    qtbot.keyClicks(section.edits["city"], "Hellerup")
    qtbot.keyClick(section.edits["city"], Qt.Key.Key_Return)
    assert browser.current_record().place.city == "Hellerup"
    assert stack.undoText() == "Change city of Novo Nordisk Foundation"
    # a bad country is refused once, and the field shows the stored value again
    section.edits["country"].selectAll()
    qtbot.keyClicks(section.edits["country"], "Narnia")
    qtbot.keyClick(section.edits["country"], Qt.Key.Key_Return)
    assert section.edits["country"].text() == "DK"
    assert "country" in window.last_message and len(message_boxes(window)) == 1
    # moved by a map link
    find(qtbot, section.location, "https://www.openstreetmap.org/?mlat=55.68633&mlon=12.59919")
    moved = browser.current_record().place
    assert (moved.latitude, moved.longitude) == (55.68633, 12.59919)
    assert stack.undoText() == "Move Novo Nordisk Foundation"
    # picked on the map: the map comes forward, then the directory with the form again
    section.location.pick()
    canvas = window.route_map.canvas
    qtbot.waitUntil(lambda: window.route_map.picking and canvas.isVisible())
    qtbot.waitUntil(lambda: section.visibleRegion().isEmpty())  # the map's tab in front
    canvas.fit(Box.around([(55.6761, 12.5683)], margin=0.0, minimum_km=20))
    with qtbot.waitSignal(section.location.located, timeout=60_000):
        click(canvas, canvas.screen_point(55.6761, 12.5683))
    qtbot.waitUntil(lambda: not section.visibleRegion().isEmpty())  # the form's in front
    assert window.directory_tabs.currentWidget() is browser
    picked = browser.current_record().place
    assert km((picked.latitude, picked.longitude), (55.6761, 12.5683)) < 0.2
    assert picked.exact and stack.undoText() == "Move Novo Nordisk Foundation"
    # undo all the way: no office again, and no stray place
    while stack.index() > index:
        stack.undo()
    assert browser.current_record().place is None
    assert window.places.model.rowCount() == 0
    assert section.status.isVisible() and section.edits["city"].text() == ""
    stack.redo()
    assert browser.current_record().place.address == "Tuborg Havnevej 19"


def test_an_office_edit_in_the_window_never_moves_a_shared_hotel(qtbot: QtBot,
                                                                 window: MainWindow) -> None:
    """An organisation put at a hotel (``ecovisit set ... place=Hotel``, a JSON tour): typing
    its office's city or finding where it is gives it an office of its own; the hotel stays,
    and one undo puts the organisation back at the hotel."""
    document = window.document
    assert document is not None
    hotel = AddRecord(document, "place", {"name": "Hotel d'Angleterre", "kind": "hotel",
                                          "address": "Kongens Nytorv 34", "city": "Copenhagen",
                                          "country": "DK", "latitude": 55.680251,
                                          "longitude": 12.5860937}, "Add")
    add = AddRecord(document, "organisation", {"name": "BLOXHUB"}, "Add")
    assert commands.execute(hotel) and commands.execute(add)
    assert commands.execute(commands.SetField(document, "organisation", add.key, "place_id",
                                              hotel.key, "BLOXHUB"))
    browser, section = window.organisations, window.organisation_place
    browser.select_key(add.key)  # type: ignore[arg-type]
    assert section.edits["city"].text() == "Copenhagen"
    stack = document.undo_stack
    index = stack.index()
    section.edits["city"].selectAll()
    qtbot.keyClicks(section.edits["city"], "Hellerup")
    qtbot.keyClick(section.edits["city"], Qt.Key.Key_Return)
    office = browser.current_record().place
    assert (office.id != hotel.key and office.name, office.kind.value, office.city,
            office.address) == ("BLOXHUB", "office", "Hellerup", "Kongens Nytorv 34")
    assert place(window, hotel.key).city == "Copenhagen"  # type: ignore[arg-type]
    assert stack.index() == index + 1
    assert stack.undoText() == "Change city of BLOXHUB"
    stack.undo()
    assert browser.current_record().place.id == hotel.key
    assert window.places.model.rowCount() == 1 and section.edits["city"].text() == "Copenhagen"
    # found somewhere else: the hotel stays where it is, the organisation gets its own office
    find(qtbot, section.location, "55.6795, 12.5713")
    moved = browser.current_record().place
    assert moved.id != hotel.key and (moved.latitude, moved.longitude) == (55.6795, 12.5713)
    kept = place(window, hotel.key)  # type: ignore[arg-type]
    assert (kept.latitude, kept.longitude) == (55.680251, 12.5860937)
    assert stack.index() == index + 1 and stack.undoText() == "Move BLOXHUB"
    stack.undo()
    assert browser.current_record().place.id == hotel.key
    stack.redo()
    assert browser.current_record().place.id == moved.id  # the same office again


def test_a_location_box_without_the_windows_operations_is_refused(qtbot: QtBot) -> None:
    """Looking a place up on the main thread would freeze the window: no quiet fallback."""
    from PySide6.QtWidgets import QWidget

    from ui.operations import Operations

    holder = QWidget()
    qtbot.addWidget(holder)
    with pytest.raises(TypeError, match="operations"):
        LocationField(holder, None)  # type: ignore[arg-type]
    operations = Operations(holder)
    assert LocationField(holder, operations).operations is operations


@pytest.mark.parametrize(("language", "how", "centre"), [
    ("en", "Kastrup Airport, Copenhagen, DK (airport)", "approximate: the centre of Aarhus"),
    ("ja", "Kastrup Airport, Copenhagen, DK (空港)", "概算：Aarhusの中心")])
def test_the_location_box_says_how_a_place_was_found_in_the_windows_language(
        qapp: QApplication, language: str, how: str, centre: str) -> None:
    from planner.geo.locate import Located
    from ui.i18n import Translators
    from ui.widgets.location import describe, stored_text

    translators = Translators()
    try:
        translators.install(language)
        airport = Located(55.6181, 12.656, "Europe/Copenhagen", True, "airport",
                          "Copenhagen", "DK", "Kastrup Airport")
        assert describe(airport).split(" · ")[-1] == how
        city = Located(56.1567, 10.2108, "Europe/Copenhagen", False, "city", "Aarhus", "DK")
        assert describe(city).split(" · ")[-1] == centre
        approximate = stored_text(56.1567, 10.2108, "Europe/Copenhagen", False, "Aarhus", "DK")
        assert approximate.endswith("approximate (the centre of the city)" if language == "en"
                                    else "概算（都市の中心）")
    finally:
        translators.install("en")


def test_a_station_name_gives_the_station_and_its_kind(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_place_dialog(qtbot, window)
    found = find(qtbot, dialog.location, "Koln Hbf")  # as typed on a keyboard without ö
    assert dialog.name_edit.text() == "Köln Hbf" and found.exact
    assert dialog.kind_box.currentData() == "station"
    assert "station" in dialog.location.result.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert place(window, dialog.key).kind.value == "station"  # type: ignore[arg-type]


def test_tab_goes_down_the_place_form(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_place_dialog(qtbot, window)
    order = [dialog.name_edit]
    while len(order) < 50 and order[-1].nextInFocusChain() is not dialog.name_edit:
        order.append(order[-1].nextInFocusChain())
    focusable = [w for w in order if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert focusable.index(dialog.kind_box) < focusable.index(dialog.location.edit) \
        < focusable.index(dialog.address_edit)
