"""A train or a flight between two places gets its end proposed by the item editor: the start
plus the ride the travel model finds (:func:`planner.journeys.proposed_ride`), said under the
end, followed while the user has not set the end herself, and a "Use" to take it afterwards. An
existing item's end is never changed by opening it."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDateTimeEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from planner import edits, journeys
from planner.formatting import duration_text
from planner.journeys import _ride, proposed_ride
from planner.model import AgendaItem, ItemKind, Place
from planner.queries import load_tour
from planner.store import TourStore
from planner.timezones import to_local
from planner.travel import Ride, TravelSettings
from tests.ui.conftest import screenshot
from tests.ui.test_item_editor import new_dialog, when
from tests.ui.test_item_editor import window as window  # the window on this module's tour
from ui import commands
from ui.dialogs.item import ItemDialog, open_item_editor
from ui.mainwindow import MainWindow

DAY = date(2027, 6, 8)
PLACES = {  # name: (kind, latitude, longitude, city, country)
    "Berlin Hbf": ("station", 52.5251, 13.3694, "Berlin", "DE"),
    "Hamburg Hbf": ("station", 53.5530, 10.0069, "Hamburg", "DE"),
    "Berlin Brandenburg Airport": ("airport", 52.3667, 13.5033, "Berlin", "DE"),
    "Munich Airport": ("airport", 48.3538, 11.7861, "Munich", "DE"),
}


@pytest.fixture
def tour(tmp_path: Path) -> Path:
    """An empty tour with two main stations and two airports, and nothing else."""
    path = tmp_path / "rides.ecovisit"
    edits.create_tour(path, "Rides", DAY, DAY + timedelta(days=3), home_zone="Asia/Tokyo")
    with TourStore.open(path) as store, store.transaction() as session:
        for name, (kind, latitude, longitude, city, country) in PLACES.items():
            edits.add_record(session, "place", {
                "name": name, "kind": kind, "latitude": latitude, "longitude": longitude,
                "city": city, "country": country, "exact": True})
    return path


def place_key(dialog: ItemDialog, name: str) -> int:
    return next(key for key, place in dialog.places.items() if place.name == name)


def the_ride(tour: Path, kind: ItemKind, origin: str, destination: str) -> Ride:
    """The ride the planner proposes between two of the tour's places, read from the file."""
    with TourStore.open(tour) as store, store.transaction() as session:
        places = {p.name: p for p in session.scalars(select(Place))}
        settings = TravelSettings.from_json(load_tour(session).travel_settings)
        ride = proposed_ride(settings, kind, places[origin], places[destination])
    assert ride is not None
    return ride


def shown(edit: QDateTimeEdit) -> str:
    return edit.dateTime().toString("yyyy-MM-dd HH:mm")


def journey(qtbot: QtBot, dialog: ItemDialog, kind: str, origin: str, destination: str,
            start: str = "2027-06-08 09:00") -> None:
    """Choose *kind*, the start and the two places; wait for the proposal (the first ride of
    the process waits for the travel model, prepared on a worker)."""
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    when(dialog.start, start)
    dialog.place.set_key(place_key(dialog, origin))
    dialog.destination.set_key(place_key(dialog, destination))
    proposed(qtbot, dialog)


def proposed(qtbot: QtBot, dialog: ItemDialog) -> None:
    qtbot.waitUntil(lambda: dialog.details_form.isRowVisible(dialog.proposal_box),
                    timeout=30_000)


def plus(start: str, minutes: int) -> str:
    return f"{datetime.fromisoformat(start) + timedelta(minutes=minutes):%Y-%m-%d %H:%M}"


