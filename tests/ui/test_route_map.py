"""The route map on the demo tour: where things are drawn, the shared selection both ways, zoom,
pan and fit, the day filter, refreshing after an edit, names shown as typed."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from itertools import combinations
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QHelpEvent, QMouseEvent, QTextDocument, QWheelEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from planner.geo.mapping import Box, mercator_y
from planner.route import Mode
from tests.ui.conftest import screenshot
from ui import commands
from ui.mainwindow import MainWindow
from ui.views.route_map import ZOOM_STEP, MapCanvas, RouteMapView

CELONIS = "Process mining for manufacturing"
ROUTE_CITIES = ("Helsinki", "Espoo", "Berlin", "Potsdam", "Munich", "Garching", "Paris",
                "Boulogne-Billancourt", "Maisons-Alfort")
FRIDAY = date(2027, 5, 14)


@pytest.fixture
def view(qtbot: QtBot, window: MainWindow) -> Iterator[RouteMapView]:
    """The route map of the window's tour, sharing the window's selection (and its
    operations, on which it reads)."""
    shown = RouteMapView(window.selection, window.operations)
    qtbot.addWidget(shown)
    shown.resize(1100, 800)
    shown.show()
    qtbot.waitExposed(shown)
    with qtbot.waitSignal(shown.refreshed, timeout=30_000):
        shown.set_document(window.document)
    yield shown
    shown.set_document(None)


def place(view: RouteMapView, name: str) -> int:
    return next(p.id for p in view.route.places.values() if p.name == name)


def uid_of(window: MainWindow, title: str) -> str:
    return next(i.uid for i in window.agenda_model.all_items() if i.title == title)


def pixel(view: RouteMapView, point: QPointF) -> tuple[int, int, int]:
    image = view.canvas.grab().toImage()
    colour = image.pixelColor(point.toPoint())
    return colour.red(), colour.green(), colour.blue()


def rgb(colour: object) -> tuple[int, int, int]:
    return colour.red(), colour.green(), colour.blue()  # type: ignore[attr-defined]


def click(canvas: MapCanvas, at: QPointF,
          modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QApplication.processEvents()
    for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
        QApplication.sendEvent(canvas, QMouseEvent(
            kind, at, canvas.mapToGlobal(at), Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton if kind == QEvent.Type.MouseButtonPress
            else Qt.MouseButton.NoButton, modifiers))


def zoom_on(view: RouteMapView, latitude: float, longitude: float, km: float) -> None:
    box = Box.around([(latitude, longitude)], margin=0.0, minimum_km=km)
    assert box is not None
    view.canvas.fit(box)


def test_the_whole_route_is_drawn_where_it_is_on_earth(view: RouteMapView) -> None:
    canvas = view.canvas
    labels = canvas.labels()
    assert set(ROUTE_CITIES) <= set(labels)
    inside = canvas.rect()
    for key in view.route.route_places():
        if view.route.places[key].city != "Tokyo":  # the far end of the flights home
            assert inside.contains(canvas.place_point(key).toPoint()), \
                view.route.places[key].name
    helsinki, berlin = labels["Helsinki"].center(), labels["Berlin"].center()
    paris, munich = canvas.screen_point(48.86, 2.35), canvas.screen_point(48.14, 11.58)
    assert helsinki.x() > berlin.x() and helsinki.y() < berlin.y()  # north-east
    assert paris.x() < munich.x() and paris.y() < munich.y()  # west, a little north
    # to scale: a Mercator map keeps east-west and north-south distances in proportion
    dx, dy = munich.x() - paris.x(), munich.y() - paris.y()
    assert dx / dy == pytest.approx((11.58 - 2.35) / (mercator_y(48.86) - mercator_y(48.14)))
    for (a, ra), (b, rb) in combinations(labels.items(), 2):
        assert not ra.intersects(rb), f"{a} and {b} are written over each other"
    for name in ("Helsinki", "Berlin", "Munich", "Paris"):  # each near its city
        city = next(c for c in view.route.cities if c.name == name)
        anchor = canvas.screen_point(city.latitude, city.longitude)
        assert labels[name].adjusted(-40, -30, 40, 30).contains(anchor)
    # land where there is land, sea where there is sea
    assert pixel(view, canvas.screen_point(55.5, 17.0)) == rgb(canvas.tiles.sea)  # Baltic
    assert pixel(view, canvas.screen_point(50.0, 9.5)) == rgb(canvas.tiles.land)  # Hesse
    assert pixel(view, canvas.screen_point(56.5, 3.0)) == rgb(canvas.tiles.sea)  # North Sea
    assert {leg.mode for leg in canvas.drawn_legs()} == {Mode.GROUND, Mode.TRAIN, Mode.FLIGHT}
    assert len(canvas.drawn_legs()) == len(view.route.legs)
    assert [view.day_box.itemText(i) for i in range(3)] == [
        "Whole tour", "Mon 10 May · Tokyo / Helsinki", "Tue 11 May · Helsinki / Espoo"]


def test_selecting_an_item_elsewhere_highlights_its_place_and_brings_it_into_view(
        view: RouteMapView, window: MainWindow) -> None:
    canvas = view.canvas
    zoom_on(view, 60.17, 24.94, 30)  # looking at Helsinki
    celonis = place(view, "Celonis")
    assert not canvas.rect().contains(canvas.place_point(celonis).toPoint())
    scale = canvas.scale
    window.selection.select_items([uid_of(window, CELONIS)], source=window.agenda_view)
    assert canvas.highlighted == [celonis]
    assert canvas.rect().contains(canvas.place_point(celonis).toPoint())
    assert canvas.scale == scale  # moved, not zoomed
    assert "Celonis" in canvas.labels()
    screenshot(view, "route-map-selected.png")
    # an organisation selected in the directory: its office
    infineon = place(view, "Infineon Technologies")
    window.selection.select_organisations(list(view.route.places[infineon].organisations))
    assert canvas.highlighted == [infineon]
    window.selection.clear()
    assert canvas.highlighted == []


def test_clicking_a_place_selects_its_items_in_every_view(
        view: RouteMapView, window: MainWindow) -> None:
    canvas = view.canvas
    zoom_on(view, 48.14, 11.58, 12)  # Munich, close enough to tell Celonis from Siemens
    click(canvas, canvas.place_point(place(view, "Celonis")))
    assert window.selection.items == (uid_of(window, CELONIS),)
    chosen = [window.agenda_model.item_at(i).title
              for i in window.agenda_view.selectionModel().selectedRows()]
    assert chosen == [CELONIS]  # the agenda shows the same selection
    assert canvas.highlighted == [place(view, "Celonis")]
    # Ctrl adds the places' items to the selection
    click(canvas, canvas.place_point(place(view, "BMW Group")),
          Qt.KeyboardModifier.ControlModifier)
    assert window.selection.items == (uid_of(window, CELONIS),
                                      uid_of(window, "BMW Startup Garage and the "
                                             "software-defined vehicle"))
    # a directory office with no meetings selects its organisation
    infineon = place(view, "Infineon Technologies")
    click(canvas, canvas.place_point(infineon))
    assert window.selection.items == ()
    assert window.selection.organisations == view.route.places[infineon].organisations
    assert window.organisations.current_record().name == "Infineon Technologies"
    # the empty map clears it
    click(canvas, QPointF(5, 5))
    assert window.selection.organisations == () and window.selection.items == ()


def test_zoom_pan_and_fit(qtbot: QtBot, view: RouteMapView) -> None:
    canvas = view.canvas
    fitted_scale, fitted_centre = canvas.scale, canvas.centre
    view.zoom_in_action.trigger()
    assert canvas.scale == pytest.approx(fitted_scale * ZOOM_STEP)
    assert canvas.centre == pytest.approx(fitted_centre)
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    assert canvas.scale == pytest.approx(fitted_scale / ZOOM_STEP)
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert canvas.scale == pytest.approx(fitted_scale)
    # the wheel zooms around the mouse: Munich stays under it
    munich = canvas.screen_point(48.14, 11.58)
    for _ in range(14):
        QApplication.sendEvent(canvas, QWheelEvent(
            munich, canvas.mapToGlobal(munich), QPoint(), QPoint(0, 120),
            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase, False))
    assert canvas.scale == pytest.approx(fitted_scale * ZOOM_STEP ** 14)
    after = canvas.screen_point(48.14, 11.58)
    assert (after.x(), after.y()) == pytest.approx((munich.x(), munich.y()), abs=0.5)
    assert {"Celonis", "BMW Group", "Hotel Bayerischer Hof"} <= set(canvas.labels())
    # dragging pans, and is not a click
    before = canvas.screen_point(48.14, 11.58)
    start, end = QPointF(600, 400), QPointF(450, 300)
    QApplication.sendEvent(canvas, QMouseEvent(
        QEvent.Type.MouseButtonPress, start, canvas.mapToGlobal(start),
        Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    for step in range(1, 6):
        at = start + (end - start) * (step / 5)
        QApplication.sendEvent(canvas, QMouseEvent(
            QEvent.Type.MouseMove, at, canvas.mapToGlobal(at), Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    QApplication.sendEvent(canvas, QMouseEvent(
        QEvent.Type.MouseButtonRelease, end, canvas.mapToGlobal(end),
        Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))
    moved = canvas.screen_point(48.14, 11.58)
    assert (moved.x() - before.x(), moved.y() - before.y()) == pytest.approx((-150, -100))
    assert view.selection.items == () and view.selection.organisations == ()
    view.fit_action.trigger()
    assert canvas.scale == pytest.approx(fitted_scale)
    assert canvas.centre == pytest.approx(fitted_centre)


def test_the_day_filter_draws_one_day_in_order(view: RouteMapView, window: MainWindow) -> None:
    canvas = view.canvas
    view.day_box.setCurrentIndex(view.day_box.findText("Fri 14 May · Berlin / Potsdam / Munich"))
    assert canvas.day == FRIDAY
    legs = canvas.drawn_legs()
    assert legs == view.route.legs_on(FRIDAY)
    assert [leg.mode for leg in legs] == [Mode.GROUND, Mode.GROUND, Mode.TRAIN, Mode.GROUND,
                                          Mode.GROUND, Mode.GROUND]
    for key in view.route.stops_on(FRIDAY):  # fitted to the day
        assert canvas.rect().contains(canvas.place_point(key).toPoint())
    assert not canvas.rect().contains(canvas.place_point(place(view, "Hotel Kämp")).toPoint())
    assert set(canvas.labels()) >= {"Berlin", "Munich", "Potsdam"}
    assert "Helsinki" not in canvas.labels() and "Paris" not in canvas.labels()
    screenshot(view, "route-map-day.png")
    # selecting an item of another day shows that day
    window.selection.select_items([uid_of(window, CELONIS)])
    assert canvas.day == date(2027, 5, 17)
    assert "Mon 17 May" in view.day_box.currentText()
    view.day_box.setCurrentIndex(0)
    assert canvas.day is None and len(canvas.drawn_legs()) == len(view.route.legs)


def test_the_map_follows_edits_and_undo(qtbot: QtBot, view: RouteMapView,
                                        window: MainWindow) -> None:
    document = window.document
    assert document is not None
    dinner = next(i for i in window.agenda_model.all_items() if i.title == "Bavarian dinner")
    keller = place(view, "Augustiner-Keller")
    assert view.route.places[keller].on_route
    with qtbot.waitSignal(view.refreshed):
        assert commands.execute(commands.DeleteRecord(document, "item", dinner.id, dinner.title))
    assert not view.route.places.get(keller) or not view.route.places[keller].on_route
    last = view.route.legs_on(FRIDAY)[-1]
    assert (view.route.places[last.origin].name, view.route.places[last.destination].name) == \
        ("Siemens AG", "Hotel Bayerischer Hof")
    with qtbot.waitSignal(view.refreshed):
        window.undo_action.trigger()
    assert view.route.places[keller].on_route


def test_names_show_as_typed_in_the_tooltip(qtbot: QtBot, view: RouteMapView,
                                            window: MainWindow) -> None:
    document = window.document
    assert document is not None
    celonis = place(view, "Celonis")
    organisation = view.route.places[celonis].organisations[0]
    with qtbot.waitSignal(view.refreshed):
        assert commands.execute(commands.SetField(document, "organisation", organisation,
                                                  "name", "A<b>&Co;", "Celonis"))
    text = view.tooltip_for(celonis)
    shown = QTextDocument()
    shown.setHtml(text)
    plain = shown.toPlainText()
    assert "A<b>&Co;" in plain
    assert "Celonis" in plain and "Office · Munich, DE" in plain
    assert "Mon 17 May 15:15–16:30  Process mining for manufacturing" in plain
    zoom_on(view, 48.14, 11.58, 12)
    canvas = view.canvas
    at = canvas.place_point(celonis).toPoint()
    QApplication.sendEvent(canvas, QHelpEvent(QEvent.Type.ToolTip, at, canvas.mapToGlobal(at)))
    assert QToolTip.text() == text
    QToolTip.hideText()


def test_the_map_speaks_the_window_language(view: RouteMapView, window: MainWindow) -> None:
    window.set_language("ja")
    view.retranslate()
    try:
        assert view.day_box.itemText(1).startswith("5月10日(月)")
    finally:
        window.set_language("en")
        view.retranslate()
    assert view.day_box.itemText(1).startswith("Mon 10 May")


def test_no_tour_no_route(view: RouteMapView) -> None:
    view.set_document(None)
    assert view.route.places == {} and view.canvas.drawn_legs() == []
    assert view.day_box.count() == 1
    assert not view.grab().isNull()


def test_screenshot_of_the_whole_tour(view: RouteMapView, window: MainWindow) -> None:
    window.selection.select_items([uid_of(window, CELONIS)])
    QApplication.processEvents()
    screenshot(view, "route-map.png")


def test_the_views_read_on_a_worker_and_refuse_to_be_made_without_one(
        qtbot: QtBot, view: RouteMapView, window: MainWindow,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.views import route_map
    from ui.views.coverage import CoverageView

    threads: list[threading.Thread] = []
    real = route_map._read_route

    def read(document: Any) -> Any:
        threads.append(threading.current_thread())
        return real(document)

    monkeypatch.setattr(route_map, "_read_route", read)
    with qtbot.waitSignal(view.refreshed, timeout=30_000):
        view.reload()
    assert threads and threading.main_thread() not in threads
    for make in (RouteMapView, CoverageView):
        with pytest.raises(TypeError, match="operations"):
            make(window.selection, None)  # type: ignore[arg-type]
