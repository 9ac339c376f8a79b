"""One clock for a day, wherever a time is typed: on a changeover day (Stockholm to Helsinki,
an hour apart) "10:00" without a place means the same instant on the command line
(``ecovisit add-item`` without ``--place``), in the item editor's new-item defaults, on the
timeline and for an item added without a zone (:func:`planner.dayplan.day_zone`)."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from planner import edits, lookup
from planner.cli import main
from planner.dayplan import day_plan, day_zone_in
from planner.store import TourStore
from tests.ui.conftest import open_window
from tests.ui.test_item_creation import build_tour, local, stored_items
from ui.dialogs.item import ItemDialog, new_item_defaults

CHANGEOVER = date(2027, 5, 6)  # woken up in Stockholm, asleep in Helsinki


def changeover_tour(folder: Path) -> Path:
    """The new Nordic tour, its last night in Helsinki instead of Stockholm."""
    folder.mkdir()
    path = build_tour(folder)
    with TourStore.open(path) as store, store.transaction() as session:
        edits.set_fields(session, "stay", 2, {"check_out": "2027-05-06"})
        helsinki = edits.add_record(session, "place", {
            "name": "Hotel Lilla Roberts", "kind": "hotel", "city": "Helsinki",
            "country": "FI", "latitude": 60.1636, "longitude": 24.9436, "exact": True}).value
        edits.add_record(session, "stay", {"place_id": helsinki, "check_in": "2027-05-06",
                                           "check_out": "2027-05-07"})
    return path


def test_a_changeover_day_reads_ten_oclock_alike_on_the_command_line_and_in_the_window(
        qtbot: QtBot, tmp_path: Path) -> None:
    by_cli = changeover_tour(tmp_path / "cli")
    out = io.StringIO()
    assert main(["add-item", str(by_cli), "Walk", "--kind", "free", "--start",
                 "2027-05-06 10:00", "--minutes", "30", "--json"], out) == 0
    added = json.loads(out.getvalue())
    assert (added["zone"], added["start"]) == ("Europe/Stockholm", "2027-05-06T10:00:00+02:00")

    in_window = changeover_tour(tmp_path / "window")
    window = open_window(qtbot, in_window)
    try:
        document = window.document
        assert document is not None
        defaults = new_item_defaults(document, CHANGEOVER)
        assert defaults["zone"] == "Europe/Stockholm"
        assert day_plan(document.plan, document.travel, CHANGEOVER,
                        document.tour.home_zone).zone == "Europe/Stockholm"
        dialog = ItemDialog(document, None, window, defaults=defaults)
        qtbot.addWidget(dialog)
        dialog.title.setText("Walk")
        dialog.kind.setCurrentIndex(dialog.kind.findData("free"))
        dialog.start.setTime(dialog.start.time().fromString("10:00", "HH:mm"))
        dialog.accept()
        assert not dialog.isVisible(), dialog.error.text()
    finally:
        window.close()
    [walk] = stored_items(in_window)
    assert local(walk) == "2027-05-06 10:00–11:00 Europe/Stockholm"
    assert walk.start.isoformat() == "2027-05-06T08:00:00+00:00"  # the CLI's instant


def test_an_item_added_without_a_zone_takes_its_days_zone(tmp_path: Path) -> None:
    """The hotel woken up in, until the day's first item says otherwise (not the hotel the
    delegation leaves for, as the command line read it, nor the one it leaves)."""
    path = changeover_tour(tmp_path / "tour")
    with TourStore.open(path) as store, store.transaction() as session:
        assert day_zone_in(session, CHANGEOVER) == "Europe/Stockholm"
        assert day_zone_in(session, date(2027, 5, 7)) == "Europe/Helsinki"
        assert day_zone_in(session, date(2027, 5, 3)) == "Europe/Copenhagen"  # first night
        assert day_zone_in(session, date(2027, 5, 20)) == "Asia/Tokyo"  # home
        edits.add_record(session, "item", {
            "title": "Call", "kind": "other",
            "start": "2027-05-06T08:00:00+00:00", "end": "2027-05-06T08:30:00+00:00"})
        helsinki = lookup.find(session, "place", "Hotel Lilla Roberts").id
        edits.add_record(session, "item", {
            "title": "Breakfast", "kind": "meal", "place_id": helsinki,
            "start": "2027-05-06T07:00:00+03:00", "end": "2027-05-06T07:30:00+03:00"})
        assert day_zone_in(session, CHANGEOVER) == "Europe/Helsinki"  # its first item's
        edits.add_record(session, "item", {
            "title": "Debrief", "kind": "other",
            "start": "2027-05-06T15:00:00+00:00", "end": "2027-05-06T15:30:00+00:00"})
    zones = {item.title: item.zone for item in stored_items(path)}
    assert zones == {"Call": "Europe/Stockholm", "Breakfast": "Europe/Helsinki",
                     "Debrief": "Europe/Helsinki"}