def test_a_new_train_ends_when_the_ride_arrives_until_the_end_is_typed(
        qtbot: QtBot, window: MainWindow, tour: Path) -> None:
    dialog = new_dialog(qtbot, window)
    proposal = dialog.proposal_box
    assert not dialog.details_form.isRowVisible(proposal)  # a meeting: nothing to propose
    journey(qtbot, dialog, "train", "Berlin Hbf", "Hamburg Hbf")
    ride = the_ride(tour, ItemKind.TRAIN, "Berlin Hbf", "Hamburg Hbf")
    assert ride.mode == "rail"
    assert shown(dialog.end) == plus("2027-06-08 09:00", ride.minutes)
    assert dialog.details_form.isRowVisible(proposal)
    assert dialog.proposal.text() == f"Proposed: {ride.summary} · {duration_text(ride.minutes)}"
    assert dialog.use_proposal.isHidden()  # the end is the proposal
    when(dialog.start, "2027-06-08 10:30")  # the end keeps following the start
    assert shown(dialog.end) == plus("2027-06-08 10:30", ride.minutes)
    # the way back: the end follows the new ride
    back = the_ride(tour, ItemKind.TRAIN, "Hamburg Hbf", "Berlin Hbf")
    dialog.place.set_key(place_key(dialog, "Hamburg Hbf"))
    dialog.destination.set_key(place_key(dialog, "Berlin Hbf"))
    assert shown(dialog.end) == plus("2027-06-08 10:30", back.minutes)

    when(dialog.end, "2027-06-08 13:10")  # the coordinator knows her train
    assert not dialog.use_proposal.isHidden()
    dialog.place.set_key(place_key(dialog, "Berlin Hbf"))  # places changed: her end stays
    dialog.destination.set_key(place_key(dialog, "Hamburg Hbf"))
    assert shown(dialog.end) == "2027-06-08 13:10"
    assert dialog.proposal.text() == f"Proposed: {ride.summary} · {duration_text(ride.minutes)}"
    when(dialog.start, "2027-06-08 10:00")  # a new start still moves it, keeping its length
    assert shown(dialog.end) == "2027-06-08 12:40"
    dialog.use_proposal.click()  # "Use" takes the proposal ...
    assert shown(dialog.end) == plus("2027-06-08 10:00", ride.minutes)
    assert dialog.use_proposal.isHidden()
    dialog.place.set_key(place_key(dialog, "Hamburg Hbf"))  # ... and follows it again
    dialog.destination.set_key(place_key(dialog, "Berlin Hbf"))
    assert shown(dialog.end) == plus("2027-06-08 10:00", back.minutes)
    dialog.place.set_key(place_key(dialog, "Berlin Hbf"))
    dialog.destination.set_key(place_key(dialog, "Hamburg Hbf"))
    dialog.title.setText("ICE to Hamburg")
    dialog.accept()
    assert not dialog.isVisible(), dialog.error.text()
    [train] = stored(tour)
    assert train.end - train.start == timedelta(minutes=ride.minutes)
    assert to_local(train.start, train.zone).strftime("%H:%M") == "10:00"


def test_an_existing_trains_end_is_not_changed_by_opening_it(
        qtbot: QtBot, window: MainWindow, tour: Path) -> None:
    doc = window.document
    assert doc is not None
    with TourStore.open(tour) as store, store.transaction() as session:
        keys = {p.name: p.id for p in session.scalars(select(Place))}
    start = datetime(2027, 6, 8, 7, 0, tzinfo=UTC)
    assert commands.execute(commands.AddRecord(doc, "item", {
        "title": "ICE 1234", "kind": "train", "start": start, "end": start + timedelta(
            minutes=150), "zone": "Europe/Berlin", "place_id": keys["Berlin Hbf"],
        "destination_id": keys["Hamburg Hbf"]}, "Add ICE 1234"))
    [before] = stored(tour)
    count = doc.undo_stack.count()
    dialog = open_item_editor(doc, window, before.uid)
    qtbot.addWidget(dialog)
    proposed(qtbot, dialog)
    ride = the_ride(tour, ItemKind.TRAIN, "Berlin Hbf", "Hamburg Hbf")
    assert ride.minutes != 150
    assert shown(dialog.end) == "2027-06-08 11:30"  # as stored
    assert dialog.details_form.isRowVisible(dialog.proposal_box)
    assert not dialog.use_proposal.isHidden()
    assert dialog.changes(dialog.values()) == {}
    dialog.accept()
    assert doc.undo_stack.count() == count
    [after] = stored(tour)
    assert (after.start, after.end) == (before.start, before.end)
    dialog = open_item_editor(doc, window, before.uid)  # Use, and it is an edit of the end
    qtbot.addWidget(dialog)
    proposed(qtbot, dialog)
    dialog.use_proposal.click()
    assert dialog.changes(dialog.values())["end"] == before.start + timedelta(
        minutes=ride.minutes)
    dialog.reject()


def test_a_flight_between_two_airports_is_proposed_likewise(
        qtbot: QtBot, window: MainWindow, tour: Path) -> None:
    dialog = new_dialog(qtbot, window)
    journey(qtbot, dialog, "flight", "Berlin Brandenburg Airport", "Munich Airport",
            "2027-06-09 07:15")
    ride = the_ride(tour, ItemKind.FLIGHT, "Berlin Brandenburg Airport", "Munich Airport")
    assert ride.mode == "flight"
    assert shown(dialog.end) == plus("2027-06-09 07:15", ride.minutes)
    assert ride.summary in dialog.proposal.text()
    when(dialog.end, "2027-06-09 08:20")
    dialog.kind.setCurrentIndex(dialog.kind.findData("train"))  # a train instead: her end stays
    assert shown(dialog.end) == "2027-06-09 08:20"
    dialog.kind.setCurrentIndex(dialog.kind.findData("transfer"))  # by road: no proposal
    assert not dialog.details_form.isRowVisible(dialog.proposal_box)
    dialog.kind.setCurrentIndex(dialog.kind.findData("flight"))
    dialog.use_proposal.click()
    assert shown(dialog.end) == plus("2027-06-09 07:15", ride.minutes)
    dialog.reject()


def test_the_first_ride_is_prepared_on_a_worker(qtbot: QtBot, window: MainWindow) -> None:
    """The travel model's network is loaded on a worker (a second or so, once a process), not
    while the editor waits; the proposal comes when it is ready, even to an end typed meanwhile
    (then only said), and an editor closed meanwhile is left alone."""
    journeys._prepared.clear()
    dialog = new_dialog(qtbot, window)
    dialog.kind.setCurrentIndex(dialog.kind.findData("train"))
    when(dialog.start, "2027-06-08 09:00")
    assert dialog._preparing
    dialog.place.set_key(place_key(dialog, "Berlin Hbf"))
    dialog.destination.set_key(place_key(dialog, "Hamburg Hbf"))
    when(dialog.end, "2027-06-08 11:00")
    proposed(qtbot, dialog)
    assert shown(dialog.end) == "2027-06-08 11:00" and not dialog.use_proposal.isHidden()
    dialog.reject()
    journeys._prepared.clear()
    dialog = new_dialog(qtbot, window)  # deleted when closed
    with qtbot.waitSignal(window.operations.finished, timeout=30_000):
        dialog.kind.setCurrentIndex(dialog.kind.findData("flight"))
        dialog.reject()
    assert journeys.ready(window.document.plan.settings)  # type: ignore[union-attr]


def test_a_ride_is_found_without_freezing_the_editor(qtbot: QtBot, window: MainWindow) -> None:
    """Once the travel model is ready, choosing places answers at once."""
    dialog = new_dialog(qtbot, window)
    journey(qtbot, dialog, "train", "Berlin Hbf", "Hamburg Hbf")
    _ride.cache_clear()
    took = []
    for origin, destination in (("Hamburg Hbf", "Berlin Hbf"), ("Berlin Hbf", "Hamburg Hbf")):
        began = time.perf_counter()
        dialog.place.set_key(place_key(dialog, origin))
        dialog.destination.set_key(place_key(dialog, destination))
        took.append(time.perf_counter() - began)
    assert max(took) < 0.5, took  # the first ride of a process took 1.2 s before (loading)
    dialog.reject()


@pytest.mark.parametrize("language", ["en", "ja"])
def test_pictures_of_a_proposed_train(qtbot: QtBot, window: MainWindow, language: str) -> None:
    window.set_language(language)
    try:
        dialog = new_dialog(qtbot, window)
        journey(qtbot, dialog, "train", "Berlin Hbf", "Hamburg Hbf")
        dialog.title.setText("ICE 1234")
        when(dialog.end, "2027-06-08 10:51")
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.use_proposal.isVisible()
        screenshot(dialog, f"item-editor-train-proposed-{language}.png")
        dialog.reject()
    finally:
        window.set_language("en")


def stored(tour: Path) -> list[Any]:
    with TourStore.open(tour) as store, store.transaction() as session:
        return list(session.scalars(select(AgendaItem).order_by(AgendaItem.start)))
